import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each person's passport number also in its masked form (`M1234****`, spec/security.md), beside
 * the sealed value, so that lists show it without decrypting anything. Rows written before this
 * migration are filled in by the worker's `visas/mask-backfill` job (the key that unseals them is
 * the application's, not the database's), in pages found through the partial index; until a row
 * is filled, a list decrypts it as before.
 */
export class StorePassportNumberMasked1765700001000 implements MigrationInterface {
  name = 'StorePassportNumberMasked1765700001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE visa_persons ADD COLUMN passport_number_masked text`);
    await q.query(`CREATE INDEX visa_persons_unmasked_idx ON visa_persons (id) WHERE passport_number_masked IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX visa_persons_unmasked_idx`);
    await q.query(`ALTER TABLE visa_persons DROP COLUMN passport_number_masked`);
  }
}
