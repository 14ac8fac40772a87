import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DevMailbox, jobHandlerOf, JOBS, ManualClock, QueuesService, TimersService, type Letter } from '@medjourney/platform';
import { AppointmentsService, DEMO_SCHEDULE, demoFollowUpStart, SchedulesService, seedDemoTelemedicine } from '@medjourney/telemedicine';
import { aTreatedPatient, anInterpreter, deliverMail, startTestApp, type TestApp } from '@medjourney/testing';
import { randomUUID } from 'node:crypto';
import ical, { type VEvent } from 'node-ical';

// Monday 2 March 2026, 09:00 in Seoul.
const NOW = '2026-03-02T00:00:00Z';
const SCHEDULE = { timezone: 'Asia/Seoul', slotMinutes: 30, weekly: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '09:00', end: '12:00' })), exceptions: [] };

/** The invitation a letter carries, read back by node-ical: the calendar's METHOD and its one event. */
function invitation(letter: Letter): { method: string; e: VEvent } {
  expect(letter.calendar).toEqual(expect.any(String));
  const parsed = ical.sync.parseICS(letter.calendar!);
  const events = Object.values(parsed).filter((c) => c?.type === 'VEVENT') as VEvent[];
  expect(events).toHaveLength(1);
  return { method: String((parsed.vcalendar as unknown as { method: string }).method), e: events[0] };
}

/**
 * The appointment e-mails under doctor_to_doctor (spec/telemedicine.md): every participant with
 * an address, the local clinician too, gets the invitation (METHOD:REQUEST, SEQUENCE raised on a
 * reschedule) or the cancellation (METHOD:CANCEL, STATUS:CANCELLED), once per change, through
 * the development mailbox; the local clinician also gets the reminders by e-mail, on the
 * injected clock.
 */
describe('telemedicine e-mails', () => {
  let t: TestApp;
  let clinician: { id: string; token: string; email: string };
  let hospitalId: string;
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });
  /** The appointment letters to this address, newest first (not the account's own e-mails): those with a calendar, and the reminders. */
  const inbox = async (to: string) => (await t.app.get(DevMailbox).letters({ to })).filter((l) => l.calendar !== null || /follow-up video/i.test(l.subject));

  beforeAll(async () => {
    t = await startTestApp({ clock: new ManualClock(NOW), env: { JWT_TTL: 'P30D', TELEMEDICINE_POLICY: 'doctor_to_doctor' } });
    hospitalId = randomUUID();
    clinician = await t.user('clinician', { hospitalId, name: 'Dr. Kim Min-jun' });
    await t.http.put(`/api/v1/clinicians/${clinician.id}/schedule`).set(as(clinician.token)).send(SCHEDULE).expect(200);
  }, 120_000);
  afterAll(() => t.close());

  it('booked, rescheduled, cancelled: each participant gets the invitation or cancellation once, in their own zone and language, read back by node-ical', async () => {
    const interpreterEmail = `interpreter.${randomUUID().slice(0, 8)}@example.kr`;
    await anInterpreter(t, (await t.user('admin')).token, { languages: ['ru'], name: 'Olga Kim', email: interpreterEmail });
    const patient = await aTreatedPatient(t, hospitalId, { treatedAt: '2026-02-20T00:00:00Z', timezone: 'America/New_York' });
    const patientEmail = `patient.${patient.patientId}@test.medjourney.dev`;
    const local = { name: 'Dr. Aigerim Nurlanova', country: 'KAZ', email: `a.nurlanova.${randomUUID().slice(0, 8)}@clinic.kz`, timezone: 'Europe/Berlin' };
    const body = { clinicianId: clinician.id, patientId: patient.patientId, start: '2026-03-05T01:00:00Z', interpreterLanguage: 'ru' };
    const refused = await t.http.post('/api/v1/telemedicine/appointments').set(as(patient.token)).send({ ...body, localClinician: { ...local, timezone: 'Mars/Olympus' } }).expect(400);
    expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'localClinician.timezone' })]);
    // The accounts' own e-mails first, so that what follows counts only the appointment's.
    await deliverMail(t);
    // Thursday 5 March, 10:00 Seoul = 01:00Z = 20:00 the day before in New York, 02:00 in Berlin.
    const a = (await t.http.post('/api/v1/telemedicine/appointments').set(as(patient.token)).send({ ...body, localClinician: local }).expect(201)).body;
    expect(await deliverMail(t)).toBe(4);

    const addresses = [patientEmail, clinician.email, interpreterEmail, local.email];
    for (const to of addresses) {
      const letters = await inbox(to);
      expect([to, letters.length]).toEqual([to, 1]);
      const { method, e } = invitation(letters[0]);
      expect([method, e.uid, Number(e.sequence), e.start.toISOString(), e.end?.toISOString(), e.status]).toEqual(['REQUEST', `${a.id}@medjourney.dev`, 0, '2026-03-05T01:00:00.000Z', '2026-03-05T01:30:00.000Z', 'CONFIRMED']);
      expect(letters[0].text).toContain(a.roomUrl);
    }
    expect((await inbox(patientEmail))[0].subject).toBe('Follow-up video appointment on 4 March 2026 at 20:00 (America/New_York)');
    expect((await inbox(clinician.email))[0].subject).toBe('Follow-up video appointment on 5 March 2026 at 10:00 (Asia/Seoul)');
    // The interpreter's registry language is Russian: their letter is in Russian, the others' (no profile language, staff, the doctor abroad) in English.
    expect((await inbox(interpreterEmail))[0].subject).toBe('Повторный видеоприём 5 марта 2026 г. в 10:00 (Asia/Seoul)');
    expect((await inbox(interpreterEmail))[0].text).toContain('Повторный видеоприём пациента Aliya Nurlanovna у врача Dr. Kim Min-jun');
    const languages = await t.db.query(`SELECT to_address, language FROM telemedicine_mails WHERE appointment_id = $1 ORDER BY to_address`, [a.id]);
    expect(Object.fromEntries(languages.map((r: { to_address: string; language: string }) => [r.to_address, r.language]))).toEqual({ [patientEmail]: 'en', [clinician.email]: 'en', [interpreterEmail]: 'ru', [local.email]: 'en' });
    expect((await inbox(local.email))[0].text).toContain('The video consultation with Dr. Kim Min-jun');
    expect((await inbox(local.email))[0].text).toContain('is booked for 5 March 2026 at 02:00 (Europe/Berlin)');
    const attendees = ([] as unknown[]).concat(invitation((await inbox(local.email))[0]).e.attendee ?? []).map((x) => JSON.stringify(x));
    for (const to of addresses) expect(attendees.some((x) => x.includes(to))).toBe(true);

    // A job run again (a retry, a second worker) sends nothing more.
    const deliver = jobHandlerOf(t.app, JOBS.appointmentMail.key);
    const sent: { id: string }[] = await t.db.query(`SELECT id FROM telemedicine_mails WHERE appointment_id = $1`, [a.id]);
    for (const { id } of sent) expect(await deliver({ data: { mailId: id } })).toBe('already sent');
    for (const to of addresses) expect(await inbox(to)).toHaveLength(1);

    await t.http.post(`/api/v1/telemedicine/appointments/${a.id}/reschedule`).set(as(patient.token)).send({ start: '2026-03-06T02:00:00Z' }).expect(200);
    expect(await deliverMail(t)).toBe(4);
    for (const to of addresses) {
      const [moved] = await inbox(to);
      const { method, e } = invitation(moved);
      expect([method, e.uid, Number(e.sequence), e.start.toISOString(), e.end?.toISOString(), e.status]).toEqual(['REQUEST', `${a.id}@medjourney.dev`, 1, '2026-03-06T02:00:00.000Z', '2026-03-06T02:30:00.000Z', 'CONFIRMED']);
    }
    expect((await inbox(patientEmail))[0].text).toContain('has moved from 4 March 2026 at 20:00 (America/New_York) to 5 March 2026 at 21:00 (America/New_York)');

    await t.http.post(`/api/v1/telemedicine/appointments/${a.id}/cancel`).set(as(clinician.token)).expect(200);
    await t.http.post(`/api/v1/telemedicine/appointments/${a.id}/cancel`).set(as(clinician.token)).expect(409);
    expect(await deliverMail(t)).toBe(4);
    for (const to of addresses) {
      const letters = await inbox(to);
      expect(letters).toHaveLength(3);
      const { method, e } = invitation(letters[0]);
      expect([method, e.uid, Number(e.sequence), e.start.toISOString(), e.status]).toEqual(['CANCEL', `${a.id}@medjourney.dev`, 2, '2026-03-06T02:00:00.000Z', 'CANCELLED']);
      expect(letters[0].subject).toMatch(to === interpreterEmail ? /^Отменено: повторный видеоприём / : /^Cancelled: follow-up video appointment on /);
    }
  }, 120_000);

  it('an e-mail whose job Redis lost is sent by the sweep, once', async () => {
    const patient = await aTreatedPatient(t, hospitalId, { treatedAt: '2026-02-20T00:00:00Z' });
    const local = { name: 'Dr. Saule Bekova', country: 'KAZ', email: `s.bekova.${randomUUID().slice(0, 8)}@clinic.kz` };
    const a = (await t.http.post('/api/v1/telemedicine/appointments').set(as(patient.token))
      .send({ clinicianId: clinician.id, patientId: patient.patientId, start: '2026-03-05T02:00:00Z', localClinician: local }).expect(201)).body;
    // The relay handed the jobs to Redis, which then lost them (FLUSHALL): nothing in the queue, nothing sent.
    await t.db.query(`UPDATE outbox SET published_at = now() WHERE published_at IS NULL AND queue = 'telemedicine'`);
    const sweep = jobHandlerOf(t.app, JOBS.appointmentMailSweep.key);
    expect(await sweep({ data: {} })).toEqual({ requeued: 0 });
    t.clock.set(new Date(Date.parse(NOW) + 11_000));
    expect(await sweep({ data: {} })).toEqual({ requeued: 3 });
    // Swept again before the jobs ran: they wait in the queue already.
    expect(await sweep({ data: {} })).toEqual({ requeued: 0 });
    const queue = t.app.get(QueuesService).get(JOBS.appointmentMail.queue);
    const deliver = jobHandlerOf(t.app, JOBS.appointmentMail.key);
    const waiting = (await queue.getJobs(['waiting', 'prioritized', 'delayed'])).filter((j) => j.name === JOBS.appointmentMail.name);
    for (const job of waiting) await deliver({ data: job.data });
    expect(await inbox(local.email)).toHaveLength(1);
    expect(invitation((await inbox(local.email))[0]).method).toBe('REQUEST');
    const [{ unsent }] = await t.db.query(`SELECT count(*)::int AS unsent FROM telemedicine_mails WHERE appointment_id = $1 AND sent_at IS NULL`, [a.id]);
    expect(unsent).toBe(0);
    for (const job of waiting) await job.remove();
    t.clock.set(new Date(NOW));
  }, 60_000);

  it("the local clinician's reminders by e-mail, 24 h and 1 h before, once each, in the patient's zone when they gave none; none after cancellation; moved by a reschedule", async () => {
    const tick = async (to: string) => {
      t.clock.set(new Date(to));
      await t.app.get(TimersService).fireDue();
      await deliverMail(t);
    };
    const reminders = async (to: string) => (await inbox(to)).filter((l) => / in (24 hours|1 hour): /.test(l.subject)).map((l) => l.subject).reverse();
    const patient = await aTreatedPatient(t, hospitalId, { treatedAt: '2026-02-20T00:00:00Z', timezone: 'America/New_York' });
    const other = await aTreatedPatient(t, hospitalId, { treatedAt: '2026-02-20T00:00:00Z' });
    const local = { name: 'Dr. Ivan Petrov', country: 'USA', email: `i.petrov.${randomUUID().slice(0, 8)}@clinic.example` };
    const cancelledLocal = { ...local, email: `cancelled.${randomUUID().slice(0, 8)}@clinic.example` };
    const book = (p: typeof patient, start: string, l: typeof local) =>
      t.http.post('/api/v1/telemedicine/appointments').set(as(p.token)).send({ clinicianId: clinician.id, patientId: p.patientId, start, localClinician: l }).expect(201);
    const moved = (await book(patient, '2026-03-10T00:00:00Z', local)).body;
    const cancelled = (await book(other, '2026-03-10T00:30:00Z', cancelledLocal)).body;
    await t.http.post(`/api/v1/telemedicine/appointments/${cancelled.id}/cancel`).set(as(other.token)).expect(200);
    // Two days later: Thursday 12 March, 10:30 in Seoul, 21:30 the day before in New York (summer time since 8 March).
    await t.http.post(`/api/v1/telemedicine/appointments/${moved.id}/reschedule`).set(as(patient.token)).send({ start: '2026-03-12T01:30:00Z' }).expect(200);

    await tick('2026-03-10T00:00:00Z');
    expect(await reminders(local.email)).toEqual([]);
    await tick('2026-03-11T01:29:59Z');
    expect(await reminders(local.email)).toEqual([]);
    await tick('2026-03-11T01:30:00Z');
    expect(await reminders(local.email)).toEqual(['Follow-up video consultation in 24 hours: 11 March 2026 at 21:30 (America/New_York)']);
    const [letter] = (await inbox(local.email)).filter((l) => l.subject.includes('in 24 hours'));
    expect(letter.text).toContain('starts in 24 hours, on 11 March 2026 at 21:30 (America/New_York)');
    expect(letter.text).toContain(moved.roomUrl);
    expect(letter.calendar).toBeNull();
    await tick('2026-03-11T12:00:00Z');
    await tick('2026-03-12T00:30:00Z');
    await tick('2026-03-12T00:45:00Z');
    expect(await reminders(local.email)).toEqual([
      'Follow-up video consultation in 24 hours: 11 March 2026 at 21:30 (America/New_York)',
      'Follow-up video consultation in 1 hour: 11 March 2026 at 21:30 (America/New_York)',
    ]);
    expect(await reminders(cancelledLocal.email)).toEqual([]);
    expect((await inbox(cancelledLocal.email)).map((l) => invitation(l).method)).toEqual(['CANCEL', 'REQUEST']);
    t.clock.set(new Date(NOW));
  }, 120_000);

  it('the demo seed under doctor_to_doctor books the demo follow-up with the local clinician, who is e-mailed the invitation', async () => {
    const demoHospital = randomUUID();
    const demoClinician = await t.user('clinician', { hospitalId: demoHospital, name: 'Dr. Demo' });
    const coordinator = await t.user('hospital_coordinator', { hospitalId: demoHospital });
    await anInterpreter(t, (await t.user('admin')).token, { languages: ['kk'] });
    const patient = await aTreatedPatient(t, demoHospital, { treatedAt: '2026-02-20T00:00:00Z', timezone: 'Asia/Almaty' });
    const actor = (u: { id: string }, role: 'clinician' | 'hospital_coordinator') => ({ userId: u.id, role, hospitalId: demoHospital, careProviderId: null, patientId: null });
    const seeded = await seedDemoTelemedicine(
      t.db,
      { schedules: t.app.get(SchedulesService), appointments: t.app.get(AppointmentsService) },
      { clinician: actor(demoClinician, 'clinician'), coordinator: actor(coordinator, 'hospital_coordinator'), patientId: patient.patientId },
      t.config.telemedicinePolicy,
      t.clock.now(),
    );
    expect(seeded).toEqual({ schedules: 1, appointments: 1 });
    const [a] = (await t.http.get('/api/v1/telemedicine/appointments').set(as(demoClinician.token)).expect(200)).body.items;
    expect(a).toMatchObject({ policy: 'doctor_to_doctor', start: demoFollowUpStart(t.clock.now()).toISOString(), interpreterLanguage: 'kk', localClinician: { name: 'Dr. Saule Bekova', country: 'KAZ' } });
    expect((await t.http.get(`/api/v1/clinicians/${demoClinician.id}/schedule`).set(as(demoClinician.token)).expect(200)).body).toMatchObject(DEMO_SCHEDULE);
    await deliverMail(t);
    const letters = await inbox(a.localClinician.email);
    expect(letters.map((l) => invitation(l).method)).toEqual(['REQUEST']);
  }, 120_000);
});
