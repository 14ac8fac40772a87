import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ManualClock } from '@medjourney/platform';
import { ensureSponsoredPatient, startTestApp, type TestApp } from '@medjourney/testing';
import { randomUUID } from 'node:crypto';

const HOSPITAL_A = '44444444-4444-4444-8444-444444444444';
const HOSPITAL_B = '55555555-5555-4555-8555-555555555555';
const PATIENT = '66666666-6666-4666-8666-666666666666';
// Monday 2026-11-23, 09:00 in Seoul.
const MONDAY = '2026-11-23T00:00:00Z';
const OFFICE_HOURS = { timezone: 'Asia/Seoul', weekly: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '09:00', end: '18:00' })), exceptions: [] };

describe('care assignments', () => {
  let t: TestApp;
  let admin: string;
  let coordA: string;
  let coordB: string;
  let patient: string;
  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

  async function aProvider(extra: Record<string, unknown> = {}): Promise<{ id: string; token: string }> {
    const { body } = await t.http.post('/api/v1/care-providers').set(bearer(admin)).send({ kind: 'interpreter', name: `Interpreter ${randomUUID().slice(0, 6)}`, languages: [{ code: 'ru', level: 'native' }], ...extra }).expect(201);
    await t.http.post(`/api/v1/care-providers/${body.id}/verify`).set(bearer(admin)).expect(201);
    await t.http.put(`/api/v1/care-providers/${body.id}/availability`).set(bearer(admin)).send(OFFICE_HOURS).expect(200);
    return { id: body.id, token: (await t.user('care_provider', { careProviderId: body.id })).token };
  }
  const book = (token: string, providerId: string, start: string, end: string, hospitalId = HOSPITAL_A) =>
    t.http.post('/api/v1/care-assignments').set(bearer(token)).send({ providerId, patientId: PATIENT, hospitalId, kind: 'interpreter', start, end });

  beforeAll(async () => {
    // Tokens outlive the hours the clock is moved by.
    t = await startTestApp({ clock: new ManualClock(MONDAY), env: { JWT_TTL: 'P7D' } });
    admin = (await t.user('admin')).token;
    coordA = (await t.user('hospital_coordinator', { hospitalId: HOSPITAL_A })).token;
    coordB = (await t.user('hospital_coordinator', { hospitalId: HOSPITAL_B })).token;
    await t.db.query(`INSERT INTO patients (id, email, name) VALUES ($1, 'aigerim@example.kz', 'Aigerim')`, [PATIENT]);
    // Both hospitals sponsored her, so either may book her care.
    await ensureSponsoredPatient(t.db, HOSPITAL_A, PATIENT);
    await ensureSponsoredPatient(t.db, HOSPITAL_B, PATIENT);
    patient = (await t.user('patient', { patientId: PATIENT })).token;
  });
  afterAll(() => t.close());

  it('a pending assignment holds the time at once: an overlapping booking is 409 PROVIDER_UNAVAILABLE, one outside the hours 422 OUTSIDE_AVAILABILITY', async () => {
    const p = await aProvider();
    const first = await book(coordA, p.id, '2026-11-24T01:00:00Z', '2026-11-24T03:00:00Z').expect(201);
    expect(first.body).toMatchObject({ status: 'pending', providerId: p.id, respondBy: '2026-11-24T00:00:00.000Z' });
    const overlap = await book(coordA, p.id, '2026-11-24T02:00:00Z', '2026-11-24T04:00:00Z');
    expect([overlap.status, overlap.body.code]).toEqual([409, 'PROVIDER_UNAVAILABLE']);
    await book(coordA, p.id, '2026-11-24T03:00:00Z', '2026-11-24T04:00:00Z').expect(201);
    const evening = await book(coordA, p.id, '2026-11-24T08:00:00Z', '2026-11-24T10:00:00Z');
    expect([evening.status, evening.body.code]).toEqual([422, 'OUTSIDE_AVAILABILITY']);
    const saturday = await book(coordA, p.id, '2026-11-28T01:00:00Z', '2026-11-28T02:00:00Z');
    expect([saturday.status, saturday.body.code]).toEqual([422, 'OUTSIDE_AVAILABILITY']);
    const otherHospital = await book(coordA, p.id, '2026-11-25T01:00:00Z', '2026-11-25T02:00:00Z', HOSPITAL_B);
    expect(otherHospital.status).toBe(404);
  });

  it('a coordinator books only for patients their hospital sponsored: another hospital\'s patient or an unknown id is 404 and holds no time', async () => {
    const p = await aProvider();
    const theirs = randomUUID();
    await ensureSponsoredPatient(t.db, HOSPITAL_B, theirs);
    for (const patientId of [theirs, randomUUID()]) {
      const res = await t.http
        .post('/api/v1/care-assignments')
        .set(bearer(coordA))
        .send({ providerId: p.id, patientId, hospitalId: HOSPITAL_A, kind: 'interpreter', start: '2026-11-24T01:00:00Z', end: '2026-11-24T02:00:00Z' });
      expect([res.status, res.body.code]).toEqual([404, 'NOT_FOUND']);
    }
    expect(await t.db.query('SELECT 1 FROM provider_bookings WHERE provider_id = $1', [p.id])).toHaveLength(0);
    // Hospital B, which sponsored that patient, may book the same time.
    await t.http
      .post('/api/v1/care-assignments')
      .set(bearer(coordB))
      .send({ providerId: p.id, patientId: theirs, hospitalId: HOSPITAL_B, kind: 'interpreter', start: '2026-11-24T01:00:00Z', end: '2026-11-24T02:00:00Z' })
      .expect(201);
  });

  it('a booking that would pass maxHoursPerWeek in the provider\'s week is 422 OVER_WEEKLY_HOURS; the next week is free again', async () => {
    const p = await aProvider({ maxHoursPerWeek: 10 });
    await book(coordA, p.id, '2026-11-24T00:00:00Z', '2026-11-24T08:00:00Z').expect(201);
    const over = await book(coordA, p.id, '2026-11-25T00:00:00Z', '2026-11-25T03:00:00Z');
    expect([over.status, over.body.code]).toEqual([422, 'OVER_WEEKLY_HOURS']);
    await book(coordA, p.id, '2026-11-25T00:00:00Z', '2026-11-25T02:00:00Z').expect(201);
    await book(coordA, p.id, '2026-12-01T00:00:00Z', '2026-12-01T08:00:00Z').expect(201);
  });

  it('50 concurrent bookings of one provider and window: exactly one succeeds, the rest 409, no overlap in the database', async () => {
    const p = await aProvider();
    const answers = await Promise.all(Array.from({ length: 50 }, () => book(coordA, p.id, '2026-11-26T01:00:00Z', '2026-11-26T05:00:00Z')));
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(49);
    expect(new Set(answers.filter((a) => a.status === 409).map((a) => a.body.code))).toEqual(new Set(['PROVIDER_UNAVAILABLE']));
    const [{ live }] = await t.db.query('SELECT count(*)::int AS live FROM provider_bookings WHERE provider_id = $1 AND live', [p.id]);
    expect(live).toBe(1);
    const [{ overlaps }] = await t.db.query(
      'SELECT count(*)::int AS overlaps FROM provider_bookings a JOIN provider_bookings b ON a.provider_id = b.provider_id AND a.id < b.id AND a.during && b.during WHERE a.live AND b.live',
    );
    expect(overlaps).toBe(0);
    const [{ assignments }] = await t.db.query('SELECT count(*)::int AS assignments FROM care_assignments WHERE provider_id = $1', [p.id]);
    expect(assignments).toBe(1);
  });

  it('the provider accepts or declines their own assignment; another provider gets 404; a declined assignment frees the time', async () => {
    const p = await aProvider();
    const other = await aProvider();
    const a = (await book(coordA, p.id, '2026-11-27T01:00:00Z', '2026-11-27T02:00:00Z').expect(201)).body;
    await t.http.post(`/api/v1/care-assignments/${a.id}/accept`).set(bearer(other.token)).expect(404);
    await t.http.get(`/api/v1/care-assignments/${a.id}`).set(bearer(other.token)).expect(404);
    await t.http.post(`/api/v1/care-assignments/${a.id}/accept`).set(bearer(coordA)).expect(403);
    const declined = await t.http.post(`/api/v1/care-assignments/${a.id}/decline`).set(bearer(p.token)).expect(200);
    expect(declined.body).toMatchObject({ status: 'declined', respondedAt: MONDAY.replace('Z', '.000Z') });
    await t.http.post(`/api/v1/care-assignments/${a.id}/accept`).set(bearer(p.token)).expect(409);
    const again = (await book(coordA, p.id, '2026-11-27T01:00:00Z', '2026-11-27T02:00:00Z').expect(201)).body;
    const accepted = await t.http.post(`/api/v1/care-assignments/${again.id}/accept`).set(bearer(p.token)).expect(200);
    expect(accepted.body.status).toBe('confirmed');
    const mine = await t.http.get('/api/v1/care-assignments').set(bearer(p.token)).expect(200);
    expect(mine.body.items.map((x: { id: string }) => x.id)).toEqual([again.id, a.id]);
  });

  it('a coordinator cancels their hospital\'s assignment before it starts; another hospital\'s coordinator gets 404', async () => {
    const p = await aProvider();
    const a = (await book(coordA, p.id, '2026-11-25T05:00:00Z', '2026-11-25T06:00:00Z').expect(201)).body;
    await t.http.post(`/api/v1/care-assignments/${a.id}/cancel`).set(bearer(coordB)).expect(404);
    await t.http.get(`/api/v1/care-assignments/${a.id}`).set(bearer(coordB)).expect(404);
    await t.http.post(`/api/v1/care-assignments/${a.id}/cancel`).set(bearer(coordA)).expect(200);
    const [{ live }] = await t.db.query('SELECT count(*)::int AS live FROM provider_bookings WHERE source_id = $1 AND live', [a.id]);
    expect(live).toBe(0);
    await t.http.post(`/api/v1/care-assignments/${a.id}/cancel`).set(bearer(coordA)).expect(409);
  });

  it('completion after the end, by the coordinator or the patient, with a rating that updates the provider\'s average', async () => {
    const p = await aProvider();
    const first = (await book(coordA, p.id, '2026-11-23T01:00:00Z', '2026-11-23T02:00:00Z').expect(201)).body;
    const second = (await book(coordA, p.id, '2026-11-23T03:00:00Z', '2026-11-23T04:00:00Z').expect(201)).body;
    for (const a of [first, second]) await t.http.post(`/api/v1/care-assignments/${a.id}/accept`).set(bearer(p.token)).expect(200);
    await t.http.post(`/api/v1/care-assignments/${first.id}/complete`).set(bearer(coordA)).send({ rating: 5 }).expect(409);
    (t.clock as ManualClock).set('2026-11-23T05:00:00Z');
    await t.http.post(`/api/v1/care-assignments/${first.id}/cancel`).set(bearer(coordA)).expect(409);
    await t.http.post(`/api/v1/care-assignments/${first.id}/complete`).set(bearer(coordA)).send({ rating: 6 }).expect(400);
    await t.http.post(`/api/v1/care-assignments/${first.id}/complete`).set(bearer(coordA)).send({ rating: 5 }).expect(200);
    const done = await t.http.post(`/api/v1/care-assignments/${second.id}/complete`).set(bearer(patient)).send({ rating: 4, comment: 'Clear and kind' }).expect(200);
    expect(done.body).toMatchObject({ status: 'completed', rating: 4, comment: 'Clear and kind' });
    const provider = await t.http.get(`/api/v1/care-providers/${p.id}`).set(bearer(coordA)).expect(200);
    expect([provider.body.rating, provider.body.ratingCount]).toEqual([4.5, 2]);
    (t.clock as ManualClock).set(MONDAY);
  });
});
