import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ManualClock } from '@medjourney/platform';
import { aTreatedPatient, anInterpreter, ensureSponsoredPatient, startTestApp, type TestApp } from '@medjourney/testing';
import { randomUUID } from 'node:crypto';

// Monday 2 March 2026, 09:00 in Seoul.
const NOW = '2026-03-02T00:00:00Z';
const WEEKDAYS = (start: string, end: string) => [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start, end }));
const SCHEDULE = { timezone: 'Asia/Seoul', slotMinutes: 30, weekly: WEEKDAYS('09:00', '12:00'), exceptions: [{ from: '2026-03-06T00:00:00Z', to: '2026-03-07T00:00:00Z' }] };
// Tuesday 3 March, 09:00, 09:30, 10:00 Seoul.
const S1 = '2026-03-03T00:00:00.000Z';
const S2 = '2026-03-03T00:30:00.000Z';
const S3 = '2026-03-03T01:00:00.000Z';

describe('telemedicine: schedules, slots and appointments', () => {
  let t: TestApp;
  let admin: string;
  let hospitalId: string;
  let coordinator: string;
  let clinician: { id: string; token: string };
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });
  const treated = (opts: Partial<Parameters<typeof aTreatedPatient>[2]> = {}) => aTreatedPatient(t, hospitalId, { treatedAt: '2026-02-20T03:00:00Z', ...opts });
  const book = (token: string, body: object) => t.http.post('/api/v1/telemedicine/appointments').set(as(token)).send({ clinicianId: clinician.id, ...body });
  const slots = (token: string, query: Record<string, string>) => t.http.get('/api/v1/telemedicine/slots').query({ clinicianId: clinician.id, from: '2026-03-02T00:00:00Z', to: '2026-03-04T00:00:00Z', ...query }).set(as(token));

  beforeAll(async () => {
    t = await startTestApp({ clock: new ManualClock(NOW), env: { JWT_TTL: 'P30D' } });
    admin = (await t.user('admin')).token;
    hospitalId = randomUUID();
    coordinator = (await t.user('hospital_coordinator', { hospitalId })).token;
    clinician = await t.user('clinician', { hospitalId, name: 'Dr. Kim Min-jun' });
    await t.http.put(`/api/v1/clinicians/${clinician.id}/schedule`).set(as(clinician.token)).send(SCHEDULE).expect(200);
  }, 120_000);
  afterAll(() => t.close());

  it('a schedule is set by the clinician or their hospital\'s coordinator, validated', async () => {
    const res = await t.http.put(`/api/v1/clinicians/${clinician.id}/schedule`).set(as(coordinator)).send(SCHEDULE).expect(200);
    expect(res.body).toMatchObject({ clinicianId: clinician.id, hospitalId, timezone: 'Asia/Seoul', slotMinutes: 30, version: 2 });
    for (const [change, field] of [[{ slotMinutes: 25 }, 'slotMinutes'], [{ timezone: 'Mars/Olympus' }, 'timezone'], [{ weekly: [{ weekday: 1, start: '10:00', end: '09:00' }] }, 'weekly[0].end']] as const) {
      const bad = await t.http.put(`/api/v1/clinicians/${clinician.id}/schedule`).set(as(clinician.token)).send({ ...SCHEDULE, ...change }).expect(400);
      expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual([field]);
    }
    const other = (await t.user('hospital_coordinator', { hospitalId: randomUUID() })).token;
    await t.http.put(`/api/v1/clinicians/${clinician.id}/schedule`).set(as(other)).send(SCHEDULE).expect(404);
    await t.http.put(`/api/v1/clinicians/${randomUUID()}/schedule`).set(as(coordinator)).send(SCHEDULE).expect(404);
  });

  it('slots: free, on the grid, in the patient\'s profile zone by default and Seoul for others; at most 31 days', async () => {
    const patient = await treated({ timezone: 'America/New_York' });
    const mine = (await slots(patient.token, {}).expect(200)).body;
    expect(mine.timezone).toBe('America/New_York');
    // Monday from 09:30 (09:00 is now, not free), Tuesday 09:00-11:30 Seoul.
    expect(mine.items[0]).toEqual({ start: '2026-03-02T00:30:00.000Z', end: '2026-03-02T01:00:00.000Z', localStart: '2026-03-01T19:30:00-05:00', unsocial: false });
    expect(mine.items).toHaveLength(5 + 6);
    const seoul = (await slots(coordinator, {}).expect(200)).body;
    expect(seoul.timezone).toBe('Asia/Seoul');
    expect(seoul.items.find((s: { start: string }) => s.start === S1).localStart).toBe('2026-03-03T09:00:00+09:00');
    const moscow = (await slots(patient.token, { timezone: 'Europe/Moscow' }).expect(200)).body;
    expect(moscow.items.map((s: { start: string }) => s.start)).toEqual(mine.items.map((s: { start: string }) => s.start));
    // Friday 6 March is an exception.
    const week = (await slots(patient.token, { from: '2026-03-05T00:00:00Z', to: '2026-03-07T00:00:00Z' }).expect(200)).body;
    expect(week.items.every((s: { start: string }) => s.start.startsWith('2026-03-05'))).toBe(true);
    const tooLong = await slots(patient.token, { to: '2026-04-02T00:00:01Z' }).expect(422);
    expect(tooLong.body.code).toBe('INVALID_PERIOD');
    expect((await slots(patient.token, { to: '2026-03-01T00:00:00Z' }).expect(422)).body.code).toBe('INVALID_PERIOD');
    expect((await slots(patient.token, { timezone: 'Nowhere/City' }).expect(400)).body.code).toBe('VALIDATION_FAILED');
  });

  it('a patient books a slot for themselves; only participants see the video room', async () => {
    const patient = await treated();
    const res = await book(patient.token, { patientId: patient.patientId, start: '2026-03-04T00:00:00Z' }).expect(201);
    expect(res.body).toMatchObject({ clinicianId: clinician.id, hospitalId, patientId: patient.patientId, patientName: 'Aliya Nurlanovna', start: '2026-03-04T00:00:00.000Z', end: '2026-03-04T00:30:00.000Z', status: 'booked', policy: 'direct_follow_up', interpreterId: null, sequence: 0 });
    expect(res.body.roomUrl).toMatch(/^https:\/\/video\.medjourney\.local\/rooms\/[A-Za-z0-9_-]{32}$/);
    const byClinician = (await t.http.get(`/api/v1/telemedicine/appointments/${res.body.id}`).set(as(clinician.token)).expect(200)).body;
    expect(byClinician.roomUrl).toBe(res.body.roomUrl);
    expect((await t.http.get(`/api/v1/telemedicine/appointments/${res.body.id}`).set(as(coordinator)).expect(200)).body.roomUrl).toBeNull();
    expect((await t.http.get(`/api/v1/telemedicine/appointments/${res.body.id}`).set(as(admin)).expect(200)).body.roomUrl).toBeNull();
    // The slot is no longer offered.
    const left = (await slots(patient.token, { from: '2026-03-04T00:00:00Z', to: '2026-03-05T00:00:00Z' }).expect(200)).body.items.map((s: { start: string }) => s.start);
    expect(left).not.toContain('2026-03-04T00:00:00.000Z');
    expect(left).toContain('2026-03-04T00:30:00.000Z');
  });

  it('the policy in force is told to those who book: direct follow-up asks for no local clinician', async () => {
    const patient = await treated();
    for (const token of [patient.token, coordinator, clinician.token, admin]) {
      expect((await t.http.get('/api/v1/telemedicine/policy').set(as(token)).expect(200)).body).toEqual({ policy: 'direct_follow_up', localClinicianRequired: false });
    }
  });

  it("the clinician's and the coordinator's lists say whom each appointment is for", async () => {
    const names = ['Dana Seitkali', 'Timur Abenov'];
    const booked: Record<string, string> = {};
    for (const [i, name] of names.entries()) {
      const p = await treated({ name });
      const a = (await book(coordinator, { patientId: p.patientId, start: `2026-03-04T02:${i === 0 ? '00' : '30'}:00Z` }).expect(201)).body;
      expect(a.patientName).toBe(name);
      booked[a.id] = name;
    }
    for (const token of [clinician.token, coordinator]) {
      const items: { id: string; patientName: string }[] = (await t.http.get('/api/v1/telemedicine/appointments').query({ limit: 100 }).set(as(token)).expect(200)).body.items;
      expect(items.filter((a) => a.id in booked).map((a) => [a.id, a.patientName])).toEqual(Object.entries(booked));
      expect(items.every((a) => typeof a.patientName === 'string' && a.patientName.length > 0)).toBe(true);
    }
    const [first] = Object.keys(booked);
    expect((await t.http.get(`/api/v1/telemedicine/appointments/${first}`).set(as(clinician.token)).expect(200)).body.patientName).toBe(names[0]);
    // A change answers with the name too; the audit trail keeps the appointment's own fields, no name.
    expect((await t.http.post(`/api/v1/telemedicine/appointments/${first}/cancel`).set(as(coordinator)).expect(200)).body.patientName).toBe(names[0]);
    const audit = await t.db.query(`SELECT after FROM audit_log WHERE entity_type = 'telemedicine_appointment' AND entity_id = $1`, [first]);
    expect(audit.length).toBe(2);
    expect(audit.every((r: { after: object }) => !('patientName' in r.after))).toBe(true);
  });

  it('NOT_A_SLOT for a time off the grid, past or in an exception; SLOT_TAKEN for a held slot; the patient cannot be in two at once', async () => {
    const patient = await treated();
    for (const start of ['2026-03-03T00:10:00Z', '2026-03-02T00:00:00Z', '2026-03-01T00:00:00Z', '2026-03-06T00:00:00Z', '2026-03-07T00:00:00Z']) {
      expect((await book(patient.token, { patientId: patient.patientId, start }).expect(422)).body.code).toBe('NOT_A_SLOT');
    }
    const other = await treated();
    await book(other.token, { patientId: other.patientId, start: '2026-03-05T00:00:00Z' }).expect(201);
    expect((await book(patient.token, { patientId: patient.patientId, start: '2026-03-05T00:00:00Z' }).expect(409)).body.code).toBe('SLOT_TAKEN');
    // Another clinician at the same time: the patient is already busy then.
    const second = await t.user('clinician', { hospitalId });
    await t.http.put(`/api/v1/clinicians/${second.id}/schedule`).set(as(coordinator)).send(SCHEDULE).expect(200);
    await book(patient.token, { patientId: patient.patientId, start: '2026-03-05T00:30:00Z' }).expect(201);
    const clash = await t.http.post('/api/v1/telemedicine/appointments').set(as(patient.token)).send({ clinicianId: second.id, patientId: patient.patientId, start: '2026-03-05T00:30:00Z' }).expect(409);
    expect(clash.body.code).toBe('SLOT_TAKEN');
  });

  it('20 concurrent bookings of one slot: exactly one wins, the others are SLOT_TAKEN', async () => {
    const patients = [];
    for (let i = 0; i < 20; i++) patients.push(await treated());
    const answers = await Promise.all(patients.map((p) => book(p.token, { patientId: p.patientId, start: '2026-03-09T02:00:00Z' })));
    expect(answers.filter((r) => r.status === 201)).toHaveLength(1);
    expect(answers.filter((r) => r.status === 409 && r.body.code === 'SLOT_TAKEN')).toHaveLength(19);
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM telemedicine_appointments WHERE clinician_id = $1 AND start_at = '2026-03-09T02:00:00Z'`, [clinician.id]);
    expect(n).toBe(1);
    // Twenty accounts to make first (a password hash and a login each).
  }, 180_000);

  it('concurrent reschedules onto one slot: one moves, the other stays where it was', async () => {
    const [a, b] = await Promise.all([treated(), treated()]);
    const ra = (await book(a.token, { patientId: a.patientId, start: '2026-03-10T00:00:00Z' }).expect(201)).body;
    const rb = (await book(b.token, { patientId: b.patientId, start: '2026-03-10T00:30:00Z' }).expect(201)).body;
    const answers = await Promise.all([
      t.http.post(`/api/v1/telemedicine/appointments/${ra.id}/reschedule`).set(as(a.token)).send({ start: '2026-03-10T01:00:00Z' }),
      t.http.post(`/api/v1/telemedicine/appointments/${rb.id}/reschedule`).set(as(b.token)).send({ start: '2026-03-10T01:00:00Z' }),
    ]);
    expect(answers.map((r) => r.status).sort()).toEqual([200, 409]);
    const winner = answers.find((r) => r.status === 200)!.body;
    expect(winner).toMatchObject({ start: '2026-03-10T01:00:00.000Z', sequence: 1, version: 2 });
    expect(answers.find((r) => r.status === 409)!.body.code).toBe('SLOT_TAKEN');
    const loser = winner.id === ra.id ? rb : ra;
    expect((await t.http.get(`/api/v1/telemedicine/appointments/${loser.id}`).set(as(clinician.token)).expect(200)).body).toMatchObject({ start: loser.start, sequence: 0, version: 1 });
    // The winner's old slot is free again.
    const free = (await slots(clinician.token, { from: '2026-03-10T00:00:00Z', to: '2026-03-11T00:00:00Z' }).expect(200)).body.items.map((s: { start: string }) => s.start);
    expect(free).toContain(winner.id === ra.id ? ra.start : rb.start);
    expect(free).not.toContain('2026-03-10T01:00:00.000Z');
  });

  it('an interpreter booked for care at the same time is not offered and cannot be booked; the whole booking is refused', async () => {
    const interpreter = await anInterpreter(t, admin, { languages: ['ky'], name: 'Aibek Toktogulov' });
    const cared = randomUUID();
    await ensureSponsoredPatient(t.db, hospitalId, cared);
    // The only Kyrgyz interpreter holds Wednesday 11 March, 09:00-09:30 Seoul for a care assignment.
    await t.http.post('/api/v1/care-assignments').set(as(coordinator))
      .send({ providerId: interpreter, patientId: cared, hospitalId, kind: 'interpreter', start: '2026-03-11T00:00:00Z', end: '2026-03-11T00:30:00Z' }).expect(201);
    const patient = await treated();
    const offered = (await slots(patient.token, { from: '2026-03-11T00:00:00Z', to: '2026-03-11T02:00:00Z', interpreterLanguage: 'ky' }).expect(200)).body.items.map((s: { start: string }) => s.start);
    expect(offered).toEqual(['2026-03-11T00:30:00.000Z', '2026-03-11T01:00:00.000Z', '2026-03-11T01:30:00.000Z']);
    const refused = await book(patient.token, { patientId: patient.patientId, start: '2026-03-11T00:00:00Z', interpreterLanguage: 'ky' }).expect(409);
    expect(refused.body.code).toBe('NO_INTERPRETER_AVAILABLE');
    const [{ n }] = await t.db.query('SELECT count(*)::int AS n FROM telemedicine_appointments WHERE patient_id = $1', [patient.patientId]);
    expect(n).toBe(0);
    // A language nobody speaks: no slot at all.
    expect((await slots(patient.token, { from: '2026-03-11T00:00:00Z', to: '2026-03-11T02:00:00Z', interpreterLanguage: 'mi' }).expect(200)).body.items).toEqual([]);

    const booked = (await book(patient.token, { patientId: patient.patientId, start: '2026-03-11T00:30:00Z', interpreterLanguage: 'ky' }).expect(201)).body;
    expect(booked).toMatchObject({ interpreterId: interpreter, interpreterLanguage: 'ky' });
    const [live] = await t.db.query(`SELECT count(*)::int AS n FROM provider_bookings WHERE provider_id = $1 AND source = 'telemedicine' AND live`, [interpreter]);
    expect(live.n).toBe(1);
    const interpreterToken = (await t.user('care_provider', { careProviderId: interpreter })).token;
    const theirs = (await t.http.get('/api/v1/telemedicine/appointments').set(as(interpreterToken)).expect(200)).body.items;
    expect(theirs.map((a: { id: string }) => a.id)).toEqual([booked.id]);
    expect(theirs[0].roomUrl).toBe(booked.roomUrl);
    // Now the interpreter is taken at 09:30 too: no Kyrgyz slot there any more.
    const after = (await slots(patient.token, { from: '2026-03-11T00:00:00Z', to: '2026-03-11T02:00:00Z', interpreterLanguage: 'ky' }).expect(200)).body.items.map((s: { start: string }) => s.start);
    expect(after).toEqual(['2026-03-11T01:00:00.000Z', '2026-03-11T01:30:00.000Z']);

    // Rescheduled onto the care assignment's time: no interpreter, nothing changes.
    const moved = await t.http.post(`/api/v1/telemedicine/appointments/${booked.id}/reschedule`).set(as(patient.token)).send({ start: '2026-03-11T00:00:00Z' }).expect(409);
    expect(moved.body.code).toBe('NO_INTERPRETER_AVAILABLE');
    expect((await t.http.get(`/api/v1/telemedicine/appointments/${booked.id}`).set(as(patient.token)).expect(200)).body).toMatchObject({ start: booked.start, sequence: 0, interpreterId: interpreter });
    // Rescheduled to a free time: the interpreter is kept; cancelled: their time is free again.
    await t.http.post(`/api/v1/telemedicine/appointments/${booked.id}/reschedule`).set(as(patient.token)).send({ start: '2026-03-11T01:30:00Z' }).expect(200);
    const [kept] = await t.db.query(`SELECT lower(during) AS start FROM provider_bookings WHERE provider_id = $1 AND source = 'telemedicine' AND live`, [interpreter]);
    expect(kept.start.toISOString()).toBe('2026-03-11T01:30:00.000Z');
    await t.http.post(`/api/v1/telemedicine/appointments/${booked.id}/cancel`).set(as(patient.token)).expect(200);
    const [freed] = await t.db.query(`SELECT count(*)::int AS n FROM provider_bookings WHERE provider_id = $1 AND source = 'telemedicine' AND live`, [interpreter]);
    expect(freed.n).toBe(0);
  });

  it('eligibility: treated in person at the clinician\'s hospital, within FOLLOW_UP_WINDOW of the latest treatment', async () => {
    const never = await treated({ type: null });
    const refused = await book(never.token, { patientId: never.patientId, start: S1 }).expect(422);
    expect(refused.body).toMatchObject({ code: 'NOT_ELIGIBLE_FOR_FOLLOW_UP', detail: expect.stringContaining('not treated in person') });
    const elsewhere = await aTreatedPatient(t, randomUUID(), { treatedAt: '2026-02-20T00:00:00Z' });
    expect((await book(elsewhere.token, { patientId: elsewhere.patientId, start: S1 }).expect(422)).body.code).toBe('NOT_ELIGIBLE_FOR_FOLLOW_UP');
    const longAgo = await treated({ treatedAt: '2025-03-01T00:00:00Z' });
    const late = await book(longAgo.token, { patientId: longAgo.patientId, start: S1 }).expect(422);
    expect(late.body).toMatchObject({ code: 'NOT_ELIGIBLE_FOR_FOLLOW_UP', detail: expect.stringContaining('until 2026-03-01T00:00:00.000Z') });
    // An outpatient treatment counts as a discharge does.
    const outpatient = await treated({ type: 'treated', treatedAt: '2026-02-27T05:00:00Z' });
    await book(outpatient.token, { patientId: outpatient.patientId, start: S1 }).expect(201);
  });

  it('cancel frees the slot; the clinician marks fulfilled or no-show only after the start', async () => {
    const patient = await treated();
    const a = (await book(patient.token, { patientId: patient.patientId, start: S2 }).expect(201)).body;
    const b = (await book(patient.token, { patientId: patient.patientId, start: S3 }).expect(201)).body;
    expect((await t.http.post(`/api/v1/telemedicine/appointments/${a.id}/fulfilled`).set(as(clinician.token)).expect(409)).body.code).toBe('INVALID_TRANSITION');
    await t.http.post(`/api/v1/telemedicine/appointments/${a.id}/fulfilled`).set(as(patient.token)).expect(403);
    const cancelled = (await t.http.post(`/api/v1/telemedicine/appointments/${b.id}/cancel`).set(as(coordinator)).expect(200)).body;
    expect(cancelled).toMatchObject({ status: 'cancelled', sequence: 1 });
    expect((await t.http.post(`/api/v1/telemedicine/appointments/${b.id}/cancel`).set(as(patient.token)).expect(409)).body.code).toBe('INVALID_TRANSITION');
    expect((await slots(patient.token, { from: S3, to: '2026-03-03T01:30:00Z' }).expect(200)).body.items.map((s: { start: string }) => s.start)).toEqual([S3]);

    t.clock.set(new Date('2026-03-03T00:35:00Z'));
    try {
      expect((await t.http.post(`/api/v1/telemedicine/appointments/${a.id}/cancel`).set(as(patient.token)).expect(409)).body.code).toBe('INVALID_TRANSITION');
      expect((await t.http.post(`/api/v1/telemedicine/appointments/${a.id}/fulfilled`).set(as(clinician.token)).expect(200)).body.status).toBe('fulfilled');
      expect((await t.http.post(`/api/v1/telemedicine/appointments/${a.id}/noshow`).set(as(clinician.token)).expect(409)).body.code).toBe('INVALID_TRANSITION');
    } finally {
      t.clock.set(new Date(NOW));
    }
  });
});
