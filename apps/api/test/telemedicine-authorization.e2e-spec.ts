import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ManualClock } from '@medjourney/platform';
import { aTreatedPatient, anInterpreter, startTestApp, type TestApp } from '@medjourney/testing';
import { randomUUID } from 'node:crypto';

// Monday 2 March 2026, 09:00 in Seoul.
const NOW = '2026-03-02T00:00:00Z';
const SCHEDULE = { timezone: 'Asia/Seoul', slotMinutes: 30, weekly: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '09:00', end: '12:00' })), exceptions: [] };

type Who = 'admin' | 'patientX' | 'patientY' | 'clinicianA' | 'clinicianB' | 'coordinatorA' | 'coordinatorB' | 'interpreterP' | 'interpreterQ' | 'officer' | 'supervisor' | 'ministry_reviewer';

/**
 * The role and scope matrix of telemedicine (spec/security.md): a role that may never use a route
 * is 403 before any lookup; anyone outside the resource's scope gets 404, as if it did not exist.
 * Hospital A's clinician sees patient X (treated at A, appointment with interpreter P); B is
 * another hospital; Y another patient; Q an interpreter not on the appointment.
 */
describe('telemedicine: who may do what', () => {
  let t: TestApp;
  const token = {} as Record<Who, string>;
  let clinicianA: string;
  let hospitalA: string;
  let patientX: string;
  let appointment: string;
  const as = (who: Who) => ({ Authorization: `Bearer ${token[who]}` });

  beforeAll(async () => {
    t = await startTestApp({ clock: new ManualClock(NOW), env: { JWT_TTL: 'P30D' } });
    hospitalA = randomUUID();
    const hospitalB = randomUUID();
    token.admin = (await t.user('admin')).token;
    for (const role of ['officer', 'supervisor', 'ministry_reviewer'] as const) token[role] = (await t.user(role)).token;
    token.coordinatorA = (await t.user('hospital_coordinator', { hospitalId: hospitalA })).token;
    token.coordinatorB = (await t.user('hospital_coordinator', { hospitalId: hospitalB })).token;
    const a = await t.user('clinician', { hospitalId: hospitalA });
    clinicianA = a.id;
    token.clinicianA = a.token;
    token.clinicianB = (await t.user('clinician', { hospitalId: hospitalB })).token;
    await t.http.put(`/api/v1/clinicians/${clinicianA}/schedule`).set(as('clinicianA')).send(SCHEDULE).expect(200);
    const x = await aTreatedPatient(t, hospitalA, { treatedAt: '2026-02-20T00:00:00Z' });
    patientX = x.patientId;
    token.patientX = x.token;
    token.patientY = (await aTreatedPatient(t, hospitalA, { treatedAt: '2026-02-20T00:00:00Z' })).token;
    const p = await anInterpreter(t, token.admin, { languages: ['ru'] });
    const q = await anInterpreter(t, token.admin, { languages: ['uz'] });
    token.interpreterP = (await t.user('care_provider', { careProviderId: p })).token;
    token.interpreterQ = (await t.user('care_provider', { careProviderId: q })).token;
    appointment = (await t.http.post('/api/v1/telemedicine/appointments').set(as('coordinatorA'))
      .send({ clinicianId: clinicianA, patientId: patientX, start: '2026-03-03T00:00:00Z', interpreterLanguage: 'ru' }).expect(201)).body.id;
    // A dozen accounts (each a password hash and a login) on a busy machine.
  }, 180_000);
  afterAll(() => t.close());

  const everyone: Who[] = ['admin', 'patientX', 'patientY', 'clinicianA', 'clinicianB', 'coordinatorA', 'coordinatorB', 'interpreterP', 'interpreterQ', 'officer', 'supervisor', 'ministry_reviewer'];
  /** Each caller and the status they get; `except` are the callers another test drives (those the route is for). */
  const matrix = (expected: Partial<Record<Who, number>>, fallback: number, except: Who[] = []) =>
    everyone.filter((who) => !except.includes(who)).map((who) => [who, expected[who] ?? fallback] as const);

  it.each(matrix({ admin: 200, patientX: 200, clinicianA: 200, coordinatorA: 200, interpreterP: 200, officer: 403, supervisor: 403, ministry_reviewer: 403 }, 404))(
    'GET an appointment as %s: %i',
    async (who, status) => {
      await t.http.get(`/api/v1/telemedicine/appointments/${appointment}`).set(as(who)).expect(status);
    },
  );

  it.each(matrix({ officer: 403, supervisor: 403, ministry_reviewer: 403 }, 200))('GET the list as %s: %i, only what is theirs', async (who, status) => {
    const res = await t.http.get('/api/v1/telemedicine/appointments').set(as(who)).expect(status);
    if (status !== 200) return;
    const sees = ['admin', 'patientX', 'clinicianA', 'coordinatorA', 'interpreterP'].includes(who);
    expect(res.body.items.map((a: { id: string }) => a.id)).toEqual(sees ? [appointment] : []);
  });

  it.each(matrix({ clinicianA: 200, coordinatorA: 200, clinicianB: 404, coordinatorB: 404 }, 403))('PUT the schedule as %s: %i', async (who, status) => {
    await t.http.put(`/api/v1/clinicians/${clinicianA}/schedule`).set(as(who)).send(SCHEDULE).expect(status);
  });

  it.each(matrix({ admin: 200, patientX: 200, patientY: 200, clinicianA: 200, coordinatorA: 200, clinicianB: 404, coordinatorB: 404 }, 403))('GET the slots as %s: %i', async (who, status) => {
    await t.http.get('/api/v1/telemedicine/slots').query({ clinicianId: clinicianA, from: '2026-03-02T00:00:00Z', to: '2026-03-03T00:00:00Z' }).set(as(who)).expect(status);
  });

  it.each(matrix({ patientY: 404, coordinatorB: 404 }, 403, ['patientX', 'coordinatorA']))('POST an appointment for patient X as %s: %i, nothing booked', async (who, status) => {
    await t.http.post('/api/v1/telemedicine/appointments').set(as(who)).send({ clinicianId: clinicianA, patientId: patientX, start: '2026-03-04T00:00:00Z' }).expect(status);
    const [{ n }] = await t.db.query('SELECT count(*)::int AS n FROM telemedicine_appointments WHERE patient_id = $1', [patientX]);
    expect(n).toBe(1);
  });

  it('a coordinator books only for a patient their hospital treats, at their own hospital\'s clinician', async () => {
    const stranger = randomUUID();
    await t.db.query(`INSERT INTO patients (id, email, name) VALUES ($1, $2, 'Stranger')`, [stranger, `stranger.${stranger}@test.medjourney.dev`]);
    await t.db.query(`INSERT INTO journey_events (patient_id, type, at, hospital_id, recorded_by, recorded_role, created_at) VALUES ($1, 'discharged', '2026-02-20T00:00:00Z', $2, $1, 'hospital_coordinator', now())`, [stranger, hospitalA]);
    await t.http.post('/api/v1/telemedicine/appointments').set(as('coordinatorA')).send({ clinicianId: clinicianA, patientId: stranger, start: '2026-03-04T00:00:00Z' }).expect(404);
    await t.http.post('/api/v1/telemedicine/appointments').set(as('coordinatorA')).send({ clinicianId: randomUUID(), patientId: patientX, start: '2026-03-04T00:00:00Z' }).expect(404);
  });

  it.each(matrix({ patientY: 404, clinicianB: 404, coordinatorB: 404, interpreterQ: 404 }, 403, ['patientX', 'clinicianA', 'coordinatorA', 'interpreterP']))('POST reschedule and cancel as %s: %i, nothing changes', async (who, status) => {
    await t.http.post(`/api/v1/telemedicine/appointments/${appointment}/reschedule`).set(as(who)).send({ start: '2026-03-04T01:00:00Z' }).expect(status);
    await t.http.post(`/api/v1/telemedicine/appointments/${appointment}/cancel`).set(as(who)).expect(status);
    expect((await t.http.get(`/api/v1/telemedicine/appointments/${appointment}`).set(as('admin')).expect(200)).body).toMatchObject({ status: 'booked', sequence: 0 });
  });

  it.each(matrix({ clinicianB: 404 }, 403, ['clinicianA']))('POST fulfilled and noshow as %s: %i', async (who, status) => {
    await t.http.post(`/api/v1/telemedicine/appointments/${appointment}/fulfilled`).set(as(who)).expect(status);
    await t.http.post(`/api/v1/telemedicine/appointments/${appointment}/noshow`).set(as(who)).expect(status);
  });

  it('each participant may reschedule: the interpreter moves it, the coordinator moves it back', async () => {
    await t.http.post(`/api/v1/telemedicine/appointments/${appointment}/reschedule`).set(as('interpreterP')).send({ start: '2026-03-04T01:00:00Z' }).expect(200);
    const back = await t.http.post(`/api/v1/telemedicine/appointments/${appointment}/reschedule`).set(as('coordinatorA')).send({ start: '2026-03-03T00:00:00Z' }).expect(200);
    expect(back.body).toMatchObject({ start: '2026-03-03T00:00:00.000Z', sequence: 2, roomUrl: null });
  });
});
