import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { JOBS, ManualClock, QueuesService } from '@medjourney/platform';
import { completedJob, ensureSponsoredPatient, startTestApp, startTestWorker, type TestApp } from '@medjourney/testing';

const HOSPITAL = 'bbbbbbbb-cccc-4ccc-8ccc-bbbbbbbbbbbb';
const PATIENT = 'cccccccc-dddd-4ddd-8ddd-cccccccccccc';
// Monday 2026-11-23, 09:00 in Seoul: the instants' 183 days end on Tuesday 2027-05-25 at 09:00 in Seoul;
// the booking horizon's 180 days on Saturday 2027-05-22, the last bookable day.
const MONDAY = '2026-11-23T00:00:00Z';
const DAY = 86_400_000;
// Monday to Saturday, 08:00-20:00 in Seoul.
const HOURS = { timezone: 'Asia/Seoul', weekly: [1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, start: '08:00', end: '20:00' })), exceptions: [] };
// Tuesday 2027-05-25, 08:30-10:00 in Seoul: across the instants' first horizon.
const ACROSS_HORIZON = { start: '2027-05-24T23:30:00Z', end: '2027-05-25T01:00:00Z' };
// Saturday 2027-06-05, 10:00-12:00 in Seoul: beyond it.
const BEYOND_HORIZON = { start: '2027-06-05T01:00:00Z', end: '2027-06-05T03:00:00Z' };

describe('the availability horizon: instants 183 days ahead, extended by an hourly job', () => {
  let t: TestApp;
  let worker: INestApplication;
  let clock: ManualClock;
  let admin: string;
  let coord: string;
  let runs = 0;
  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

  async function interpreter(name: string, opts: { verify?: boolean; hours?: object | null } = {}): Promise<string> {
    const { body } = await t.http.post('/api/v1/care-providers').set(bearer(admin)).send({ kind: 'interpreter', name, languages: [{ code: 'ru', level: 'native' }] }).expect(201);
    if (opts.verify !== false) await t.http.post(`/api/v1/care-providers/${body.id}/verify`).set(bearer(admin)).expect(201);
    if (opts.hours !== null) await t.http.put(`/api/v1/care-providers/${body.id}/availability`).set(bearer(admin)).send(opts.hours ?? HOURS).expect(200);
    return body.id;
  }
  const book = (providerId: string, window: { start: string; end: string }) =>
    t.http.post('/api/v1/care-assignments').set(bearer(coord)).send({ providerId, patientId: PATIENT, hospitalId: HOSPITAL, kind: 'interpreter', ...window });
  const ranges = async (providerId: string): Promise<string[]> =>
    (await t.db.query('SELECT during::text AS d FROM care_provider_availability WHERE provider_id = $1 ORDER BY lower(during)', [providerId])).map((r: { d: string }) => r.d);
  const horizon = async (providerId: string): Promise<string | null> =>
    (await t.db.query('SELECT availability_until FROM care_providers WHERE id = $1', [providerId]))[0].availability_until?.toISOString() ?? null;
  async function runJob(): Promise<unknown> {
    const queue = t.app.get(QueuesService).get(JOBS.availabilityHorizon.queue);
    const id = `horizon-now-${++runs}`;
    await queue.add(JOBS.availabilityHorizon.name, {}, { jobId: id });
    return (await completedJob(queue, id)).returnvalue;
  }

  beforeAll(async () => {
    clock = new ManualClock(MONDAY);
    // Tokens outlive the month the clock is moved by.
    t = await startTestApp({ clock, env: { JWT_TTL: 'P1Y' } });
    worker = await startTestWorker(t.config, clock);
    admin = (await t.user('admin')).token;
    coord = (await t.user('hospital_coordinator', { hospitalId: HOSPITAL })).token;
    await ensureSponsoredPatient(t.db, HOSPITAL, PATIENT);
  });
  afterAll(async () => {
    await worker.close();
    await t.close();
  });

  it('is declared as an hourly job scheduler', async () => {
    const schedulers = await t.app.get(QueuesService).get(JOBS.availabilityHorizon.queue).getJobSchedulers();
    expect(schedulers.map((s) => s.key ?? s.id)).toContain('availability-horizon-hourly');
  });

  it('extends an active provider\'s instants as the clock moves, joining the range the old horizon cut; again, it changes nothing', async () => {
    const active = await interpreter('Active');
    const unverified = await interpreter('Unverified', { verify: false });
    const noHours = await interpreter('No hours', { hours: null });
    expect(await horizon(active)).toBe('2027-05-25T00:00:00.000Z');
    expect(await horizon(noHours)).toBeNull();
    // Both lie past the last bookable day, and are refused by name.
    expect((await book(active, ACROSS_HORIZON)).body.code).toBe('BEYOND_BOOKING_HORIZON');
    expect((await book(active, BEYOND_HORIZON)).body.code).toBe('BEYOND_BOOKING_HORIZON');

    // Half a day later the horizon is not yet a day short: nothing to do.
    clock.advance(DAY / 2);
    expect(await runJob()).toEqual({ providers: 0 });
    expect(await horizon(active)).toBe('2027-05-25T00:00:00.000Z');

    // A month later, at 03:00 in Seoul (a day ago and 183 days ahead both fall outside the hours).
    clock.set(new Date('2026-12-23T18:00:00Z'));
    await runJob();
    expect(await horizon(active)).toBe('2027-06-24T18:00:00.000Z');
    expect(await horizon(unverified)).toBe('2027-05-25T00:00:00.000Z');
    expect(await horizon(noHours)).toBeNull();
    const extended = await ranges(active);
    // The instants are those a save of the same hours now would write: the old ones pruned to a day ago, the seam joined.
    await t.http.put(`/api/v1/care-providers/${active}/availability`).set(bearer(admin)).send(HOURS).expect(200);
    expect(await ranges(active)).toEqual(extended);
    expect(extended).toContain('["2027-05-24 23:00:00+00","2027-05-25 11:00:00+00")');

    const match = await t.http.post('/api/v1/matches').set(bearer(coord)).send({ kind: 'interpreter', language: 'ru', requireCertified: false, ...ACROSS_HORIZON }).expect(200);
    expect(match.body.candidates.map((c: { providerId: string }) => c.providerId)).toEqual([active]);
    await book(active, ACROSS_HORIZON).expect(201);
    await book(active, BEYOND_HORIZON).expect(201);

    // However often it runs, even on providers it has just extended, the instants stay the same.
    expect(await runJob()).toEqual({ providers: 0 });
    await t.db.query(`UPDATE care_providers SET availability_until = availability_until - interval '2 days' WHERE id = $1`, [active]);
    expect(await runJob()).toEqual({ providers: 1 });
    expect(await ranges(active)).toEqual(extended);
    expect(await horizon(active)).toBe('2027-06-24T18:00:00.000Z');
  });
});
