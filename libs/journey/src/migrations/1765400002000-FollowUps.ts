import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The patient's follow-up appointments as telemedicine's events told them (spec/journey.md):
 * journey's own read model for the `follow_up` stage and the next steps, so that journey never
 * reads telemedicine's tables. `event_at` keeps the newest fact when deliveries come out of order.
 */
export class FollowUps1765400002000 implements MigrationInterface {
  name = 'FollowUps1765400002000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE journey_follow_ups (
        appointment_id uuid PRIMARY KEY,
        patient_id uuid NOT NULL,
        start_at timestamptz NOT NULL,
        status text NOT NULL,
        clinician_name text NOT NULL,
        hospital_name text NOT NULL,
        event_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX journey_follow_ups_patient_idx ON journey_follow_ups (patient_id, start_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE journey_follow_ups`);
  }
}
