import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The development mailbox keeps the iCalendar invitation a letter carries (telemedicine's appointment e-mails), so it can be read back. */
export class DevMailboxCalendar1765800000000 implements MigrationInterface {
  name = 'DevMailboxCalendar1765800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE dev_mailbox ADD COLUMN calendar text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE dev_mailbox DROP COLUMN calendar`);
  }
}
