import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The appointment e-mails (spec/telemedicine.md): each participant's invitation or cancellation
 * of one change, and the local clinician's reminders, written in the change's transaction and
 * sent once by the worker. One row per appointment, change and address, however often the
 * change's transaction or the mail's job runs.
 */
export class CreateTelemedicineMails1765800001000 implements MigrationInterface {
  name = 'CreateTelemedicineMails1765800001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE telemedicine_mails (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        appointment_id uuid NOT NULL REFERENCES telemedicine_appointments (id) ON DELETE CASCADE,
        -- booked.<sequence>, rescheduled.<sequence>, cancelled.<sequence>, reminder-24h.<start>, reminder-1h.<start>
        change text NOT NULL,
        to_address text NOT NULL,
        subject text NOT NULL,
        body text NOT NULL,
        calendar_method text CHECK (calendar_method IN ('REQUEST', 'CANCEL')),
        calendar text,
        created_at timestamptz NOT NULL,
        sent_at timestamptz,
        attempts integer NOT NULL DEFAULT 0,
        last_error text,
        CONSTRAINT telemedicine_mails_once UNIQUE (appointment_id, change, to_address),
        CONSTRAINT telemedicine_mails_calendar CHECK ((calendar IS NULL) = (calendar_method IS NULL))
      )`);
    await q.query(`CREATE INDEX telemedicine_mails_pending_idx ON telemedicine_mails (created_at) WHERE sent_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE telemedicine_mails`);
  }
}
