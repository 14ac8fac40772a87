import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { RESPONSE_TIMER } from '@medjourney/matching';
import { ManualClock, TimersService } from '@medjourney/platform';
import { Redis } from 'ioredis';
import { aPatientApplication, aSponsor, ensureSponsoredPatient, startTestApp, startTestWorker, until, type TestApp } from '@medjourney/testing';

const HOSPITAL = '99999999-aaaa-4aaa-8aaa-999999999999';
const PATIENT = 'aaaaaaaa-bbbb-4bbb-8bbb-aaaaaaaaaaaa';
const MONDAY = '2026-11-23T00:00:00Z';
const WEEKDAYS = { timezone: 'Asia/Seoul', weekly: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '09:00', end: '18:00' })), exceptions: [] };
const CERT = [{ type: 'medical_interpreter', number: 'MI-1', validUntil: '2028-12-31' }];
const WINDOW = { start: '2026-11-24T01:00:00Z', end: '2026-11-24T03:00:00Z' };

describe('re-offers: a declined assignment goes to the next candidate of the same ranking; none left → unfilled', () => {
  let t: TestApp;
  let worker: INestApplication;
  let clock: ManualClock;
  let admin: string;
  let coord: { id: string; token: string };
  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

  /** A verified interpreter with weekday hours and an account; `level` orders the ranking. */
  async function interpreter(name: string, level: string) {
    const { body } = await t.http.post('/api/v1/care-providers').set(bearer(admin)).send({ kind: 'interpreter', name, languages: [{ code: 'ru', level }], certifications: CERT }).expect(201);
    await t.http.post(`/api/v1/care-providers/${body.id}/verify`).set(bearer(admin)).expect(201);
    await t.http.put(`/api/v1/care-providers/${body.id}/availability`).set(bearer(admin)).send(WEEKDAYS).expect(200);
    const account = await t.user('care_provider', { careProviderId: body.id });
    return { id: body.id as string, token: account.token, userId: account.id };
  }
  const notices = (recipient: string): Promise<{ kind: string; title: string; refs: { assignmentId: string } }[]> =>
    t.db.query('SELECT kind, title, refs FROM notifications WHERE recipient_id = $1 ORDER BY created_at, kind', [recipient]);
  const pendingOf = async (providerId: string): Promise<string | undefined> =>
    (await t.db.query(`SELECT id FROM care_assignments WHERE provider_id = $1 AND status = 'pending'`, [providerId]))[0]?.id;

  beforeAll(async () => {
    clock = new ManualClock(MONDAY);
    t = await startTestApp({ clock, env: { JWT_TTL: 'P7D' } });
    worker = await startTestWorker(t.config, clock);
    admin = (await t.user('admin')).token;
    coord = await t.user('hospital_coordinator', { hospitalId: HOSPITAL });
    await ensureSponsoredPatient(t.db, HOSPITAL, PATIENT);
  });
  afterAll(async () => {
    await worker.close();
    await t.close();
  });

  it('offers to each candidate in turn, telling the provider and the coordinator, and reports the request unfilled at the end', async () => {
    const first = await interpreter('First', 'native');
    const second = await interpreter('Second', 'fluent');
    const third = await interpreter('Third', 'professional');
    const match = await t.http.post('/api/v1/matches').set(bearer(coord.token)).send({ kind: 'interpreter', language: 'ru', ...WINDOW }).expect(200);
    expect(match.body.candidates.map((c: { providerId: string }) => c.providerId)).toEqual([first.id, second.id, third.id]);
    const booked = await t.http.post('/api/v1/care-assignments').set(bearer(coord.token))
      .send({ providerId: first.id, patientId: PATIENT, hospitalId: HOSPITAL, kind: 'interpreter', matchId: match.body.matchId, ...WINDOW }).expect(201);
    await until(async () => (await notices(first.userId)).length === 1, 10_000, 'the first offer');
    expect((await notices(first.userId))[0]).toMatchObject({ kind: 'assignment_offered', refs: { assignmentId: booked.body.id } });

    await t.http.post(`/api/v1/care-assignments/${booked.body.id}/decline`).set(bearer(first.token)).expect(200);
    await until(async () => !!(await pendingOf(second.id)), 10_000, 'the re-offer to the second');
    const secondAssignment = (await pendingOf(second.id))!;
    await until(async () => (await notices(second.userId)).length === 1, 10_000, 'the second offer');
    expect((await notices(second.userId))[0]).toMatchObject({ kind: 'assignment_offered', refs: { assignmentId: secondAssignment } });
    await until(async () => (await notices(coord.id)).some((n) => n.kind === 'assignment_declined'), 10_000, 'the decline notice');
    expect((await notices(coord.id)).find((n) => n.kind === 'assignment_declined')!.title).toBe('First declined the assignment of 24 Nov 2026, 10:00 KST');

    await t.http.post(`/api/v1/care-assignments/${secondAssignment}/decline`).set(bearer(second.token)).expect(200);
    await until(async () => !!(await pendingOf(third.id)), 10_000, 'the re-offer to the third');
    await t.http.post(`/api/v1/care-assignments/${(await pendingOf(third.id))!}/decline`).set(bearer(third.token)).expect(200);
    await until(async () => (await notices(coord.id)).some((n) => n.kind === 'assignment_unfilled'), 10_000, 'the unfilled notice');
    expect((await notices(coord.id)).filter((n) => n.kind === 'assignment_unfilled')).toHaveLength(1);
    expect((await notices(coord.id)).filter((n) => n.kind === 'assignment_declined')).toHaveLength(3);
    // The first is never offered the same request again.
    expect((await notices(first.userId)).map((n) => n.kind)).toEqual(['assignment_offered']);
  });

  it('without a matchId, the matching runs again with the assignment\'s own language; without a language the request is unfilled at once', async () => {
    const alone = await interpreter('Alone', 'native');
    const window = { start: '2026-11-25T01:00:00Z', end: '2026-11-25T02:00:00Z' };
    const a = await t.http.post('/api/v1/care-assignments').set(bearer(coord.token))
      .send({ providerId: alone.id, patientId: PATIENT, hospitalId: HOSPITAL, kind: 'interpreter', language: 'ru', ...window }).expect(201);
    await t.http.post(`/api/v1/care-assignments/${a.body.id}/decline`).set(bearer(alone.token)).expect(200);
    // Any other free Russian interpreter of this file's registry is booked next.
    await until(async () => (await t.db.query(`SELECT 1 FROM care_assignments WHERE start_at = $1 AND status = 'pending'`, [window.start])).length === 1, 10_000, 'a re-offer from a new ranking');
    const [{ match_id }] = await t.db.query('SELECT match_id FROM care_assignments WHERE id = $1', [a.body.id]);
    expect(match_id).toEqual(expect.any(String));

    const before = (await notices(coord.id)).filter((n) => n.kind === 'assignment_unfilled').length;
    const b = await t.http.post('/api/v1/care-assignments').set(bearer(coord.token))
      .send({ providerId: alone.id, patientId: PATIENT, hospitalId: HOSPITAL, kind: 'interpreter', start: '2026-11-26T01:00:00Z', end: '2026-11-26T02:00:00Z' }).expect(201);
    await t.http.post(`/api/v1/care-assignments/${b.body.id}/decline`).set(bearer(alone.token)).expect(200);
    await until(async () => (await notices(coord.id)).filter((n) => n.kind === 'assignment_unfilled').length === before + 1, 10_000, 'the unfilled notice');
  });

  it('without a matchId or a language, the re-offer takes the patient\'s preferred language', async () => {
    const sponsor = await aSponsor(t, admin, true);
    const patient = await aPatientApplication(t, { coordinator: sponsor.coordinator, officer: (await t.user('officer')).token }, { approve: false });
    await t.http.patch(`/api/v1/patients/${patient.patientId}`).set(bearer(patient.patientToken)).send({ languages: ['ru', 'en'] }).expect(200);
    const solo = await interpreter('Solo', 'native');
    const window = { start: '2026-11-26T05:00:00Z', end: '2026-11-26T06:00:00Z' };
    const a = await t.http.post('/api/v1/care-assignments').set(bearer(sponsor.coordinator))
      .send({ providerId: solo.id, patientId: patient.patientId, hospitalId: sponsor.id, kind: 'interpreter', ...window }).expect(201);
    await t.http.post(`/api/v1/care-assignments/${a.body.id}/decline`).set(bearer(solo.token)).expect(200);
    await until(async () => (await t.db.query(`SELECT 1 FROM care_assignments WHERE start_at = $1 AND status = 'pending'`, [window.start])).length === 1, 10_000, 'a re-offer in the patient\'s language');
    const [{ request }] = await t.db.query('SELECT m.request FROM matches m JOIN care_assignments a ON a.match_id = m.id WHERE a.id = $1', [a.body.id]);
    expect(request).toMatchObject({ language: 'ru', patientId: patient.patientId, hospitalId: sponsor.id });
  });

  it('an offer unanswered for ASSIGNMENT_RESPONSE_TIMEOUT expires once the clock passes it, never before, also after Redis lost its keys; the next candidate is booked', async () => {
    const slow = await interpreter('Slow', 'native');
    const window = { start: '2026-11-27T05:00:00Z', end: '2026-11-27T06:00:00Z' };
    const match = await t.http.post('/api/v1/matches').set(bearer(coord.token)).send({ kind: 'interpreter', language: 'ru', ...window }).expect(200);
    const a = await t.http.post('/api/v1/care-assignments').set(bearer(coord.token))
      .send({ providerId: slow.id, patientId: PATIENT, hospitalId: HOSPITAL, kind: 'interpreter', matchId: match.body.matchId, ...window }).expect(201);
    const timers = t.app.get(TimersService);
    clock.advance(24 * 3_600_000 - 60_000);
    expect(await timers.fireDue({ kind: RESPONSE_TIMER })).toEqual([]);
    // Redis loses every key of this test (its FLUSHALL); PostgreSQL still holds the timer.
    const redis = new Redis(t.config.redisUrl);
    for (let cursor = '0'; ;) {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${t.config.queuePrefix}*`, 'COUNT', 1000);
      if (keys.length) await redis.del(...keys);
      if ((cursor = next) === '0') break;
    }
    await redis.quit();
    clock.advance(120_000);
    // Every offer still pending from this file's earlier tests is as old as this one.
    const [{ due }] = await t.db.query(`SELECT count(*)::int AS due FROM care_assignments WHERE status = 'pending' AND respond_by <= $1`, [clock.now()]);
    expect((await timers.reconcile()).fired).toBe(due);
    expect((await t.http.get(`/api/v1/care-assignments/${a.body.id}`).set(bearer(coord.token)).expect(200)).body.status).toBe('expired');
    expect((await timers.reconcile()).fired).toBe(0);
    await until(async () => (await t.db.query(`SELECT 1 FROM care_assignments WHERE start_at = $1 AND status = 'pending'`, [window.start])).length === 1, 15_000, 'the re-offer after expiry');
    await until(async () => (await notices(coord.id)).some((n) => n.kind === 'assignment_expired'), 15_000, 'the expiry notice');
    await t.http.post(`/api/v1/care-assignments/${a.body.id}/accept`).set(bearer(slow.token)).expect(409);
  });

  it('an answer disarms the timer', async () => {
    const quick = await interpreter('Quick', 'native');
    const a = await t.http.post('/api/v1/care-assignments').set(bearer(coord.token))
      .send({ providerId: quick.id, patientId: PATIENT, hospitalId: HOSPITAL, kind: 'interpreter', start: '2026-11-27T07:00:00Z', end: '2026-11-27T08:00:00Z' }).expect(201);
    expect(await t.db.query('SELECT 1 FROM timers WHERE key = $1', [`care-assignment.${a.body.id}.response`])).toHaveLength(1);
    await t.http.post(`/api/v1/care-assignments/${a.body.id}/accept`).set(bearer(quick.token)).expect(200);
    expect(await t.db.query('SELECT 1 FROM timers WHERE key = $1', [`care-assignment.${a.body.id}.response`])).toHaveLength(0);
  });
});
