import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ManualClock, ROLES, TimersService, type Role } from '@medjourney/platform';
import { aSponsor, deliverPending, startTestApp, type TestApp } from '@medjourney/testing';
import { randomUUID } from 'node:crypto';

describe('hospitals\' yearly reports', () => {
  let t: TestApp;
  let reviewer: string;
  let h: Awaited<ReturnType<typeof aSponsor>>;
  let early: Awaited<ReturnType<typeof aSponsor>>;
  let other: Awaited<ReturnType<typeof aSponsor>>;
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });
  const url = (hospitalId: string, year = 2026, tail = '') => `/api/v1/hospitals/${hospitalId}/yearly-reports/${year}${tail}`;
  const reminders = async (hospitalId: string) =>
    (await t.db.query(`SELECT payload FROM domain_events WHERE name = 'yearly-report.reminder-due' AND payload->>'hospitalId' = $1 ORDER BY seq`, [hospitalId])).map((r: { payload: { daysLeft: number } }) => r.payload.daysLeft);
  const fireDue = () => t.app.get(TimersService).fireDue();
  const full = { inpatients: 12, outpatients: 340, revenueKrw: 1_250_000_000 };

  beforeAll(async () => {
    t = await startTestApp({ clock: new ManualClock('2026-06-10T03:00:00Z'), env: { JWT_TTL: 'P3Y' } });
    const admin = (await t.user('admin')).token;
    reviewer = (await t.user('ministry_reviewer')).token;
    [h, early, other] = [await aSponsor(t, admin, false), await aSponsor(t, admin, false), await aSponsor(t, admin, false)];
  }, 120_000);
  afterAll(() => t.close());

  it('its coordinators, ministry reviewers and admins read it; another hospital\'s coordinator 404; every other role 403; only coordinators write', async () => {
    const draft = (await t.http.get(url(h.id)).set(as(h.coordinator)).expect(200)).body;
    expect(draft).toEqual({
      hospitalId: h.id, year: 2026, status: 'draft', version: 1,
      prefilled: { patientsInvited: 0, patientsArrived: 0, applicationsSubmitted: 0, applicationsGranted: 0, applicationsRefused: 0, overstays: 0, entryRefusals: 0, byNationality: [] },
      reported: { inpatients: null, outpatients: null, revenueKrw: null }, submittedAt: null, submittedBy: null,
    });
    await t.http.get(url(h.id)).set(as(reviewer)).expect(200);
    await t.http.get(url(h.id, 2026, '/versions')).set(as(reviewer)).expect(200);
    // Admins read everything, read-only (spec/README.md): the report, its versions and the ministry's list; never a write.
    const admin = (await t.user('admin')).token;
    expect((await t.http.get(url(h.id)).set(as(admin)).expect(200)).body.hospitalId).toBe(h.id);
    await t.http.get(url(h.id, 2026, '/versions')).set(as(admin)).expect(200);
    await t.http.get('/api/v1/yearly-reports?year=2026').set(as(admin)).expect(200);
    await t.http.put(url(h.id)).set(as(admin)).send({ reported: full }).expect(403);
    await t.http.post(url(h.id, 2026, '/submit')).set(as(admin)).expect(403);
    await t.http.post(url(h.id, 2026, '/amend')).set(as(admin)).send({ reason: 'x', reported: full }).expect(403);
    expect((await t.http.get(url(h.id)).set(as(other.coordinator)).expect(404)).body.code).toBe('NOT_FOUND');
    await t.http.put(url(h.id)).set(as(other.coordinator)).send({ reported: full }).expect(404);
    await t.http.get(url(randomUUID())).set(as(reviewer)).expect(404);
    await t.http.get(url('not-a-hospital')).set(as(reviewer)).expect(404);
    // The report exists from its year's first day.
    await t.http.get(url(h.id, 2027)).set(as(h.coordinator)).expect(404);
    await t.http.get(url(h.id, 20260)).set(as(h.coordinator)).expect(400);
    for (const role of ROLES.filter((r): r is Role => r !== 'hospital_coordinator' && r !== 'ministry_reviewer' && r !== 'admin')) {
      const token = (await t.user(role)).token;
      expect([role, (await t.http.get(url(h.id)).set(as(token))).status]).toEqual([role, 403]);
      expect([role, (await t.http.get('/api/v1/yearly-reports?year=2026').set(as(token))).status]).toEqual([role, 403]);
    }
    await t.http.put(url(h.id)).set(as(reviewer)).send({ reported: full }).expect(403);
    await t.http.post(url(h.id, 2026, '/submit')).set(as(reviewer)).expect(403);
    await t.http.get('/api/v1/yearly-reports?year=2026').set(as(h.coordinator)).expect(403);
    // A user of every other role: six password hashes, slow on a busy machine.
  }, 120_000);

  it('the hospital fills its own fields; submitting before the year ends is 422 YEAR_NOT_ENDED', async () => {
    const put = (await t.http.put(url(h.id)).set(as(h.coordinator)).send({ reported: { inpatients: 12 } }).expect(200)).body;
    expect(put.reported).toEqual({ inpatients: 12, outpatients: null, revenueKrw: null });
    await t.http.put(url(h.id)).set(as(h.coordinator)).send({ reported: { inpatients: -1 } }).expect(400);
    expect((await t.http.post(url(h.id, 2026, '/submit')).set(as(h.coordinator)).expect(422)).body.code).toBe('YEAR_NOT_ENDED');
    await t.http.put(url(early.id)).set(as(early.coordinator)).send({ reported: full }).expect(200);
    // Both reports are kept with their reminders and deadline armed.
    const armed = await t.db.query(`SELECT key FROM timers WHERE kind = 'statistics.yearly-report' ORDER BY key`);
    expect(armed).toHaveLength(6);
  });

  it('reminders 30 and 7 days before the end of February reach a draft once each, none after submission; 1 March makes it overdue', async () => {
    // 2 January 2027: one hospital submits early.
    t.clock.set(new Date('2027-01-02T01:00:00Z'));
    const submitted = (await t.http.post(url(early.id, 2026, '/submit')).set(as(early.coordinator)).expect(200)).body;
    expect(submitted).toMatchObject({ status: 'submitted', version: 1, submittedAt: '2027-01-02T01:00:00.000Z', submittedBy: early.coordinatorId });
    expect((await t.http.post(url(h.id, 2026, '/submit')).set(as(h.coordinator)).expect(422)).body.code).toBe('REPORT_INCOMPLETE');

    t.clock.set(new Date('2027-01-29T14:59:00Z'));
    await fireDue();
    expect(await reminders(h.id)).toEqual([]);
    t.clock.set(new Date('2027-01-29T15:00:00Z'));
    await fireDue();
    await fireDue();
    expect(await reminders(h.id)).toEqual([30]);

    t.clock.set(new Date('2027-02-21T15:00:00Z'));
    await fireDue();
    t.clock.advance(3600_000);
    await fireDue();
    expect(await reminders(h.id)).toEqual([30, 7]);
    await deliverPending(t, ['notifications.notices']);
    const notices = (await t.http.get('/api/v1/me/notifications').set(as(h.coordinator)).expect(200)).body.items.filter((n: { kind: string }) => n.kind === 'yearly_report_reminder');
    expect(notices.map((n: { title: string }) => n.title).sort()).toEqual([expect.stringContaining('due in 30 days'), expect.stringContaining('due in 7 days')]);

    t.clock.set(new Date('2027-02-28T15:00:00Z'));
    await fireDue();
    expect((await t.http.get(url(h.id)).set(as(h.coordinator)).expect(200)).body.status).toBe('overdue');
    expect(await reminders(early.id)).toEqual([]);
    expect((await t.http.get(url(early.id)).set(as(reviewer)).expect(200)).body.status).toBe('submitted');

    const list = async (status: string) => (await t.http.get(`/api/v1/yearly-reports?year=2026&status=${status}`).set(as(reviewer)).expect(200)).body.items.map((i: { hospitalId: string }) => i.hospitalId);
    expect(await list('overdue')).toEqual([h.id]);
    expect(await list('submitted')).toEqual([early.id]);
    expect(await list('draft')).toEqual([]);
  });

  it('an overdue report is still written and submitted; after that only amendments change it, each a new version', async () => {
    await t.http.put(url(h.id)).set(as(h.coordinator)).send({ reported: full }).expect(200);
    const submitted = (await t.http.post(url(h.id, 2026, '/submit')).set(as(h.coordinator)).expect(200)).body;
    expect(submitted).toMatchObject({ status: 'submitted', version: 1, reported: full, submittedBy: h.coordinatorId });
    expect((await t.http.put(url(h.id)).set(as(h.coordinator)).send({ reported: full }).expect(409)).body.code).toBe('REPORT_SUBMITTED');
    expect((await t.http.post(url(h.id, 2026, '/submit')).set(as(h.coordinator)).expect(409)).body.code).toBe('REPORT_SUBMITTED');

    t.clock.advance(86_400_000);
    const amended = (await t.http.post(url(h.id, 2026, '/amend')).set(as(h.coordinator)).send({ reason: 'December outpatients were missing', reported: { ...full, outpatients: 355 } }).expect(200)).body;
    expect(amended).toMatchObject({ status: 'submitted', version: 2, reported: { ...full, outpatients: 355 } });
    expect((await t.http.post(url(h.id, 2026, '/amend')).set(as(h.coordinator)).send({ reason: 'x', reported: { inpatients: 1 } }).expect(422)).body.code).toBe('REPORT_INCOMPLETE');
    const versions = (await t.http.get(url(h.id, 2026, '/versions')).set(as(reviewer)).expect(200)).body.items;
    expect(versions.map((v: { version: number; reason: string | null; reported: { outpatients: number } }) => [v.version, v.reason, v.reported.outpatients])).toEqual([
      [1, null, 340],
      [2, 'December outpatients were missing', 355],
    ]);
    // Amending a report never submitted is refused.
    await t.http.put(url(other.id)).set(as(other.coordinator)).send({ reported: full }).expect(200);
    expect((await t.http.post(url(other.id, 2026, '/amend')).set(as(other.coordinator)).send({ reason: 'x', reported: full }).expect(409)).body.code).toBe('REPORT_NOT_SUBMITTED');
  });
});
