import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The development mailbox (spec/journey.md, Notifications): without SMTP_URL, outside
 * production, every e-mail is kept here instead of being sent. In PostgreSQL, not in memory,
 * because the worker sends most mail and the API shows it.
 */
export class CreateDevMailbox1765100000000 implements MigrationInterface {
  name = 'CreateDevMailbox1765100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE dev_mailbox (
        id bigserial PRIMARY KEY,
        to_address text NOT NULL,
        subject text NOT NULL,
        body text NOT NULL,
        sent_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX dev_mailbox_to_idx ON dev_mailbox (to_address, id DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE dev_mailbox`);
  }
}
