import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The language each appointment letter is written in (BCP 47, one of MESSAGE_LOCALES), sent as its Content-Language. */
export class TelemedicineMailLanguage1765850001000 implements MigrationInterface {
  name = 'TelemedicineMailLanguage1765850001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE telemedicine_mails ADD COLUMN language text NOT NULL DEFAULT 'en'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE telemedicine_mails DROP COLUMN language`);
  }
}
