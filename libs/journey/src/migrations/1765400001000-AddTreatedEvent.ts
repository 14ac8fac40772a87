import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `treated` (spec/journey.md): an outpatient treatment at a hospital, for the many patients
 * never admitted; like an admission or a discharge it names the hospital.
 */
export class AddTreatedEvent1765400001000 implements MigrationInterface {
  name = 'AddTreatedEvent1765400001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE journey_events DROP CONSTRAINT journey_events_type_check, DROP CONSTRAINT journey_events_hospital`);
    await q.query(`ALTER TABLE journey_events ADD CONSTRAINT journey_events_type_check CHECK (type IN ('arrived','departed','entry_refused','admitted','discharged','treated')),
      ADD CONSTRAINT journey_events_hospital CHECK ((type IN ('admitted','discharged','treated')) = (hospital_id IS NOT NULL))`);
    // Telemedicine asks for a patient's latest treatment at a hospital.
    await q.query(`CREATE INDEX journey_events_treatment_idx ON journey_events (patient_id, hospital_id, at DESC) WHERE type IN ('discharged','treated')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX journey_events_treatment_idx`);
    await q.query(`ALTER TABLE journey_events DROP CONSTRAINT journey_events_type_check, DROP CONSTRAINT journey_events_hospital`);
    await q.query(`ALTER TABLE journey_events ADD CONSTRAINT journey_events_type_check CHECK (type IN ('arrived','departed','entry_refused','admitted','discharged')),
      ADD CONSTRAINT journey_events_hospital CHECK ((type IN ('admitted','discharged')) = (hospital_id IS NOT NULL))`);
  }
}
