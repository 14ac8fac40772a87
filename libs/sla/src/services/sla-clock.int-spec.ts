import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { AuditService, ManualClock, MetricsService, TimersService } from '@medjourney/platform';
import type { Counter, Histogram } from 'prom-client';
import { armingOf, fireTimer, runningApplications, startTestApp, type TestApp } from '@medjourney/testing';
import { SlaClockService } from './sla-clock.service.js';
import type { FiredStage } from './sla-firing.service.js';
import { SLA_STAGE_TIMER, stageTimerKey } from './sla-planning.service.js';

const NOW = new Date('2026-11-23T00:00:00Z');

/** Firing due stages in batches, on the real database with a manual clock (calendar mode, a 100 s target). */
describe('SLA stages fired in batches', () => {
  let t: TestApp;
  let sla: SlaClockService;
  let timers: TimersService;
  let officerId: string;

  beforeAll(async () => {
    t = await startTestApp({ clock: new ManualClock(NOW), env: { SLA_CALENDAR: 'calendar', SLA_TARGET: 'PT100S', SLA_TARGET_CERTIFICATE: 'PT100S' } });
    sla = t.app.get(SlaClockService);
    timers = t.app.get(TimersService);
    officerId = (await t.user('officer')).id;
  });
  afterAll(() => t.close());

  /** Applications submitted at the manual clock's instant. */
  const submitted = (n: number) => runningApplications(t, n, { officerId, at: t.clock.now() });

  const effects = async (ids: string[]) =>
    (await t.db.query('SELECT application_id, stage, due_instant, fired_at FROM sla_stage_effects WHERE application_id = ANY($1) ORDER BY application_id, due_instant', [ids])) as {
      application_id: string;
      stage: string;
      due_instant: Date;
      fired_at: Date;
    }[];

  const at = (seconds: number) => new Date(NOW.getTime() + seconds * 1000);
  /** Backends of this database waiting for a row lock. */
  const waiting = async () =>
    (await t.db.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`))[0].n as number;
  async function holding<T>(ids: string[], body: () => Promise<T>): Promise<T> {
    const holder = new pg.Client({ connectionString: t.config.databaseUrl });
    await holder.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('SELECT 1 FROM sla_clocks WHERE application_id = ANY($1) FOR UPDATE', [ids]);
      return await body();
    } finally {
      await holder.query('ROLLBACK').catch(() => undefined);
      await holder.end();
    }
  }
  /** The stage timers' firing pass, as every timer job and the reconciler run it; the stages it fired. */
  const fireDue = async (limit?: number) => (await timers.fireDue({ kind: SLA_STAGE_TIMER, limit })).flatMap((f) => (f.result ? [f.result as FiredStage] : []));
  /** Fires whatever is due for other tests' applications, so each test counts only its own. */
  async function settle() {
    while ((await fireDue()).length > 0);
  }

  it('fires nothing before its instant, then each due stage exactly once when three batches race', async () => {
    t.clock.set(NOW);
    const ids = await submitted(60);
    t.clock.set(at(49.999));
    expect(await fireDue()).toEqual([]);
    t.clock.set(at(50));
    const batches = await Promise.all([fireDue(25), fireDue(25), fireDue(25)]);
    const fired = batches.flat();
    expect(fired).toHaveLength(60);
    expect(new Set(fired.map((f) => f.applicationId)).size).toBe(60);
    expect(fired.every((f) => f.stage === 'warning' && f.cycle === 1 && f.lateness === 0)).toBe(true);
    expect(await fireDue()).toEqual([]);
    const rows = await effects(ids);
    expect(rows).toHaveLength(60);
    expect(rows.every((r) => r.due_instant.getTime() === at(50).getTime())).toBe(true);
    const [{ timers }] = await t.db.query(
      `SELECT count(*)::int AS timers FROM timers WHERE kind = 'sla.stage' AND payload->>'applicationId' = ANY($1) AND payload->>'stage' = 'escalation'`,
      [ids],
    );
    const [{ notices }] = await t.db.query(`SELECT count(*)::int AS notices FROM domain_events WHERE name = 'sla.stage-fired' AND payload->>'applicationId' = ANY($1)`, [ids]);
    expect({ notices, timers }).toEqual({ notices: 60, timers: 60 });
    const [{ audited }] = await t.db.query(`SELECT count(*)::int AS audited FROM audit_log WHERE action = 'sla.warning' AND entity_id = ANY($1)`, [ids]);
    expect(audited).toBe(60);
    expect((await t.app.get(AuditService).verify()).valid).toBe(true);
  });

  it('a batch skips the rows another transaction holds instead of waiting for them', async () => {
    t.clock.set(at(500));
    await settle();
    const fresh = await submitted(20);
    t.clock.set(at(550));
    const fired = await holding(fresh.slice(0, 5), () => fireDue());
    const mine = fired.filter((f) => fresh.includes(f.applicationId));
    expect(mine.map((f) => f.applicationId).sort()).toEqual(fresh.slice(5).sort());
    expect(await waiting()).toBe(0);
    // Released, the five fire on the next pass.
    const next = (await fireDue()).filter((f) => fresh.includes(f.applicationId));
    expect(next.map((f) => f.applicationId).sort()).toEqual(fresh.slice(0, 5).sort());
  });

  it('catches up on overdue stages one stage per application per pass, in order', async () => {
    t.clock.set(at(1000));
    await settle();
    const ids = await submitted(30);
    t.clock.set(at(1200)); // every stage of these overdue
    const pass = async () => (await fireDue()).filter((f) => ids.includes(f.applicationId)).map((f) => f.stage);
    expect(await pass()).toEqual(Array(30).fill('warning'));
    expect(await pass()).toEqual(Array(30).fill('escalation'));
    expect(await pass()).toEqual(Array(30).fill('breach'));
    expect(await pass()).toEqual([]);
    const rows = await effects(ids);
    for (const id of ids) expect(rows.filter((r) => r.application_id === id).map((r) => r.stage)).toEqual(['warning', 'escalation', 'breach']);
    const levels = await t.db.query('SELECT DISTINCT escalation_level, next_stage FROM sla_clocks WHERE application_id = ANY($1)', [ids]);
    expect(levels).toEqual([{ escalation_level: 2, next_stage: null }]);
    expect((await timers.reconcile(7)).fired).toBe(0);
  });

  it('moves each clock to its stored next instant when a stage fires, re-arming its timer in place; a clock without stored instants is planned then', async () => {
    t.clock.set(at(1500));
    await settle();
    const [stored, legacy] = await submitted(2);
    const clockOf = async (id: string) =>
      (await t.db.query('SELECT next_stage, next_stage_at, warning_at, escalation_at, due_at FROM sla_clocks WHERE application_id = $1', [id]))[0] as Record<string, unknown>;
    expect(await clockOf(stored)).toEqual({ next_stage: 'warning', next_stage_at: at(1550), warning_at: at(1550), escalation_at: at(1580), due_at: at(1600) });
    // As a clock started before the instants were stored stands.
    await t.db.query('UPDATE sla_clocks SET warning_at = NULL, escalation_at = NULL WHERE application_id = $1', [legacy]);
    const armed = await armingOf(t, stageTimerKey(stored));
    t.clock.set(at(1550));
    expect((await fireDue()).filter((f) => [stored, legacy].includes(f.applicationId)).map((f) => f.stage)).toEqual(['warning', 'warning']);
    for (const id of [stored, legacy]) {
      expect(await clockOf(id)).toEqual({ next_stage: 'escalation', next_stage_at: at(1580), warning_at: at(1550), escalation_at: at(1580), due_at: at(1600) });
      const [timer] = await t.db.query('SELECT at, payload FROM timers WHERE key = $1', [stageTimerKey(id)]);
      expect(timer).toEqual({ at: at(1580), payload: { applicationId: id, stage: 'escalation', cycle: 1 } });
    }
    expect(await armingOf(t, stageTimerKey(stored))).not.toBe(armed);
    const [{ jobs }] = await t.db.query(`SELECT count(*)::int AS jobs FROM outbox WHERE queue = 'timers' AND delay_until = $1`, [at(1580)]);
    expect(jobs).toBeGreaterThan(0);
    t.clock.set(at(1600));
    expect((await fireDue()).filter((f) => f.applicationId === stored).map((f) => f.stage)).toEqual(['escalation']);
    expect((await fireDue()).filter((f) => f.applicationId === stored).map((f) => f.stage)).toEqual(['breach']);
    expect(await clockOf(stored)).toMatchObject({ next_stage: null, next_stage_at: null });
    expect(await armingOf(t, stageTimerKey(stored))).toBeNull();
  });

  it('the reconciler fires every overdue stage through as many batches as it takes', async () => {
    t.clock.set(at(2000));
    await settle();
    const ids = await submitted(30);
    t.clock.set(at(2200));
    expect((await timers.reconcile(7)).fired).toBe(90);
    expect(await effects(ids)).toHaveLength(90);
  });

  it('a timer whose application another transaction holds waits for the row, then fires its stage', async () => {
    t.clock.set(at(3000));
    await settle();
    const [id] = await submitted(1);
    const warningTimer = await armingOf(t, stageTimerKey(id));
    t.clock.set(at(3050));
    const fired = await holding([id], async () => {
      const firing = fireTimer(t, stageTimerKey(id), warningTimer);
      const deadline = Date.now() + 5000;
      while ((await waiting()) === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(await waiting()).toBe(1);
      expect(await effects([id])).toEqual([]);
      return { firing };
    });
    expect(await fired.firing).toBe(true);
    expect((await effects([id])).map((r) => r.stage)).toEqual(['warning']);
    // The same timer again: its stage is done and the next is not due.
    expect(await fireTimer(t, stageTimerKey(id), warningTimer)).toBe(false);
    expect(await effects([id])).toHaveLength(1);
  });

  it('fires nothing for a paused or decided application, nor for a timer of an older cycle', async () => {
    t.clock.set(at(4000));
    await settle();
    const [paused, decided, resumed] = await submitted(3);
    const firstCycle = await armingOf(t, stageTimerKey(resumed));
    // The SLA records what moved the clock at its clock's instant.
    t.clock.set(at(4010));
    await t.db.transaction(async (m) => {
      await m.query(`UPDATE visa_applications SET status = 'supplement_requested' WHERE id = ANY($1)`, [[paused, resumed]]);
      await m.query(`INSERT INTO visa_application_events (application_id, action, to_status, occurred_at) SELECT unnest($1::uuid[]), 'request_supplement', 'supplement_requested', $2`, [[paused, resumed], at(4010)]);
      await sla.halt(m, paused, { action: 'request_supplement', actorRole: 'officer', actorId: null });
      await sla.halt(m, resumed, { action: 'request_supplement', actorRole: 'officer', actorId: null });
      await m.query(`UPDATE visa_applications SET status = 'approved', decided_at = $2, closed_at = $2 WHERE id = $1`, [decided, at(4010)]);
      await m.query(`INSERT INTO visa_application_events (application_id, action, to_status, occurred_at) VALUES ($1, 'decide', 'approved', $2)`, [decided, at(4010)]);
      await sla.halt(m, decided, { action: 'decide', actorRole: 'officer', actorId: null });
    });
    t.clock.set(at(4020));
    await t.db.transaction(async (m) => {
      await m.query(`UPDATE visa_applications SET status = 'in_review' WHERE id = $1`, [resumed]);
      await m.query(`INSERT INTO visa_application_events (application_id, action, to_status, occurred_at) VALUES ($1, 'resubmit', 'in_review', $2)`, [resumed, at(4020)]);
      const subject = { id: resumed, track: 'e_visa' as const, status: 'in_review', submittedAt: at(4000), closedAt: null, escalationLevel: 0, assignedOfficerId: officerId };
      await sla.start(m, subject, { action: 'resubmit', actorRole: 'hospital_coordinator', actorId: null });
    });
    // Past the first warning instants (4050), six seconds before the resumed one's (4060): far
    // enough that its old-cycle timer does not wait for it.
    t.clock.set(at(4054));
    expect((await fireDue()).filter((f) => [paused, decided, resumed].includes(f.applicationId))).toEqual([]);
    expect(await fireTimer(t, stageTimerKey(resumed), firstCycle)).toBe(false);
    expect(await effects([paused, decided, resumed])).toEqual([]);
    t.clock.set(at(4060));
    expect(await fireTimer(t, stageTimerKey(resumed))).toBe(true);
    expect(await effects([paused, decided, resumed])).toHaveLength(1);
  });

  it('one application that cannot fire does not hold back the others', async () => {
    t.clock.set(at(5000));
    await settle();
    const ids = await submitted(5);
    await t.db.query(`CREATE FUNCTION refuse_bad() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.application_id = '${ids[0]}' THEN RAISE EXCEPTION 'this one cannot fire'; END IF; RETURN NEW; END $$`);
    await t.db.query('CREATE TRIGGER refuse_bad BEFORE INSERT ON sla_stage_effects FOR EACH ROW EXECUTE FUNCTION refuse_bad()');
    try {
      t.clock.set(at(5050));
      const fired = (await fireDue()).filter((f) => ids.includes(f.applicationId));
      expect(fired.map((f) => f.applicationId).sort()).toEqual(ids.slice(1).sort());
      expect((await effects(ids)).map((r) => r.application_id).sort()).toEqual(ids.slice(1).sort());
    } finally {
      await t.db.query('DROP TRIGGER refuse_bad ON sla_stage_effects');
      await t.db.query('DROP FUNCTION refuse_bad()');
    }
    expect((await fireDue()).map((f) => f.applicationId)).toContain(ids[0]);
  });

  it('counts breaches and stage lateness in the metrics once the effects are committed, and only then', async () => {
    t.clock.set(at(6000));
    await settle();
    const registry = t.app.get(MetricsService).registry;
    const breaches = async () => (await (registry.getSingleMetric('sla_breaches_total') as Counter).get()).values[0]?.value ?? 0;
    const lateCount = async (stage: string) =>
      (await (registry.getSingleMetric('sla_stage_lateness_seconds') as Histogram).get()).values.find((v) => v.metricName === 'sla_stage_lateness_seconds_count' && v.labels.stage === stage)?.value ?? 0;
    const ids = await submitted(4);
    await t.db.query(`CREATE FUNCTION refuse_bad() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.application_id = '${ids[0]}' THEN RAISE EXCEPTION 'this one cannot fire'; END IF; RETURN NEW; END $$`);
    // Refused at commit, after the service has done all its work: a count taken before commit would show.
    await t.db.query('CREATE CONSTRAINT TRIGGER refuse_bad AFTER INSERT ON sla_stage_effects DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION refuse_bad()');
    const [breachesBefore, warningsBefore] = [await breaches(), await lateCount('warning')];
    try {
      t.clock.set(at(6200)); // every stage overdue
      while ((await fireDue()).length > 0);
    } finally {
      await t.db.query('DROP TRIGGER refuse_bad ON sla_stage_effects');
      await t.db.query('DROP FUNCTION refuse_bad()');
    }
    // Three applications fired all three stages; the refused one's failed batches counted nothing.
    expect(await breaches()).toBe(breachesBefore + 3);
    expect(await lateCount('warning')).toBe(warningsBefore + 3);
  });
});
