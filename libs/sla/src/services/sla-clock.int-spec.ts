import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { AuditService, ManualClock } from '@medjourney/platform';
import { startTestApp, type TestApp } from '@medjourney/testing';
import { SlaClockService } from './sla-clock.service.js';

const NOW = new Date('2026-11-23T00:00:00Z');

/** Firing due stages in batches, on the real database with a manual clock (calendar mode, a 100 s target). */
describe('SLA stages fired in batches', () => {
  let t: TestApp;
  let sla: SlaClockService;
  let officerId: string;

  beforeAll(async () => {
    t = await startTestApp({ clock: new ManualClock(NOW), env: { SLA_CALENDAR: 'calendar', SLA_TARGET: 'PT100S', SLA_TARGET_CERTIFICATE: 'PT100S' } });
    sla = t.app.get(SlaClockService);
    officerId = (await t.user('officer')).id;
  });
  afterAll(() => t.close());

  /** Applications submitted now, their clocks started as submit starts them. */
  async function submitted(n: number, tag: string): Promise<string[]> {
    const [sponsor] = await t.db.query(
      `INSERT INTO hospitals (name, license_number, type, bed_count, region, address, registration_number, registration_valid_until)
       VALUES ($1, $1, 'clinic', 1, 'Seoul', 'x', 'R', '2099-01-01') RETURNING id`,
      [`Batch ${tag}`],
    );
    const [user] = await t.db.query(`INSERT INTO users (email, name, role) VALUES ($1, 'P', 'patient') RETURNING id`, [`batch.${tag.toLowerCase()}@example.kz`]);
    const [patient] = await t.db.query(`INSERT INTO patients (email, name) VALUES ($1, 'P') RETURNING id`, [`batch.${tag.toLowerCase()}@example.kz`]);
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      await t.db.transaction(async (m) => {
        const [app] = await m.query(
          `INSERT INTO visa_applications (reference, sponsor_hospital_id, patient_id, patient_user_id, created_by, status, track, category, entries, stay_from, stay_until, treatment, submitted_at, assigned_officer_id, assigned_at)
           VALUES ($1, $2, $3, $4, $4, 'submitted', 'e_visa', 'C-3-3', 'single', '2031-01-01', '2031-01-10', '{}', $5, $6, $5) RETURNING id`,
          [`MV-${tag}-${String(i).padStart(6, '0')}`, sponsor.id, patient.id, user.id, t.clock.now(), officerId],
        );
        await m.query(`INSERT INTO visa_application_events (application_id, action, to_status, occurred_at) VALUES ($1, 'submit', 'submitted', $2)`, [app.id, t.clock.now()]);
        await sla.start(m, app.id);
        ids.push(app.id);
      });
    }
    return ids;
  }

  const effects = async (ids: string[]) =>
    (await t.db.query('SELECT application_id, stage, due_instant, fired_at FROM sla_stage_effects WHERE application_id = ANY($1) ORDER BY application_id, due_instant', [ids])) as {
      application_id: string;
      stage: string;
      due_instant: Date;
      fired_at: Date;
    }[];

  it('fires nothing before its instant, then each due stage exactly once when three batches race', async () => {
    t.clock.set(NOW);
    const ids = await submitted(60, 'RACE');
    t.clock.set(new Date(NOW.getTime() + 49_999));
    expect(await sla.fireDue()).toEqual([]);
    t.clock.set(new Date(NOW.getTime() + 50_000));
    const batches = await Promise.all([sla.fireDue(25), sla.fireDue(25), sla.fireDue(25)]);
    const fired = batches.flat();
    // Batches skip the rows another holds: together they fire every warning, none twice.
    expect(fired).toHaveLength(60);
    expect(new Set(fired.map((f) => f.applicationId)).size).toBe(60);
    expect(fired.every((f) => f.stage === 'warning' && f.cycle === 1)).toBe(true);
    expect(await sla.fireDue()).toEqual([]);
    const rows = await effects(ids);
    expect(rows).toHaveLength(60);
    expect(rows.every((r) => r.due_instant.getTime() === NOW.getTime() + 50_000)).toBe(true);
    const [{ notices, timers }] = await t.db.query(
      `SELECT count(*) FILTER (WHERE job_name = 'sla-notice')::int AS notices, count(*) FILTER (WHERE job_name = 'stage-due' AND payload->>'stage' = 'escalation')::int AS timers
         FROM outbox WHERE payload->>'applicationId' = ANY($1)`,
      [ids],
    );
    expect({ notices, timers }).toEqual({ notices: 60, timers: 60 });
    const [{ audited }] = await t.db.query(`SELECT count(*)::int AS audited FROM audit_log WHERE action = 'sla.warning' AND entity_id = ANY($1)`, [ids]);
    expect(audited).toBe(60);
    expect((await t.app.get(AuditService).verify()).valid).toBe(true);
  });

  it('the reconciler catches up on overdue stages in order, one stage per application per pass', async () => {
    t.clock.set(NOW);
    const ids = await submitted(30, 'LATE');
    t.clock.set(new Date(NOW.getTime() + 200_000)); // every stage overdue
    // The first test's applications are overdue too: their escalation and breach fire as well.
    expect((await sla.reconcile(7)).fired).toBe(90 + 60 * 2);
    expect(await sla.fireDue()).toEqual([]);
    const rows = await effects(ids);
    for (const id of ids) expect(rows.filter((r) => r.application_id === id).map((r) => r.stage)).toEqual(['warning', 'escalation', 'breach']);
    const levels = await t.db.query('SELECT DISTINCT escalation_level, next_stage FROM visa_applications WHERE id = ANY($1)', [ids]);
    expect(levels).toEqual([{ escalation_level: 2, next_stage: null }]);
  });

  it('a timer whose application another transaction holds waits for the row, then fires its stage', async () => {
    t.clock.set(NOW);
    const [id] = await submitted(1, 'HELD');
    t.clock.set(new Date(NOW.getTime() + 50_000));
    const holder = new pg.Client({ connectionString: t.config.databaseUrl });
    await holder.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('SELECT 1 FROM visa_applications WHERE id = $1 FOR UPDATE', [id]);
      const firing = sla.fire(id, 'warning', 1);
      await new Promise((r) => setTimeout(r, 300));
      expect(await effects([id])).toEqual([]);
      await holder.query('COMMIT');
      expect(await firing).toBe(true);
    } finally {
      await holder.end();
    }
    expect((await effects([id])).map((r) => r.stage)).toEqual(['warning']);
    // A second delivery of the same timer changes nothing.
    expect(await sla.fire(id, 'warning', 1)).toBe(false);
    expect(await effects([id])).toHaveLength(1);
  });
});
