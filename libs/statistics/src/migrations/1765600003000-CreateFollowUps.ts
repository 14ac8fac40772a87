import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Follow-up after departure (spec/statistics.md): patients' departures and the fulfilled
 * telemedicine appointments, so that either one learned second completes the match (a
 * departure counts when a fulfilled appointment started within 90 days after it).
 */
export class CreateFollowUps1765600003000 implements MigrationInterface {
  name = 'CreateFollowUps1765600003000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE statistics_patient_departures (
        patient_id uuid NOT NULL,
        departed_at timestamptz NOT NULL,
        keys jsonb NOT NULL,
        followed_up boolean NOT NULL DEFAULT false,
        PRIMARY KEY (patient_id, departed_at)
      )`);
    await q.query(`
      CREATE TABLE statistics_follow_up_visits (
        appointment_id uuid PRIMARY KEY,
        patient_id uuid NOT NULL,
        start_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX statistics_follow_up_visits_patient_idx ON statistics_follow_up_visits (patient_id, start_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE statistics_follow_up_visits`);
    await q.query(`DROP TABLE statistics_patient_departures`);
  }
}
