import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ManualClock } from '@medjourney/platform';
import { aTreatedPatient, deliverPending, startTestApp, type TestApp } from '@medjourney/testing';
import { randomUUID } from 'node:crypto';

// Monday 2 March 2026, 09:00 in Seoul.
const NOW = '2026-03-02T00:00:00Z';
const SCHEDULE = { timezone: 'Asia/Seoul', slotMinutes: 30, weekly: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '09:00', end: '12:00' })), exceptions: [] };

/** Follow-up appointments on the patient's journey (spec/journey.md): lines, the follow_up stage, next steps in the patient's zone. */
describe('follow-up appointments on the journey', () => {
  let t: TestApp;
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    t = await startTestApp({ clock: new ManualClock(NOW), env: { JWT_TTL: 'P30D' } });
  }, 120_000);
  afterAll(() => t.close());

  it('booked, rescheduled and fulfilled each add a line; the stage is follow_up and the next steps name the next appointment in the patient\'s time', async () => {
    const hospitalId = randomUUID();
    const clinician = await t.user('clinician', { hospitalId, name: 'Dr. Kim Min-jun' });
    const coordinator = (await t.user('hospital_coordinator', { hospitalId })).token;
    await t.http.put(`/api/v1/clinicians/${clinician.id}/schedule`).set(as(clinician.token)).send(SCHEDULE).expect(200);
    const patient = await aTreatedPatient(t, hospitalId, { treatedAt: '2026-02-20T00:00:00Z', timezone: 'America/New_York' });
    const journey = async (token = patient.token) => {
      await deliverPending(t, ['journey.timeline']);
      return (await t.http.get(`/api/v1/patients/${patient.patientId}/journey`).set(as(token)).expect(200)).body;
    };
    const followUps = (j: { entries: { type: string; summary: string }[] }) => j.entries.filter((e) => e.type.startsWith('follow_up_')).map((e) => [e.type, e.summary]);

    // Thursday 5 March, 10:00 Seoul = Wednesday 4 March, 20:00 in New York.
    const a = (await t.http.post('/api/v1/telemedicine/appointments').set(as(coordinator)).send({ clinicianId: clinician.id, patientId: patient.patientId, start: '2026-03-05T01:00:00Z' }).expect(201)).body;
    const booked = await journey();
    expect(booked.stage).toBe('follow_up');
    expect(booked.nextSteps).toEqual(['Your follow-up video appointment is on 4 March 2026 at 20:00 your time; join the video room from the appointment a few minutes early.']);
    const hospital = (await t.db.query('SELECT name FROM hospitals WHERE id = $1', [hospitalId]))[0].name;
    expect(followUps(booked)).toEqual([['follow_up_booked', `Follow-up video appointment with Dr. Kim Min-jun of ${hospital} booked for 4 March 2026 at 20:00 your time.`]]);

    await t.http.post(`/api/v1/telemedicine/appointments/${a.id}/reschedule`).set(as(patient.token)).send({ start: '2026-03-06T02:00:00Z' }).expect(200);
    const moved = await journey();
    expect(moved.nextSteps).toEqual(['Your follow-up video appointment is on 5 March 2026 at 21:00 your time; join the video room from the appointment a few minutes early.']);
    expect(followUps(moved)[1]).toEqual(['follow_up_rescheduled', `Follow-up video appointment with Dr. Kim Min-jun of ${hospital} moved from 4 March 2026 at 20:00 your time to 5 March 2026 at 21:00 your time.`]);

    t.clock.set(new Date('2026-03-06T02:10:00Z'));
    await t.http.post(`/api/v1/telemedicine/appointments/${a.id}/fulfilled`).set(as(clinician.token)).expect(200);
    const done = await journey();
    expect(done.stage).toBe('follow_up');
    expect(done.nextSteps).toEqual(['No follow-up video appointment is booked now; book another with your doctor when you need one.']);
    expect(followUps(done).map(([type]) => type)).toEqual(['follow_up_booked', 'follow_up_rescheduled', 'follow_up_fulfilled']);

    // A repeated delivery adds nothing; immigration reads none of it.
    await t.db.query(`UPDATE event_deliveries SET done_at = NULL WHERE subscriber = 'journey.timeline'`);
    expect(followUps(await journey())).toHaveLength(3);
    const officer = (await t.user('officer')).token;
    const theirs = await journey(officer);
    expect(followUps(theirs)).toEqual([]);
    expect(theirs.stage).not.toBe('follow_up');
    t.clock.set(new Date(NOW));
  });

  it('an outpatient treatment is recorded by the treating hospital and needs the patient in Korea', async () => {
    const hospitalId = randomUUID();
    const coordinator = (await t.user('hospital_coordinator', { hospitalId })).token;
    const patient = await aTreatedPatient(t, hospitalId, { treatedAt: '2026-02-20T00:00:00Z', type: null });
    const res = await t.http.post(`/api/v1/patients/${patient.patientId}/journey-events`).set(as(coordinator)).send({ type: 'treated', hospitalId, at: '2026-03-01T00:00:00Z' }).expect(422);
    expect(res.body).toMatchObject({ code: 'IMPLAUSIBLE_EVENT', detail: 'The patient cannot be treated before arriving in Korea.' });
    await t.http.post(`/api/v1/patients/${patient.patientId}/journey-events`).set(as(coordinator)).send({ type: 'treated', at: '2026-03-01T00:00:00Z' }).expect(400);
    await t.http.post(`/api/v1/patients/${patient.patientId}/journey-events`).set(as(patient.token)).send({ type: 'treated', hospitalId, at: '2026-03-01T00:00:00Z' }).expect(403);
  });
});
