import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The processing-target clock of visa applications (spec/sla.md). */
export class CreateSlaTimers1763900006000 implements MigrationInterface {
  name = 'CreateSlaTimers1763900006000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE visa_applications
        ADD COLUMN sla_cycle integer NOT NULL DEFAULT 0,
        ADD COLUMN escalation_level integer NOT NULL DEFAULT 0 CHECK (escalation_level BETWEEN 0 AND 2),
        ADD COLUMN next_stage text CHECK (next_stage IN ('warning','escalation','breach')),
        ADD COLUMN next_stage_at timestamptz,
        ADD CONSTRAINT visa_applications_next_stage_whole CHECK ((next_stage IS NULL) = (next_stage_at IS NULL))`);
    // The reconciler's scan: stages whose instant has come.
    await q.query(`CREATE INDEX visa_applications_next_stage_idx ON visa_applications (next_stage_at) WHERE next_stage_at IS NOT NULL`);
    await q.query(`CREATE INDEX visa_applications_assigned_open_idx ON visa_applications (assigned_officer_id) WHERE status IN ('submitted','in_review','supplement_requested')`);
    // A stage's effect, once per application and stage, whoever delivers it and however often.
    await q.query(`
      CREATE TABLE sla_stage_effects (
        application_id uuid NOT NULL REFERENCES visa_applications(id) ON DELETE CASCADE,
        stage text NOT NULL CHECK (stage IN ('warning','escalation','breach')),
        cycle integer NOT NULL,
        due_instant timestamptz NOT NULL,
        fired_at timestamptz NOT NULL,
        lateness_seconds double precision NOT NULL,
        officer_id uuid,
        PRIMARY KEY (application_id, stage)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE sla_stage_effects`);
    await q.query(`ALTER TABLE visa_applications DROP CONSTRAINT visa_applications_next_stage_whole, DROP COLUMN next_stage_at, DROP COLUMN next_stage, DROP COLUMN escalation_level, DROP COLUMN sla_cycle`);
  }
}
