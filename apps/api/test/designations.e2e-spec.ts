import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DesignationsService, HospitalsService } from '@medjourney/hospitals';
import { ManualClock } from '@medjourney/platform';
import { startTestApp, type TestApp } from '@medjourney/testing';
import { randomUUID } from 'node:crypto';

/** 2026-11-23 12:00 KST: inside designation year 2026 (1 Oct 2026 – 30 Sep 2027). */
const NOW = '2026-11-23T03:00:00Z';
const DAY = 24 * 3600 * 1000;

interface Setup {
  t: TestApp;
  reviewer: string;
  reviewer2: string;
  admin: string;
}

async function setup(env: Record<string, string> = {}): Promise<Setup> {
  const t = await startTestApp({ clock: new ManualClock(NOW), env: { JWT_TTL: 'P800D', ...env } });
  return { t, reviewer: (await t.user('ministry_reviewer')).token, reviewer2: (await t.user('ministry_reviewer')).token, admin: (await t.user('admin')).token };
}

/** A registered hospital and its coordinator. */
async function hospital(s: Setup, over: Record<string, unknown> = {}) {
  const res = await s.t.http
    .post('/api/v1/hospitals')
    .set('Authorization', `Bearer ${s.admin}`)
    .send({
      name: `H ${randomUUID().slice(0, 6)}`, licenseNumber: `L-${randomUUID()}`, type: 'clinic', bedCount: 10, region: 'Seoul',
      address: 'Somewhere 1', specialties: ['dermatology'], languages: ['en'], registration: { number: 'FPA-X', validUntil: '2030-12-31' }, ...over,
    })
    .expect(201);
  const coordinator = await s.t.user('hospital_coordinator', { hospitalId: res.body.id });
  return { id: res.body.id as string, coordinator: coordinator.token };
}

const GOOD = { applications: 40, persons: 1500, refusals: 15, interpreters: 5 };
const apply = (s: Setup, h: { id: string; coordinator: string }, body: object) =>
  s.t.http.post(`/api/v1/hospitals/${h.id}/designation-applications`).set('Authorization', `Bearer ${h.coordinator}`).send(body);
const decide = (s: Setup, id: string, outcome: string, token = s.reviewer) =>
  s.t.http.post(`/api/v1/designation-applications/${id}/decision`).set('Authorization', `Bearer ${token}`).send({ outcome, note: `${outcome}d by test` });

describe('designation applications', () => {
  let s: Setup;
  beforeAll(async () => {
    s = await setup();
  });
  afterAll(() => s.t.close());

  it('fast-tracks a registered tertiary general hospital: approved at once, designated for the year', async () => {
    const h = await hospital(s, { type: 'tertiary_general', bedCount: 1200 });
    const res = await apply(s, h, { year: 2026 }).expect(201);
    expect(res.body).toMatchObject({ status: 'approved', route: 'fast_track', eligibilityFailures: [] });
    expect(res.body.decisionNote).toMatch(/tertiary general/);
    const d = await s.t.http.get(`/api/v1/hospitals/${h.id}/designation`).expect(200);
    expect(d.body).toMatchObject({ year: 2026, status: 'active', route: 'fast_track', validFrom: '2026-10-01', validUntil: '2027-09-30', sanctionLevel: 0 });
    const dir = await s.t.http.get('/api/v1/hospitals?designated=true').expect(200);
    expect(dir.body.items.map((x: { id: string }) => x.id)).toContain(h.id);
    expect(await s.t.app.get(HospitalsService).sponsorStatus(h.id, s.t.clock.now())).toMatchObject({ registered: true, designated: true });
  });

  it('fast-tracks a hospital with a valid KAHF certification, not one whose KAHF has expired', async () => {
    const kahf = await hospital(s, { certifications: { kahf: { number: 'K', validUntil: '2028-01-01' } } });
    expect((await apply(s, kahf, { year: 2026 }).expect(201)).body.route).toBe('fast_track');
    const expired = await hospital(s, { certifications: { kahf: { number: 'K', validUntil: '2026-11-22' } } });
    expect((await apply(s, expired, { year: 2026 }).expect(201)).body).toMatchObject({ route: 'reviewed', status: 'ineligible' });
  });

  it('does not fast-track an unregistered tertiary hospital; lists every failing reason', async () => {
    const h = await hospital(s, { type: 'tertiary_general', registration: undefined });
    const res = await apply(s, h, { year: 2026 }).expect(201);
    expect(res.body.status).toBe('ineligible');
    expect(res.body.eligibilityFailures.map((f: { code: string }) => f.code)).toEqual(['REGISTRATION_NOT_VALID', 'TOO_FEW_APPLICATIONS', 'TOO_FEW_PERSONS']);
    const decided = await decide(s, res.body.id, 'approve');
    expect(decided.status).toBe(422);
    expect(decided.body.code).toBe('DESIGNATION_NOT_ELIGIBLE');
    expect(await s.t.app.get(HospitalsService).sponsorStatus(h.id, s.t.clock.now())).toMatchObject({ registered: false, designated: false });
  });

  it('scores an eligible application from declared figures, shown apart from the system\'s', async () => {
    const h = await hospital(s, { type: 'general', bedCount: 300, region: 'Busan' });
    const res = await apply(s, h, { year: 2026, declared: GOOD }).expect(201);
    expect(res.body).toMatchObject({
      status: 'pending',
      route: 'reviewed',
      systemFigures: { applications: 0, persons: 0, refusals: 0, overstays: 0, entryRefusals: 0 },
      declaredFigures: { applications: 40, persons: 1500, refusals: 15, overstays: 0, entryRefusals: 0, interpreters: 5 },
      figures: { applications: 40, persons: 1500, refusals: 15 },
      problemRate: 0.01,
      scoreBreakdown: { interpreters: 15, koiha: 0, largeGeneralHospitalBonus: 10, regionalBonus: 5 },
    });
    expect(res.body.score).toBeCloseTo(40 * 1450 / 1950 + 30 * 0.95 + 15 + 10 + 5, 1);
  });

  it('approves an eligible application above the pass score', async () => {
    const h = await hospital(s, { type: 'general', bedCount: 400 });
    const app = (await apply(s, h, { year: 2026, declared: GOOD }).expect(201)).body;
    const res = await decide(s, app.id, 'approve').expect(200);
    expect(res.body).toMatchObject({ status: 'approved', decisionNote: 'approved by test' });
    const d = await s.t.http.get(`/api/v1/hospitals/${h.id}/designation`).expect(200);
    expect(d.body).toMatchObject({ status: 'active', route: 'reviewed', score: app.score });
    const again = await decide(s, app.id, 'reject');
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('INVALID_TRANSITION');
  });

  it('refuses to approve below the pass score (422 SCORE_BELOW_PASS); rejection works', async () => {
    const h = await hospital(s);
    const app = (await apply(s, h, { year: 2026, declared: { applications: 5, persons: 60, refusals: 11 } }).expect(201)).body;
    expect(app.status).toBe('pending');
    expect(app.score).toBeLessThan(60);
    const res = await decide(s, app.id, 'approve');
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('SCORE_BELOW_PASS');
    await decide(s, app.id, 'reject').expect(200);
    // After a rejection the hospital may apply again.
    await apply(s, h, { year: 2026, declared: GOOD }).expect(201);
  });

  it('refuses a second live application for the same year, and years not open', async () => {
    const h = await hospital(s);
    await apply(s, h, { year: 2027, declared: GOOD }).expect(201);
    const dup = await apply(s, h, { year: 2027, declared: GOOD });
    expect(dup.status).toBe(409);
    expect(dup.body.code).toBe('DESIGNATION_APPLICATION_EXISTS');
    for (const year of [2025, 2028]) {
      const res = await apply(s, h, { year });
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('DESIGNATION_YEAR_NOT_OPEN');
    }
  });

  it('ranks pending applications by score for reviewers', async () => {
    const res = await s.t.http.get('/api/v1/designation-applications?status=pending&sort=-score&limit=100').set('Authorization', `Bearer ${s.reviewer}`).expect(200);
    const scores = res.body.items.map((a: { score: number }) => a.score);
    expect(scores.length).toBeGreaterThanOrEqual(2);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(res.body.items.every((a: { status: string }) => a.status === 'pending')).toBe(true);
  });

  it('role and scope: only the hospital\'s own coordinator applies; others 404 or 403', async () => {
    const a = await hospital(s);
    const b = await hospital(s);
    expect((await s.t.http.post(`/api/v1/hospitals/${b.id}/designation-applications`).set('Authorization', `Bearer ${a.coordinator}`).send({ year: 2026 })).status).toBe(404);
    for (const role of ['officer', 'supervisor', 'patient', 'admin', 'ministry_reviewer', 'clinician'] as const) {
      const token = (await s.t.user(role, role === 'clinician' ? { hospitalId: b.id } : {})).token;
      const res = await s.t.http.post(`/api/v1/hospitals/${b.id}/designation-applications`).set('Authorization', `Bearer ${token}`).send({ year: 2026 });
      expect([role, res.status]).toEqual([role, 403]);
    }
    const mine = (await apply(s, b, { year: 2026 }).expect(201)).body;
    expect((await s.t.http.get(`/api/v1/designation-applications/${mine.id}`).set('Authorization', `Bearer ${a.coordinator}`)).status).toBe(404);
    await s.t.http.get(`/api/v1/designation-applications/${mine.id}`).set('Authorization', `Bearer ${b.coordinator}`).expect(200);
    await s.t.http.get('/api/v1/designation-applications').set('Authorization', `Bearer ${b.coordinator}`).expect(403);
    expect((await decide(s, mine.id, 'reject', b.coordinator)).status).toBe(403);
    expect((await decide(s, mine.id, 'reject', s.admin)).status).toBe(403);
    expect((await s.t.http.get(`/api/v1/hospitals/${b.id}/designations`).set('Authorization', `Bearer ${a.coordinator}`)).status).toBe(404);
    await s.t.http.get(`/api/v1/hospitals/${b.id}/designations`).set('Authorization', `Bearer ${b.coordinator}`).expect(200);
  });
});

describe('designation capacity under concurrency', () => {
  let s: Setup;
  beforeAll(async () => {
    s = await setup({ DESIGNATION_CAPACITY: '2' });
  });
  afterAll(() => s.t.close());

  it('with one place left, concurrent approvals by two reviewers end with exactly one more designation', async () => {
    const first = await hospital(s, { type: 'tertiary_general' });
    await apply(s, first, { year: 2026 }).expect(201);
    const apps: string[] = [];
    for (let i = 0; i < 6; i++) apps.push((await apply(s, await hospital(s), { year: 2026, declared: GOOD }).expect(201)).body.id);
    const results = await Promise.all(apps.map((id, i) => decide(s, id, 'approve', i % 2 ? s.reviewer : s.reviewer2)));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((x) => x === 200)).toHaveLength(1);
    expect(statuses.filter((x) => x === 409)).toHaveLength(5);
    for (const r of results.filter((x) => x.status === 409)) expect(r.body.code).toBe('DESIGNATION_CAPACITY_REACHED');
    const [{ n }] = await s.t.db.query(`SELECT count(*)::int AS n FROM designations WHERE year = 2026 AND status IN ('active','suspended')`);
    expect(n).toBe(2);
    // A fast-track application counts against the capacity too.
    const late = await apply(s, await hospital(s, { type: 'tertiary_general' }), { year: 2026 });
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('DESIGNATION_CAPACITY_REACHED');
  });
});

describe('designation lifecycle and sanctions', () => {
  let s: Setup;
  let designations: DesignationsService;
  const notices = async (designationId: string) =>
    (
      await s.t.db.query(
        `SELECT CASE name WHEN 'designation.sanctioned' THEN payload->>'sanction' WHEN 'designation.renewal-due' THEN 'reminder-' || (payload->>'daysLeft') ELSE substring(name from 13) END AS kind
           FROM domain_events WHERE name LIKE 'designation.%' AND payload->>'designationId' = $1 ORDER BY seq`,
        [designationId],
      )
    ).map((r: { kind: string }) => r.kind);
  const designate = async () => {
    const h = await hospital(s, { type: 'tertiary_general' });
    await apply(s, h, { year: 2026 }).expect(201);
    const d = (await s.t.http.get(`/api/v1/hospitals/${h.id}/designation`).expect(200)).body;
    return { hospital: h, designation: d as { id: string } };
  };

  beforeAll(async () => {
    s = await setup();
    designations = s.t.app.get(DesignationsService);
  });
  afterAll(() => s.t.close());

  it('climbs the sanction ladder one overstay at a time, notifying at each step; a repeated report counts once', async () => {
    const { hospital: h, designation: d } = await designate();
    const overstay = (ref: string) => designations.recordOverstay({ hospitalId: h.id, occurredAt: s.t.clock.now(), reference: ref });

    expect(await overstay('visa-1')).toMatchObject({ step: { level: 1, kind: 'warning' }, status: 'active' });
    expect(await overstay('visa-1')).toBeNull();
    let cur = (await s.t.http.get(`/api/v1/hospitals/${h.id}/designation`)).body;
    expect(cur).toMatchObject({ status: 'active', sanctionLevel: 1 });

    expect(await overstay('visa-2')).toMatchObject({ step: { level: 2, kind: 'suspension', months: 1 }, status: 'suspended' });
    cur = (await s.t.http.get(`/api/v1/hospitals/${h.id}/designation`)).body;
    expect(cur).toMatchObject({ status: 'suspended', sanctionLevel: 2, suspendedUntil: '2026-12-23T03:00:00.000Z' });
    expect(await s.t.app.get(HospitalsService).sponsorStatus(h.id, s.t.clock.now())).toMatchObject({ registered: true, designated: false });

    expect(await overstay('visa-3')).toMatchObject({ step: { level: 3, kind: 'suspension', months: 3 }, status: 'suspended' });
    cur = (await s.t.http.get(`/api/v1/hospitals/${h.id}/designation`)).body;
    expect(cur.suspendedUntil).toBe('2027-02-23T03:00:00.000Z');

    expect(await overstay('visa-4')).toMatchObject({ step: { level: 4, kind: 'cancellation' }, status: 'cancelled' });
    expect(await overstay('visa-5')).toBeNull();
    expect(await notices(d.id)).toEqual(['warning', 'suspension', 'suspension', 'cancellation']);
    const audit = await s.t.db.query(`SELECT action FROM audit_log WHERE entity_id = $1 ORDER BY seq`, [d.id]);
    expect(audit.map((a: { action: string }) => a.action)).toEqual([
      'designation.granted', 'designation.sanction_warning', 'designation.sanction_suspension', 'designation.sanction_suspension', 'designation.sanction_cancellation',
    ]);
  });

  it('ignores an overstay of a year in which the hospital was not designated', async () => {
    const { hospital: h } = await designate();
    expect(await designations.recordOverstay({ hospitalId: h.id, occurredAt: new Date('2025-11-01T00:00:00Z'), reference: 'old' })).toBeNull();
  });

  it('ends a suspension by itself when the clock passes its end', async () => {
    const { hospital: h, designation: d } = await designate();
    await designations.recordOverstay({ hospitalId: h.id, occurredAt: s.t.clock.now(), reference: 'a' });
    await designations.recordOverstay({ hospitalId: h.id, occurredAt: s.t.clock.now(), reference: 'b' });
    const start = s.t.clock.now();
    try {
      s.t.clock.set(new Date(start.getTime() + 29 * DAY));
      await designations.runLifecycle();
      expect((await s.t.http.get(`/api/v1/hospitals/${h.id}/designation`)).body.status).toBe('suspended');
      s.t.clock.set('2026-12-23T03:00:00Z');
      expect((await designations.runLifecycle()).reinstated).toBeGreaterThanOrEqual(1);
      const cur = (await s.t.http.get(`/api/v1/hospitals/${h.id}/designation`)).body;
      expect(cur).toMatchObject({ status: 'active', suspendedUntil: null, sanctionLevel: 2 });
      expect(await notices(d.id)).toEqual(['warning', 'suspension', 'reinstated']);
      expect((await designations.runLifecycle()).reinstated).toBe(0);
    } finally {
      s.t.clock.set(start);
    }
  });

  it('reminds 60 and 30 days before the end when no application for next year exists, once each', async () => {
    const { designation: d } = await designate();
    const { hospital: applied, designation: dApplied } = await designate();
    await apply(s, applied, { year: 2027, declared: GOOD }).expect(201);
    const start = s.t.clock.now();
    try {
      s.t.clock.set('2027-07-31T03:00:00Z'); // 61 days before 30 Sep 2027
      await designations.runLifecycle();
      expect(await notices(d.id)).toEqual([]);
      s.t.clock.set('2027-08-01T03:00:00Z'); // 60 days before
      await designations.runLifecycle();
      await designations.runLifecycle();
      expect(await notices(d.id)).toEqual(['reminder-60']);
      s.t.clock.set('2027-08-31T03:00:00Z'); // 30 days before
      await designations.runLifecycle();
      expect(await notices(d.id)).toEqual(['reminder-60', 'reminder-30']);
      expect(await notices(dApplied.id)).toEqual([]);
    } finally {
      s.t.clock.set(start);
    }
  });

  it('expires designations at the end of their year', async () => {
    const { hospital: h, designation: d } = await designate();
    const start = s.t.clock.now();
    try {
      s.t.clock.set('2027-09-30T14:59:00Z'); // 23:59 KST on the last day
      await designations.runLifecycle();
      expect((await s.t.http.get(`/api/v1/hospitals/${h.id}/designations`).set('Authorization', `Bearer ${s.reviewer}`)).body[0].status).toBe('active');
      s.t.clock.set('2027-09-30T15:00:00Z'); // 00:00 KST on 1 October
      expect((await designations.runLifecycle()).expired).toBeGreaterThanOrEqual(1);
      const history = (await s.t.http.get(`/api/v1/hospitals/${h.id}/designations`).set('Authorization', `Bearer ${s.reviewer}`).expect(200)).body;
      expect(history).toEqual([expect.objectContaining({ id: d.id, year: 2026, status: 'expired' })]);
      expect(await notices(d.id)).toContain('expired');
      // In the new year the hospital has no current designation.
      await s.t.http.get(`/api/v1/hospitals/${h.id}/designation`).expect(404);
    } finally {
      s.t.clock.set(start);
    }
  });

  it('lets a reviewer suspend, reinstate and cancel by hand with a note; other transitions are 409', async () => {
    const { designation: d } = await designate();
    const call = (action: string, body: object, token = s.reviewer) => s.t.http.post(`/api/v1/designations/${d.id}/${action}`).set('Authorization', `Bearer ${token}`).send(body);
    expect((await call('suspend', { note: 'x' }, s.admin)).status).toBe(403);
    const suspended = await call('suspend', { note: 'Complaint under investigation', months: 2 }).expect(200);
    expect(suspended.body).toMatchObject({ status: 'suspended', statusNote: 'Complaint under investigation', suspendedUntil: '2027-01-23T03:00:00.000Z' });
    expect((await call('suspend', { note: 'again' })).body.code).toBe('INVALID_TRANSITION');
    expect((await call('reinstate', { note: 'Cleared' }).expect(200)).body).toMatchObject({ status: 'active', suspendedUntil: null });
    expect((await call('reinstate', { note: 'again' })).status).toBe(409);
    expect((await call('cancel', { note: 'Fraud' }).expect(200)).body.status).toBe('cancelled');
    expect((await call('cancel', { note: 'again' })).status).toBe(409);
    expect((await call('suspend', {})).status).toBe(400);
    expect(await notices(d.id)).toEqual(['suspension', 'reinstated', 'cancellation']);
  });
});
