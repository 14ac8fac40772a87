import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ManualClock, TimersService } from '@medjourney/platform';
import { aTreatedPatient, anInterpreter, deliverPending, startTestApp, type TestApp } from '@medjourney/testing';
import { randomUUID } from 'node:crypto';

// Monday 2 March 2026, 09:00 in Seoul.
const NOW = '2026-03-02T00:00:00Z';
const SCHEDULE = { timezone: 'Asia/Seoul', slotMinutes: 30, weekly: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '09:00', end: '12:00' })), exceptions: [] };
const HOUR = 3_600_000;

/**
 * Reminders 24 hours and 1 hour before (spec/telemedicine.md), on the durable timers, moved by the
 * injected clock: once each per participant, in each one's own zone; none after cancellation;
 * moved by a reschedule. (apps/worker/test/telemedicine-reminders.e2e-spec.ts runs them through
 * real worker processes, a FLUSHALL and a killed worker.)
 */
describe('telemedicine reminders', () => {
  let t: TestApp;
  let clinician: { id: string; token: string };
  let hospitalId: string;
  let interpreter: string;
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });

  /** Fires every due timer and delivers the notices, as the worker would. */
  const tick = async (to: string) => {
    t.clock.set(new Date(to));
    await t.app.get(TimersService).fireDue();
    await deliverPending(t, ['notifications.notices']);
  };
  const remindersOf = (appointmentId: string) =>
    t.db.query(`SELECT recipient_id, title, body, refs->>'lead' AS lead FROM notifications WHERE kind = 'appointment_reminder' AND refs->>'appointmentId' = $1 ORDER BY refs->>'lead', recipient_id`, [appointmentId]);

  beforeAll(async () => {
    t = await startTestApp({ clock: new ManualClock(NOW), env: { JWT_TTL: 'P30D' } });
    hospitalId = randomUUID();
    clinician = await t.user('clinician', { hospitalId });
    await t.http.put(`/api/v1/clinicians/${clinician.id}/schedule`).set(as(clinician.token)).send(SCHEDULE).expect(200);
    interpreter = await anInterpreter(t, (await t.user('admin')).token, { languages: ['ru'] });
    await t.user('care_provider', { careProviderId: interpreter });
  }, 120_000);
  afterAll(() => t.close());

  it('24 h and 1 h before, once each, to the patient, the clinician and the interpreter, each in their own zone and language', async () => {
    const patient = await aTreatedPatient(t, hospitalId, { treatedAt: '2026-02-20T00:00:00Z', timezone: 'America/New_York' });
    // Thursday 5 March, 10:00 Seoul = 01:00Z = Wednesday 4 March, 20:00 in New York.
    const a = (await t.http.post('/api/v1/telemedicine/appointments').set(as(patient.token)).send({ clinicianId: clinician.id, patientId: patient.patientId, start: '2026-03-05T01:00:00Z', interpreterLanguage: 'ru' }).expect(201)).body;
    const armed = await t.db.query(`SELECT key, at FROM timers WHERE key LIKE $1 ORDER BY at`, [`telemedicine.${a.id}.%`]);
    expect(armed.map((r: { at: Date }) => r.at.toISOString())).toEqual(['2026-03-04T01:00:00.000Z', '2026-03-05T00:00:00.000Z']);

    await tick('2026-03-04T00:59:59Z');
    expect(await remindersOf(a.id)).toEqual([]);
    await tick('2026-03-04T01:00:00Z');
    const first = await remindersOf(a.id);
    expect(first).toHaveLength(3);
    const bodies = first.map((n: { body: string }) => n.body).sort();
    // The patient has no profile language and the clinician is staff: English; the interpreter's registry language is Russian.
    expect(bodies).toEqual([
      'Your follow-up video appointment starts in 24 hours, on 4 March 2026 at 20:00 (America/New_York). Open the appointment to join the video room a few minutes early.',
      'Your follow-up video consultation starts in 24 hours, on 5 March 2026 at 10:00 (Asia/Seoul). Open the appointment to join the video room a few minutes early.',
      'Повторный видеоприём, на котором вы переводите, начнётся через 24 часа, 5 марта 2026 г. в 10:00 (Asia/Seoul). Откройте запись на приём, чтобы войти в видеокомнату за несколько минут до начала.',
    ]);
    expect(first.map((n: { recipient_id: string }) => n.recipient_id)).toContain(patient.userId);
    expect(first.map((n: { recipient_id: string }) => n.recipient_id)).toContain(clinician.id);

    // Firing and delivering again changes nothing; the 1-hour reminder comes at its time.
    await t.db.query(`UPDATE event_deliveries SET done_at = NULL WHERE subscriber = 'notifications.notices'`);
    await tick('2026-03-04T12:00:00Z');
    expect(await remindersOf(a.id)).toHaveLength(3);
    await tick('2026-03-05T00:00:00Z');
    const all = await remindersOf(a.id);
    expect(all.map((n: { lead: string }) => n.lead)).toEqual(['1h', '1h', '1h', '24h', '24h', '24h']);
    expect(all.filter((n: { lead: string }) => n.lead === '1h').map((n: { title: string }) => n.title).sort()).toEqual(['Follow-up video appointment in 1 hour', 'Follow-up video appointment in 1 hour', 'Повторный видеоприём через 1 час']);
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM domain_events WHERE name = 'telemedicine.reminder-due' AND payload->>'appointmentId' = $1`, [a.id]);
    expect(n).toBe(2);
    t.clock.set(new Date(NOW));
  });

  it('none after a cancellation; a reschedule moves both; one already past at booking is never armed', async () => {
    const [p1, p2, p3] = [
      await aTreatedPatient(t, hospitalId, { treatedAt: '2026-02-20T00:00:00Z' }),
      await aTreatedPatient(t, hospitalId, { treatedAt: '2026-02-20T00:00:00Z' }),
      await aTreatedPatient(t, hospitalId, { treatedAt: '2026-02-20T00:00:00Z' }),
    ];
    const book = (p: typeof p1, start: string) => t.http.post('/api/v1/telemedicine/appointments').set(as(p.token)).send({ clinicianId: clinician.id, patientId: p.patientId, start }).expect(201);
    const cancelled = (await book(p1, '2026-03-10T00:00:00Z')).body;
    const moved = (await book(p2, '2026-03-10T00:30:00Z')).body;
    await t.http.post(`/api/v1/telemedicine/appointments/${cancelled.id}/cancel`).set(as(p1.token)).expect(200);
    expect(await t.db.query(`SELECT key FROM timers WHERE key LIKE $1`, [`telemedicine.${cancelled.id}.%`])).toEqual([]);
    // Two days later, 01:30Z instead of 00:30Z.
    await t.http.post(`/api/v1/telemedicine/appointments/${moved.id}/reschedule`).set(as(p2.token)).send({ start: '2026-03-12T01:30:00Z' }).expect(200);

    await tick('2026-03-10T00:00:00Z');
    expect(await remindersOf(cancelled.id)).toEqual([]);
    expect(await remindersOf(moved.id)).toEqual([]);
    await tick(new Date(Date.parse('2026-03-12T01:30:00Z') - 24 * HOUR).toISOString());
    expect((await remindersOf(moved.id)).map((r: { lead: string }) => r.lead)).toEqual(['24h', '24h']);
    await tick('2026-03-12T01:00:00Z');
    expect(await remindersOf(cancelled.id)).toEqual([]);

    // Booked 40 minutes ahead: the 24-hour and the 1-hour reminder have both passed.
    t.clock.set(new Date('2026-03-13T00:20:00Z'));
    const late = (await book(p3, '2026-03-13T01:00:00Z')).body;
    expect(await t.db.query(`SELECT key FROM timers WHERE key LIKE $1`, [`telemedicine.${late.id}.%`])).toEqual([]);
    t.clock.set(new Date(NOW));
  });
});
