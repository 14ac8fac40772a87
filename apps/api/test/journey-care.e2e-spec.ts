import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ManualClock } from '@medjourney/platform';
import { aPatientApplication, aSponsor, deliverPending, startTestApp, type TestApp } from '@medjourney/testing';

// Monday 2026-11-23, 09:00 in Seoul.
const MONDAY = '2026-11-23T00:00:00Z';
const WEEKDAYS = { timezone: 'Asia/Seoul', weekly: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '09:00', end: '18:00' })), exceptions: [] };
// Tuesday 10:00-12:00 in Seoul.
const WINDOW = { start: '2026-11-24T01:00:00Z', end: '2026-11-24T03:00:00Z' };

describe('care assignments on the patient\'s journey', () => {
  let t: TestApp;
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    // Tokens outlive the days the clock is moved by.
    t = await startTestApp({ clock: new ManualClock(MONDAY), env: { JWT_TTL: 'P7D' } });
  });
  afterAll(() => t.close());

  it('booked, confirmed and completed each add one line, once however often their deliveries run', async () => {
    const admin = (await t.user('admin')).token;
    const sponsor = await aSponsor(t, admin, true);
    const patient = await aPatientApplication(t, { coordinator: sponsor.coordinator, officer: (await t.user('officer')).token });
    const { body: provider } = await t.http.post('/api/v1/care-providers').set(as(admin)).send({ kind: 'interpreter', name: 'Anna Ivanova', languages: [{ code: 'ru', level: 'native' }] }).expect(201);
    await t.http.post(`/api/v1/care-providers/${provider.id}/verify`).set(as(admin)).expect(201);
    await t.http.put(`/api/v1/care-providers/${provider.id}/availability`).set(as(admin)).send(WEEKDAYS).expect(200);
    const providerToken = (await t.user('care_provider', { careProviderId: provider.id })).token;

    const booked = await t.http.post('/api/v1/care-assignments').set(as(sponsor.coordinator))
      .send({ providerId: provider.id, patientId: patient.patientId, hospitalId: sponsor.id, kind: 'interpreter', ...WINDOW }).expect(201);
    t.clock.advance(3_600_000);
    await t.http.post(`/api/v1/care-assignments/${booked.body.id}/accept`).set(as(providerToken)).expect(200);
    t.clock.advance(2 * 24 * 3_600_000);
    await t.http.post(`/api/v1/care-assignments/${booked.body.id}/complete`).set(as(sponsor.coordinator)).send({ rating: 5 }).expect(200);

    const care = async () => {
      await deliverPending(t, ['journey.timeline']);
      const journey = (await t.http.get(`/api/v1/patients/${patient.patientId}/journey`).set(as(patient.patientToken)).expect(200)).body;
      return journey.entries.filter((e: { type: string }) => e.type.startsWith('care_assignment_'));
    };
    const entries = await care();
    const { name } = (await t.http.get(`/api/v1/hospitals/${sponsor.id}`).expect(200)).body;
    const refs = { assignmentId: booked.body.id, providerId: provider.id, hospitalId: sponsor.id, kind: 'interpreter', start: '2026-11-24T01:00:00.000Z', end: '2026-11-24T03:00:00.000Z' };
    expect(entries).toEqual([
      { at: '2026-11-23T00:00:00.000Z', type: 'care_assignment_booked', summary: `Interpreter Anna Ivanova was booked at ${name} for 24 November 2026, 10:00–12:00 Korean time; waiting for them to confirm.`, refs },
      { at: '2026-11-23T01:00:00.000Z', type: 'care_assignment_confirmed', summary: `Interpreter Anna Ivanova confirmed 24 November 2026, 10:00–12:00 Korean time at ${name}.`, refs },
      { at: '2026-11-25T01:00:00.000Z', type: 'care_assignment_completed', summary: `Interpreter Anna Ivanova completed the assignment of 24 November 2026, 10:00–12:00 Korean time at ${name}.`, refs },
    ]);

    // Every delivery of the timeline runs again: nothing is added.
    await t.db.query(`UPDATE event_deliveries SET done_at = NULL WHERE subscriber = 'journey.timeline'`);
    expect(await care()).toEqual(entries);
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM journey_entries WHERE patient_id = $1 AND type LIKE 'care_assignment_%'`, [patient.patientId]);
    expect(n).toBe(3);
  });
});
