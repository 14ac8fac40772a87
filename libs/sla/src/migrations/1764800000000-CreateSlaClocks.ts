import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The SLA's own tables: each application's clock (cycle, running or not, next stage and its
 * instant, due time, escalation) and the record of what moved it, which the SLA read from the
 * visa history before. Existing clocks are copied from visa_applications and
 * visa_application_events (the one time this code reads them), their stage timers armed on the
 * platform's timers, then the columns only the SLA used are dropped. visa_applications keeps
 * due_at and escalation_level: the officers' work queue and the list filters sort and filter on
 * them, and the SLA writes them through the port visas provides (SlaApplicationsPort).
 */
export class CreateSlaClocks1764800000000 implements MigrationInterface {
  name = 'CreateSlaClocks1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE sla_clocks (
        application_id uuid PRIMARY KEY,
        track text NOT NULL CHECK (track IN ('e_visa','certificate')),
        cycle integer NOT NULL DEFAULT 0,
        state text NOT NULL CHECK (state IN ('running','paused','stopped')),
        next_stage text CHECK (next_stage IN ('warning','escalation','breach')),
        next_stage_at timestamptz,
        due_at timestamptz,
        escalation_level integer NOT NULL DEFAULT 0 CHECK (escalation_level BETWEEN 0 AND 2),
        CONSTRAINT sla_clocks_next_stage_whole CHECK ((next_stage IS NULL) = (next_stage_at IS NULL))
      )`);
    await q.query(`
      CREATE TABLE sla_clock_events (
        id bigserial PRIMARY KEY,
        application_id uuid NOT NULL,
        action text NOT NULL CHECK (action IN ('submit','resubmit','request_supplement','decide','withdraw','lapse')),
        occurred_at timestamptz NOT NULL,
        actor_role text NOT NULL,
        actor_id uuid
      )`);
    await q.query(`CREATE INDEX sla_clock_events_application_idx ON sla_clock_events (application_id, id)`);

    await q.query(`
      INSERT INTO sla_clocks (application_id, track, cycle, state, next_stage, next_stage_at, due_at, escalation_level)
      SELECT id, track, sla_cycle,
             CASE WHEN status IN ('submitted','in_review') THEN 'running' WHEN status = 'supplement_requested' THEN 'paused' ELSE 'stopped' END,
             next_stage, next_stage_at, due_at, escalation_level
        FROM visa_applications WHERE track IS NOT NULL AND sla_cycle > 0`);
    await q.query(`
      INSERT INTO sla_clock_events (application_id, action, occurred_at, actor_role, actor_id)
      SELECT e.application_id, e.action, e.occurred_at, COALESCE(e.actor_role, 'system'), e.actor_id
        FROM visa_application_events e JOIN sla_clocks c ON c.application_id = e.application_id
       WHERE e.action IN ('submit','resubmit','request_supplement','decide','withdraw','lapse')
       ORDER BY e.id`);
    // The stage timers of running clocks; the timers' reconciler sends their jobs.
    await q.query(`
      INSERT INTO timers (key, kind, at, payload)
      SELECT 'sla.stage.' || application_id, 'sla.stage', next_stage_at, jsonb_build_object('applicationId', application_id, 'stage', next_stage, 'cycle', cycle)
        FROM sla_clocks WHERE next_stage IS NOT NULL
      ON CONFLICT (key) DO NOTHING`);
    await q.query(`ALTER TABLE visa_applications DROP CONSTRAINT visa_applications_next_stage_whole, DROP COLUMN next_stage_at, DROP COLUMN next_stage, DROP COLUMN sla_cycle`);
    // Stage effects belong to the clock now, not to the application row.
    await q.query(`ALTER TABLE sla_stage_effects DROP CONSTRAINT sla_stage_effects_application_id_fkey`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE visa_applications
        ADD COLUMN sla_cycle integer NOT NULL DEFAULT 0,
        ADD COLUMN next_stage text CHECK (next_stage IN ('warning','escalation','breach')),
        ADD COLUMN next_stage_at timestamptz,
        ADD CONSTRAINT visa_applications_next_stage_whole CHECK ((next_stage IS NULL) = (next_stage_at IS NULL))`);
    await q.query(`CREATE INDEX visa_applications_next_stage_idx ON visa_applications (next_stage_at) WHERE next_stage_at IS NOT NULL`);
    await q.query(`
      UPDATE visa_applications a SET sla_cycle = c.cycle, next_stage = c.next_stage, next_stage_at = c.next_stage_at
        FROM sla_clocks c WHERE c.application_id = a.id`);
    await q.query(`ALTER TABLE sla_stage_effects ADD CONSTRAINT sla_stage_effects_application_id_fkey FOREIGN KEY (application_id) REFERENCES visa_applications(id) ON DELETE CASCADE`);
    await q.query(`DELETE FROM timers WHERE kind = 'sla.stage'`);
    await q.query(`DROP TABLE sla_clock_events`);
    await q.query(`DROP TABLE sla_clocks`);
  }
}
