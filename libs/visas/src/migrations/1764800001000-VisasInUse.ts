import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Visas in use (spec/journey.md): `expired` is stored by the nightly job, so lists,
 * verification and figures agree; each arrival counts against the entries the visa allows.
 */
export class VisasInUse1764800001000 implements MigrationInterface {
  name = 'VisasInUse1764800001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE visas DROP CONSTRAINT visas_status_check`);
    await q.query(`ALTER TABLE visas ADD CONSTRAINT visas_status_check CHECK (status IN ('issued','used','expired','cancelled'))`);
    await q.query(`ALTER TABLE visas ADD COLUMN entries_used integer NOT NULL DEFAULT 0 CHECK (entries_used >= 0)`);
    await q.query(`ALTER TABLE visas ADD COLUMN last_entry_at timestamptz`);
    // The nightly expiry looks for issued visas by their enter-by date.
    await q.query(`CREATE INDEX visas_issued_enter_by_idx ON visas (enter_by) WHERE status = 'issued'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX visas_issued_enter_by_idx`);
    await q.query(`ALTER TABLE visas DROP COLUMN last_entry_at`);
    await q.query(`ALTER TABLE visas DROP COLUMN entries_used`);
    await q.query(`UPDATE visas SET status = 'issued' WHERE status = 'expired'`);
    await q.query(`ALTER TABLE visas DROP CONSTRAINT visas_status_check`);
    await q.query(`ALTER TABLE visas ADD CONSTRAINT visas_status_check CHECK (status IN ('issued','used','cancelled'))`);
  }
}
