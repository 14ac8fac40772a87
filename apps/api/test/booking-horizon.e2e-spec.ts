import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ManualClock } from '@medjourney/platform';
import { ensureSponsoredPatient, startTestApp, type TestApp } from '@medjourney/testing';

const HOSPITAL = 'b0b0b0b0-1111-4111-8111-b0b0b0b0b0b0';
const PATIENT = 'c0c0c0c0-2222-4222-8222-c0c0c0c0c0c0';
// Monday 2026-11-23, 09:00 in Seoul. With the default BOOKING_HORIZON (P180D) the last bookable
// day is Saturday 2027-05-22, whose end, the Korean midnight after it, is 2027-05-22T15:00:00Z.
const NOW = '2026-11-23T00:00:00Z';
const LAST_DAY = '2027-05-22';
// Around the clock every day, so that availability never decides these windows.
const ALWAYS = { timezone: 'Asia/Seoul', weekly: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '00:00', end: '24:00' })), exceptions: [] };
const JUST_INSIDE = { start: '2027-05-22T14:00:00Z', end: '2027-05-22T15:00:00Z' };
const JUST_PAST = { start: '2027-05-22T15:00:00Z', end: '2027-05-22T15:01:00Z' };

describe('the booking horizon (spec/matching.md): bookings and matches past the last bookable day are refused by name', () => {
  let t: TestApp;
  let clock: ManualClock;
  let coord: string;
  let provider: string;
  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
  const book = (window: { start: string; end: string }) =>
    t.http.post('/api/v1/care-assignments').set(bearer(coord)).send({ providerId: provider, patientId: PATIENT, hospitalId: HOSPITAL, kind: 'interpreter', ...window });
  const match = (window: { start: string; end: string }) =>
    t.http.post('/api/v1/matches').set(bearer(coord)).send({ kind: 'interpreter', language: 'ru', requireCertified: false, ...window });
  const expectBeyond = (res: { status: number; body: Record<string, unknown> }) => {
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({
      code: 'BEYOND_BOOKING_HORIZON',
      lastBookableDay: LAST_DAY,
      detail: expect.stringContaining(LAST_DAY),
      errors: [{ field: 'end', message: expect.stringContaining(LAST_DAY) }],
    });
  };

  beforeAll(async () => {
    clock = new ManualClock(NOW);
    t = await startTestApp({ clock, env: { JWT_TTL: 'P1Y' } });
    const admin = (await t.user('admin')).token;
    coord = (await t.user('hospital_coordinator', { hospitalId: HOSPITAL })).token;
    await ensureSponsoredPatient(t.db, HOSPITAL, PATIENT);
    provider = (await t.http.post('/api/v1/care-providers').set(bearer(admin)).send({ kind: 'interpreter', name: 'Horizon', languages: [{ code: 'ru', level: 'native' }] }).expect(201)).body.id;
    await t.http.post(`/api/v1/care-providers/${provider}/verify`).set(bearer(admin)).expect(201);
    await t.http.put(`/api/v1/care-providers/${provider}/availability`).set(bearer(admin)).send(ALWAYS).expect(200);
  });
  afterAll(() => t.close());

  it('matches a window that ends at the end of the last bookable day, and refuses one a minute later', async () => {
    const inside = await match(JUST_INSIDE).expect(200);
    expect(inside.body.candidates.map((c: { providerId: string }) => c.providerId)).toEqual([provider]);
    expectBeyond(await match(JUST_PAST));
  });

  it('books a window that ends at the end of the last bookable day, and refuses one a minute later, holding no time', async () => {
    await book(JUST_INSIDE).expect(201);
    expectBeyond(await book(JUST_PAST));
    const [{ count }] = await t.db.query('SELECT count(*)::int AS count FROM provider_bookings WHERE provider_id = $1', [provider]);
    expect(count).toBe(1);
  });

  it('moves with the clock: a day later the same window is bookable', async () => {
    clock.advance(86_400_000);
    await book(JUST_PAST).expect(201);
  });
});
