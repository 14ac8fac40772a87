import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The notification centre (spec/journey.md, Notifications): one row per recipient and notice. */
export class CreateNotifications1764700001000 implements MigrationInterface {
  name = 'CreateNotifications1764700001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE notifications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        recipient_id uuid NOT NULL,
        kind text NOT NULL,
        title text NOT NULL,
        body text NOT NULL,
        refs jsonb NOT NULL DEFAULT '{}',
        link text,
        source_event_id uuid NOT NULL,
        created_at timestamptz NOT NULL,
        read_at timestamptz,
        -- E-mail delivery: the address when SMTP_URL was set at creation, then each attempt's outcome.
        email_to text,
        email_sent_at timestamptz,
        email_attempts integer NOT NULL DEFAULT 0,
        email_last_error text,
        -- However often the subscriber runs: one per recipient, source event and kind.
        CONSTRAINT notifications_once UNIQUE (recipient_id, source_event_id, kind)
      )`);
    // The inbox: unread first, then newest (keyset on these columns).
    await q.query(`CREATE INDEX notifications_inbox_idx ON notifications (recipient_id, (CASE WHEN read_at IS NULL THEN 1 ELSE 0 END) DESC, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX notifications_unread_idx ON notifications (recipient_id) WHERE read_at IS NULL`);
    await q.query(`CREATE INDEX notifications_email_pending_idx ON notifications (created_at) WHERE email_to IS NOT NULL AND email_sent_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE notifications`);
  }
}
