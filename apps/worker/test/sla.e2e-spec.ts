import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { SystemClock } from '@medjourney/platform';
import { anApplication, aSponsor, startTestApp, startTestWorker, until, uploadAllDocuments, type TestApp } from '@medjourney/testing';

/** Calendar mode with a target of seconds, the real clock and a running worker. */
describe('SLA stages end to end (calendar mode, seconds)', () => {
  let t: TestApp;
  let worker: INestApplication;
  let sponsor: Awaited<ReturnType<typeof aSponsor>>;
  let officer: { id: string; token: string };
  let supervisors: { id: string; token: string }[];
  const as = (tk: string) => ({ Authorization: `Bearer ${tk}` });

  beforeAll(async () => {
    t = await startTestApp({ realClock: true, env: { SLA_CALENDAR: 'calendar', SLA_TARGET: 'PT4S', SLA_TARGET_CERTIFICATE: 'PT4S', SLA_RECONCILE_EVERY: 'PT1S' } });
    worker = await startTestWorker(t.config, new SystemClock());
    officer = await t.user('officer');
    supervisors = [await t.user('supervisor'), await t.user('supervisor')];
    // A supervisor who left is told nothing.
    await t.db.query('UPDATE users SET active = false WHERE id = $1', [(await t.user('supervisor')).id]);
    sponsor = await aSponsor(t, (await t.user('admin')).token, false);
  });
  afterAll(async () => {
    await worker.close();
    await t.close();
  });

  async function submit() {
    const draft = (await t.http.post('/api/v1/visa-applications').set(as(sponsor.coordinator)).send(anApplication({ stayFrom: '2031-01-10', stayUntil: '2031-02-08', treatment: { specialty: 'oncology', summary: 's', plannedStart: '2031-01-11', plannedEnd: '2031-02-01' }, patient: { ...anApplication().patient, passportExpiry: '2035-01-01' } })).expect(201)).body;
    await uploadAllDocuments(t, sponsor.coordinator, draft);
    return (await t.http.post(`/api/v1/visa-applications/${draft.id}/submit`).set(as(sponsor.coordinator)).expect(200)).body;
  }
  /** Notifications about an application, per recipient and kind. */
  const notified = async (id: string) =>
    (await t.db.query(`SELECT recipient_id AS "to", kind FROM notifications WHERE refs->>'applicationId' = $1 ORDER BY kind, recipient_id`, [id])) as { to: string; kind: string }[];
  const effects = async (id: string) =>
    (await t.db.query('SELECT stage, fired_at FROM sla_stage_effects WHERE application_id = $1 ORDER BY fired_at, stage', [id])).map((r: { stage: string }) => r.stage);

  it('fires warning, escalation and breach in order, each once, with their notifications; assigns an officer', async () => {
    const app = await submit();
    expect(app.sla).toMatchObject({ target: 'PT4S', state: 'on_track', escalationLevel: 0, paused: false });
    await until(async () => (await effects(app.id)).length === 3, 15_000);
    expect(await effects(app.id)).toEqual(['warning', 'escalation', 'breach']);
    const notices = await t.db.query(`SELECT payload->>'stage' AS stage FROM domain_events WHERE name = 'sla.stage-fired' AND payload->>'applicationId' = $1 ORDER BY seq`, [app.id]);
    expect(notices.map((n: { stage: string }) => n.stage)).toEqual(['warning', 'escalation', 'breach']);
    const view = (await t.http.get(`/api/v1/visa-applications/${app.id}`).set(as(officer.token))).body;
    expect(view.sla).toMatchObject({ state: 'breached', escalationLevel: 2, remainingSeconds: 0 });
    // One warning for the assigned officer; an escalation and a breach for each active supervisor.
    const sups = supervisors.map((s) => s.id).sort();
    const expected = [
      ...sups.map((to) => ({ to, kind: 'sla_breach' })),
      ...sups.map((to) => ({ to, kind: 'sla_escalation' })),
      { to: view.assignedOfficerId, kind: 'sla_warning' },
    ];
    await until(async () => (await notified(app.id)).length === expected.length, 10_000);
    expect(await notified(app.id)).toEqual(expected);
    const inbox = (await t.http.get('/api/v1/me/notifications').set(as(supervisors[0].token)).expect(200)).body;
    const breach = inbox.items.find((n: { kind: string; refs: { applicationId: string } }) => n.kind === 'sla_breach' && n.refs.applicationId === app.id);
    expect(breach.title).toBe(`${app.reference} has passed its processing target`);
    expect(breach.body).toMatch(/Have it decided now, or reassign it/);
    expect(view.assignedOfficerId).toEqual(expect.any(String));
    const lateness = await t.db.query('SELECT max(lateness_seconds) AS worst FROM sla_stage_effects WHERE application_id = $1', [app.id]);
    expect(lateness[0].worst).toBeLessThan(5);
    const escalations = await t.http.get('/api/v1/sla/escalations').set(as((await t.user('supervisor')).token)).expect(200);
    expect(escalations.body.map((e: { id: string }) => e.id)).toContain(app.id);
    // The worker's internal port serves the SLA metrics without a token.
    const metrics = await request(worker.getHttpServer()).get('/metrics');
    expect(metrics.status).toBe(200);
    expect(metrics.text).toContain('sla_breaches_total');
  });

  it('a decision before the warning cancels every stage', async () => {
    const app = await submit();
    await t.http.post(`/api/v1/visa-applications/${app.id}/start-review`).set(as(officer.token)).expect(200);
    await t.http.post(`/api/v1/visa-applications/${app.id}/decision`).set(as(officer.token)).send({ persons: [{ personId: app.persons[0].id, outcome: 'approve' }] }).expect(200);
    await new Promise((r) => setTimeout(r, 5500));
    expect(await effects(app.id)).toEqual([]);
    expect((await notified(app.id)).filter((n) => n.kind.startsWith('sla_'))).toEqual([]);
    const view = (await t.http.get(`/api/v1/visa-applications/${app.id}`).set(as(officer.token))).body;
    expect(view.sla.state).toBe('met');
  });

  it('a pause holds the stages; the resumption fires them with the remaining time', async () => {
    const app = await submit();
    await t.http.post(`/api/v1/visa-applications/${app.id}/start-review`).set(as(officer.token)).expect(200);
    await t.http.post(`/api/v1/visa-applications/${app.id}/request-supplement`).set(as(officer.token)).send({ reason: 'r', items: [{ documentType: 'diagnosis' }] }).expect(200);
    const paused = (await t.http.get(`/api/v1/visa-applications/${app.id}`).set(as(officer.token))).body;
    expect(paused.sla).toMatchObject({ paused: true, dueAt: null });
    await new Promise((r) => setTimeout(r, 5000));
    expect(await effects(app.id)).toEqual([]);
    expect((await notified(app.id)).filter((n) => n.kind.startsWith('sla_'))).toEqual([]);
    await t.http.post(`/api/v1/visa-applications/${app.id}/documents`).set(as(sponsor.coordinator)).field('type', 'diagnosis').attach('file', Buffer.from('%PDF-1.4 again'), 'd.pdf').expect(201);
    await t.http.post(`/api/v1/visa-applications/${app.id}/resubmit`).set(as(sponsor.coordinator)).expect(200);
    await until(async () => (await effects(app.id)).length === 3, 15_000);
    const [breach] = await t.db.query(`SELECT due_instant FROM sla_stage_effects WHERE application_id = $1 AND stage = 'breach'`, [app.id]);
    // Measured on the clock's own record of what moved it: the breach falls due at the
    // resumption plus the part of the 4 s target not spent before the pause.
    const at = async (action: string) =>
      new Date((await t.db.query('SELECT occurred_at FROM sla_clock_events WHERE application_id = $1 AND action = $2', [app.id, action]))[0].occurred_at).getTime();
    const spentBeforePause = (await at('request_supplement')) - (await at('submit'));
    expect(new Date(breach.due_instant).getTime()).toBe((await at('resubmit')) + 4000 - spentBeforePause);
  }, 30_000);
});

describe('assignment', () => {
  let t: TestApp;
  let workers: INestApplication[];

  beforeAll(async () => {
    t = await startTestApp({ realClock: true });
    workers = [await startTestWorker(t.config, new SystemClock()), await startTestWorker(t.config, new SystemClock())];
  });
  afterAll(async () => {
    for (const w of workers) await w.close();
    await t.close();
  });

  it('balances 30 submissions across 3 officers with two workers, and redistributes when one is deactivated', async () => {
    const officers = [await t.user('officer'), await t.user('officer'), await t.user('officer')];
    const admin = await t.user('admin');
    const sponsor = await aSponsor(t, admin.token, true);
    const as = (tk: string) => ({ Authorization: `Bearer ${tk}` });
    const ids: string[] = [];
    for (let i = 0; i < 30; i++) {
      const draft = (await t.http.post('/api/v1/visa-applications').set(as(sponsor.coordinator)).send(anApplication({ stayFrom: '2031-01-10', stayUntil: '2031-02-08', treatment: { specialty: 'oncology', summary: 's', plannedStart: '2031-01-11', plannedEnd: '2031-02-01' }, patient: { ...anApplication().patient, passportExpiry: '2035-01-01' } })).expect(201)).body;
      await uploadAllDocuments(t, sponsor.coordinator, draft);
      await t.http.post(`/api/v1/visa-applications/${draft.id}/submit`).set(as(sponsor.coordinator)).expect(200);
      ids.push(draft.id);
    }
    const load = async () =>
      (await t.db.query(`SELECT assigned_officer_id AS id, count(*)::int AS n FROM visa_applications WHERE id = ANY($1) AND assigned_officer_id IS NOT NULL GROUP BY 1`, [ids])) as { id: string; n: number }[];
    await until(async () => (await load()).reduce((s, r) => s + r.n, 0) === 30, 20_000);
    expect((await load()).map((r) => r.n).sort()).toEqual([10, 10, 10]);

    await t.http.patch(`/api/v1/users/${officers[0].id}`).set(as(admin.token)).send({ active: false }).expect(200);
    await until(async () => {
      const now = await load();
      return !now.some((r) => r.id === officers[0].id) && now.reduce((sum, r) => sum + r.n, 0) === 30;
    }, 20_000);
    expect((await load()).map((r) => r.n).sort()).toEqual([15, 15]);
  }, 60_000);
});
