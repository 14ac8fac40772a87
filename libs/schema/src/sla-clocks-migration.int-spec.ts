import { afterAll, describe, expect, it } from '@jest/globals';
import { migrate } from '@medjourney/platform';
import { adminQuery, databaseUrl, runId } from '@medjourney/testing';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { MIGRATIONS } from './schema.js';

const NAME = `mj_m_${runId()}_${randomBytes(3).toString('hex')}`;
const cfg = { databaseUrl: databaseUrl(NAME), databasePoolSize: 2, databaseConnectTimeoutMs: 5000 };

/** CreateSlaClocks and the later migrations of sla_clocks, which run last, on the old columns' data. */
const CLOCK_MIGRATIONS = ['CreateSlaClocks1764800000000', 'StoreSlaStageInstants1765855000000'];

/** CreateSlaClocks on a database that already holds applications whose clocks ran under the old columns. */
describe('moving the SLA clocks into their own tables', () => {
  afterAll(() => adminQuery(`DROP DATABASE IF EXISTS ${NAME} WITH (FORCE)`));

  it('copies each submitted application\'s clock and what moved it, arms the stage timers, and drops the old columns', async () => {
    await migrate(cfg, MIGRATIONS.filter((m) => !CLOCK_MIGRATIONS.includes(m.name)));
    const db = new DataSource({ type: 'postgres', url: cfg.databaseUrl });
    await db.initialize();
    try {
      const [hospital] = await db.query(
        `INSERT INTO hospitals (name, license_number, type, bed_count, region, address, registration_number, registration_valid_until)
         VALUES ('H', 'L', 'clinic', 1, 'Seoul', 'x', 'R', '2099-01-01') RETURNING id`,
      );
      const [user] = await db.query(`INSERT INTO users (email, name, role) VALUES ('p@example.kz', 'P', 'patient') RETURNING id`);
      const [officer] = await db.query(`INSERT INTO users (email, name, role) VALUES ('o@example.kz', 'O', 'officer') RETURNING id`);
      const [patient] = await db.query(`INSERT INTO patients (email, name) VALUES ('p@example.kz', 'P') RETURNING id`);
      const app = async (ref: string, status: string, clock: { track: string | null; cycle: number; next?: [string, string]; due?: string; level?: number }) =>
        (
          await db.query(
            `INSERT INTO visa_applications (reference, sponsor_hospital_id, patient_id, patient_user_id, created_by, status, track, category, entries, stay_from, stay_until, treatment,
                                            submitted_at, sla_cycle, next_stage, next_stage_at, due_at, escalation_level)
             VALUES ($1, $2, $3, $4, $4, $5, $6, 'C-3-3', 'single', '2031-01-01', '2031-01-10', '{}', CASE WHEN $6::text IS NULL THEN NULL ELSE '2026-11-23T00:00:00Z'::timestamptz END, $7, $8, $9, $10, $11) RETURNING id`,
            [ref, hospital.id, patient.id, user.id, status, clock.track, clock.cycle, clock.next?.[0] ?? null, clock.next?.[1] ?? null, clock.due ?? null, clock.level ?? 0],
          )
        )[0].id as string;
      const running = await app('MV-1', 'in_review', { track: 'e_visa', cycle: 2, next: ['escalation', '2026-11-26T00:00:00Z'], due: '2026-11-27T00:00:00Z' });
      const paused = await app('MV-2', 'supplement_requested', { track: 'certificate', cycle: 1 });
      const decided = await app('MV-3', 'approved', { track: 'e_visa', cycle: 1, level: 2 });
      const draft = await app('MV-4', 'draft', { track: null, cycle: 0 });
      const history: [string, string, string, string | null][] = [
        [running, 'submit', 'hospital_coordinator', null],
        [running, 'start_review', 'officer', officer.id],
        [running, 'request_supplement', 'officer', officer.id],
        [running, 'resubmit', 'hospital_coordinator', null],
        [paused, 'submit', 'hospital_coordinator', null],
        [paused, 'request_supplement', 'officer', officer.id],
        [decided, 'submit', 'hospital_coordinator', null],
        [decided, 'decide', 'officer', officer.id],
      ];
      for (const [i, [id, action, role, actor]] of history.entries()) {
        await db.query(`INSERT INTO visa_application_events (application_id, action, to_status, actor_role, actor_id, occurred_at) VALUES ($1, $2, 'x', $3, $4, $5)`, [
          id,
          action,
          role,
          actor,
          new Date(Date.UTC(2026, 10, 23, i)),
        ]);
      }

      expect(await migrate(cfg, MIGRATIONS)).toEqual(CLOCK_MIGRATIONS);

      const clocks = await db.query(`SELECT application_id, track, cycle, state, next_stage, next_stage_at, due_at, escalation_level FROM sla_clocks ORDER BY track DESC, cycle DESC`);
      expect(clocks).toEqual([
        { application_id: running, track: 'e_visa', cycle: 2, state: 'running', next_stage: 'escalation', next_stage_at: new Date('2026-11-26T00:00:00Z'), due_at: new Date('2026-11-27T00:00:00Z'), escalation_level: 0 },
        { application_id: decided, track: 'e_visa', cycle: 1, state: 'stopped', next_stage: null, next_stage_at: null, due_at: null, escalation_level: 2 },
        { application_id: paused, track: 'certificate', cycle: 1, state: 'paused', next_stage: null, next_stage_at: null, due_at: null, escalation_level: 0 },
      ]);
      expect(clocks.map((c: { application_id: string }) => c.application_id)).not.toContain(draft);
      // Copied clocks have no stored stage instants: their next firing plans them from the history.
      expect(await db.query(`SELECT count(*)::int AS n FROM sla_clocks WHERE warning_at IS NOT NULL OR escalation_at IS NOT NULL`)).toEqual([{ n: 0 }]);
      const moved = await db.query(`SELECT action, actor_role, actor_id FROM sla_clock_events WHERE application_id = $1 ORDER BY id`, [running]);
      expect(moved).toEqual([
        { action: 'submit', actor_role: 'hospital_coordinator', actor_id: null },
        { action: 'request_supplement', actor_role: 'officer', actor_id: officer.id },
        { action: 'resubmit', actor_role: 'hospital_coordinator', actor_id: null },
      ]);
      expect(await db.query(`SELECT key, kind, at, payload FROM timers`)).toEqual([
        { key: `sla.stage.${running}`, kind: 'sla.stage', at: new Date('2026-11-26T00:00:00Z'), payload: { applicationId: running, stage: 'escalation', cycle: 2 } },
      ]);
      const left = await db.query(`SELECT column_name FROM information_schema.columns WHERE table_name = 'visa_applications' AND column_name IN ('sla_cycle', 'next_stage', 'next_stage_at', 'due_at', 'escalation_level') ORDER BY 1`);
      expect(left.map((c: { column_name: string }) => c.column_name)).toEqual(['due_at', 'escalation_level']);
    } finally {
      await db.destroy();
    }
  });
});
