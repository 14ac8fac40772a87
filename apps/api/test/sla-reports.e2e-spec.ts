import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ManualClock } from '@medjourney/platform';
import { stageTimerKey } from '@medjourney/sla';
import { anApplication, aSponsor, fireTimer, startTestApp, uploadAllDocuments, type TestApp } from '@medjourney/testing';

/** Monday 23 November 2026, 12:00 KST. */
const MONDAY = '2026-11-23T03:00:00Z';
const WINDOW = 'from=2026-11-23T00:00:00Z&to=2026-12-07T00:00:00Z';

/**
 * The supervisor's charts (spec/web.md) on a known history, in the business calendar:
 * - A decides one application after 2 counted hours (on time) and one after 73 (breached,
 *   the breach fired while A held it), both in the week of 23 November, and holds a fresh one;
 * - B decides one after 24 counted hours in the week of 30 November, holds one at risk and one
 *   waiting for a supplement; one application is nobody's yet.
 */
describe('SLA charts and officers\' load', () => {
  let t: TestApp;
  let officerA: { id: string; token: string };
  let officerB: { id: string; token: string };
  let idle: { id: string; token: string };
  let supervisor: string;
  let admin: string;
  let sponsor: Awaited<ReturnType<typeof aSponsor>>;
  const ids: Record<string, string> = {};

  const as = (token: string) => ({ Authorization: `Bearer ${token}` });
  const post = (token: string, path: string, body: object = {}) => t.http.post(`/api/v1/visa-applications${path}`).set(as(token)).send(body);
  const get = (token: string, path: string) => t.http.get(`/api/v1/sla/${path}`).set(as(token));

  async function submit(at: string) {
    t.clock.set(at);
    const draft = (await post(sponsor.coordinator, '', anApplication()).expect(201)).body;
    await uploadAllDocuments(t, sponsor.coordinator, draft);
    return (await post(sponsor.coordinator, `/${draft.id}/submit`).expect(200)).body as { id: string; persons: { id: string }[] };
  }
  async function review(officer: { token: string }, app: { id: string }) {
    await post(officer.token, `/${app.id}/start-review`).expect(200);
  }
  async function decide(officer: { token: string }, app: { id: string; persons: { id: string }[] }, at: string) {
    t.clock.set(at);
    await post(officer.token, `/${app.id}/decision`, { persons: app.persons.map((p) => ({ personId: p.id, outcome: 'approve' })) }).expect(200);
  }
  /** Fires every stage of the clock due by now, as the timers would. */
  async function fireDueStages(app: { id: string }, expected: number) {
    let fired = 0;
    while (fired < 3 && (await fireTimer(t, stageTimerKey(app.id)))) fired++;
    expect(fired).toBe(expected);
  }

  beforeAll(async () => {
    t = await startTestApp({ clock: new ManualClock(MONDAY), env: { JWT_TTL: 'P60D' } });
    admin = (await t.user('admin')).token;
    supervisor = (await t.user('supervisor')).token;
    officerA = await t.user('officer', { name: 'Officer Alpha' });
    officerB = await t.user('officer', { name: 'Officer Bravo' });
    idle = await t.user('officer', { name: 'Officer Idle' });
    sponsor = await aSponsor(t, admin, true);

    const onTime = await submit(MONDAY);
    await review(officerA, onTime);
    await decide(officerA, onTime, '2026-11-23T05:00:00Z');

    const late = await submit(MONDAY);
    await review(officerA, late);
    // Thursday 13:00 KST: 73 counted hours; warning, escalation and breach all fire now.
    t.clock.set('2026-11-26T04:00:00Z');
    await fireDueStages(late, 3);
    await decide(officerA, late, '2026-11-26T04:00:00Z');

    const day = await submit('2026-11-30T03:00:00Z');
    await review(officerB, day);
    await decide(officerB, day, '2026-12-01T03:00:00Z');

    const atRisk = await submit('2026-11-30T03:00:00Z');
    await review(officerB, atRisk);
    const waiting = await submit('2026-11-30T03:00:00Z');
    await review(officerB, waiting);
    await post(officerB.token, `/${waiting.id}/request-supplement`, { reason: 'unreadable', items: [{ documentType: 'diagnosis' }] }).expect(200);
    // Wednesday 22:00 KST: 58 counted hours of 72, past the escalation (80 %), before the breach.
    t.clock.set('2026-12-02T13:00:00Z');
    await fireDueStages(atRisk, 2);
    const heldByA = await submit('2026-12-02T13:00:00Z');
    await review(officerA, heldByA);
    ids.unassigned = (await submit('2026-12-02T13:00:00Z')).id;
    ids.atRisk = atRisk.id;
    ids.heldByA = heldByA.id;
  });
  afterAll(() => t.close());

  it('gives the share decided on time per Korean week, every week of the window listed, and by track', async () => {
    const res = (await get(supervisor, `reports/on-time-weekly?${WINDOW}`).expect(200)).body;
    expect(res).toEqual({
      from: '2026-11-23T00:00:00.000Z',
      to: '2026-12-07T00:00:00.000Z',
      track: null,
      weeks: [
        { week: '2026-11-23', from: '2026-11-23T00:00:00.000Z', to: '2026-11-29T15:00:00.000Z', decided: 2, onTime: 1, onTimeShare: 0.5 },
        { week: '2026-11-30', from: '2026-11-29T15:00:00.000Z', to: '2026-12-06T15:00:00.000Z', decided: 1, onTime: 1, onTimeShare: 1 },
        { week: '2026-12-07', from: '2026-12-06T15:00:00.000Z', to: '2026-12-07T00:00:00.000Z', decided: 0, onTime: 0, onTimeShare: null },
      ],
    });
    const certificate = (await get(supervisor, `reports/on-time-weekly?${WINDOW}&track=certificate`).expect(200)).body;
    expect(certificate.weeks.map((w: { decided: number }) => w.decided)).toEqual([0, 0, 0]);
    expect((await get(admin, `reports/on-time-weekly?${WINDOW}&track=e_visa`).expect(200)).body.weeks.map((w: { decided: number }) => w.decided)).toEqual([2, 1, 0]);
  });

  it('gives the processing-time distribution in sixths of the track\'s target and a bucket for those that reached it', async () => {
    const res = (await get(supervisor, `reports/processing-times?${WINDOW}`).expect(200)).body;
    expect(res).toMatchObject({ track: 'e_visa', target: 'P3D', decided: 3 });
    expect(res.buckets).toEqual([
      { fromHours: 0, toHours: 12, count: 1 },
      { fromHours: 12, toHours: 24, count: 0 },
      { fromHours: 24, toHours: 36, count: 1 },
      { fromHours: 36, toHours: 48, count: 0 },
      { fromHours: 48, toHours: 60, count: 0 },
      { fromHours: 60, toHours: 72, count: 0 },
      { fromHours: 72, toHours: null, count: 1 },
    ]);
    const certificate = (await get(supervisor, `reports/processing-times?${WINDOW}&track=certificate`).expect(200)).body;
    expect(certificate).toMatchObject({ target: 'P10D', decided: 0 });
    expect(certificate.buckets.map((b: { toHours: number | null }) => b.toHours)).toEqual([40, 80, 120, 160, 200, 240, null]);
  });

  it('counts breaches per officer who held the application, every officer listed, most first', async () => {
    const res = (await get(supervisor, `reports/breaches-by-officer?${WINDOW}`).expect(200)).body;
    expect(res.officers[0]).toEqual({ officerId: officerA.id, name: 'Officer Alpha', active: true, breaches: 1 });
    expect(res.officers.slice(1).map((o: { officerId: string; breaches: number }) => [o.officerId, o.breaches]).sort()).toEqual([[idle.id, 0], [officerB.id, 0]].sort());
    expect(res.unassigned).toBe(0);
    // Before the breach fired, none.
    const before = (await get(supervisor, 'reports/breaches-by-officer?from=2026-11-01T00:00:00Z&to=2026-11-26T04:00:00Z').expect(200)).body;
    expect(before.officers.every((o: { breaches: number }) => o.breaches === 0)).toBe(true);
  });

  it('shows each officer\'s open applications, at risk, breached and waiting, and the unassigned ones', async () => {
    const atRiskDue = (await t.http.get(`/api/v1/visa-applications/${ids.atRisk}`).set(as(supervisor)).expect(200)).body.dueAt;
    const heldDue = (await t.http.get(`/api/v1/visa-applications/${ids.heldByA}`).set(as(supervisor)).expect(200)).body.dueAt;
    const res = (await get(supervisor, 'officer-load').expect(200)).body;
    expect(res.officers).toEqual([
      { officerId: officerB.id, name: 'Officer Bravo', active: true, open: 2, atRisk: 1, breached: 0, waiting: 1, nextDueAt: atRiskDue },
      { officerId: officerA.id, name: 'Officer Alpha', active: true, open: 1, atRisk: 0, breached: 0, waiting: 0, nextDueAt: heldDue },
      { officerId: idle.id, name: 'Officer Idle', active: true, open: 0, atRisk: 0, breached: 0, waiting: 0, nextDueAt: null },
    ]);
    expect(res.unassigned).toMatchObject({ open: 1, atRisk: 0, breached: 0, waiting: 0, nextDueAt: expect.any(String) });
  });

  it('refuses other roles (403), no token (401), a backwards, too long or malformed window and an unknown track (400)', async () => {
    const others = [idle.token, ...(await Promise.all((['hospital_coordinator', 'patient', 'ministry_reviewer', 'clinician'] as const).map(async (r) => (await t.user(r)).token)))];
    for (const path of [`reports/on-time-weekly?${WINDOW}`, `reports/processing-times?${WINDOW}`, `reports/breaches-by-officer?${WINDOW}`, 'officer-load']) {
      for (const token of others) expect((await get(token, path).expect(403)).body.code).toBe('FORBIDDEN');
      expect((await t.http.get(`/api/v1/sla/${path}`).expect(401)).body.code).toBe('UNAUTHENTICATED');
    }
    for (const report of ['on-time-weekly', 'processing-times', 'breaches-by-officer']) {
      const backwards = (await get(supervisor, `reports/${report}?from=2026-12-07T00:00:00Z&to=2026-11-23T00:00:00Z`).expect(400)).body;
      expect(backwards).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'to', message: expect.stringMatching(/later than/) }] });
      const tooLong = (await get(supervisor, `reports/${report}?from=2025-01-01T00:00:00Z&to=2026-12-07T00:00:00Z`).expect(400)).body;
      expect(tooLong.errors[0].message).toMatch(/366 days/);
      expect((await get(supervisor, `reports/${report}?from=last-week&to=2026-12-07T00:00:00Z`).expect(400)).body.code).toBe('VALIDATION_FAILED');
    }
    expect((await get(supervisor, `reports/processing-times?${WINDOW}&track=express`).expect(400)).body.code).toBe('VALIDATION_FAILED');
  });

  it('lists an inactive officer only while they still hold open applications', async () => {
    await t.db.query('UPDATE users SET active = false WHERE id = ANY($1)', [[officerA.id, idle.id]]);
    const res = (await get(supervisor, 'officer-load').expect(200)).body;
    expect(res.officers.map((o: { officerId: string; active: boolean }) => [o.officerId, o.active])).toEqual([
      [officerB.id, true],
      [officerA.id, false],
    ]);
  });
});
