import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ManualClock, ROLES, type Role } from '@medjourney/platform';
import { startTestApp, type TestApp } from '@medjourney/testing';

const READERS: Role[] = ['ministry_reviewer', 'supervisor', 'admin'];

describe('the programme figures over HTTP', () => {
  let t: TestApp;
  const tokens = new Map<Role, string>();
  const get = (path: string, role: Role = 'ministry_reviewer') => t.http.get(path).set('Authorization', `Bearer ${tokens.get(role)}`);

  beforeAll(async () => {
    t = await startTestApp({ clock: new ManualClock('2030-03-01T03:00:00Z'), env: { PROGRAMME_TARGET_PATIENTS: '800000' } });
    for (const role of ROLES) tokens.set(role, (await t.user(role)).token);
    // Rollups as the subscriber keeps them, for January 2030: 12 KAZ, 7 JPN, 3 UZB and 1 MNG first arrivals.
    const arrivals: [string, number][] = [['KAZ', 12], ['JPN', 7], ['UZB', 3], ['MNG', 1]];
    for (const [key, n] of [...arrivals, ['all', 23] as [string, number]]) {
      const dimension = key === 'all' ? 'all' : 'nationality';
      await t.db.query(`INSERT INTO statistics_monthly (dimension, key, month, metric, value) VALUES ($1, $2, '2030-01-01', 'patients_arrived', $3), ($1, $2, '2030-01-01', 'applications_submitted', $3)`, [dimension, key, n]);
      await t.db.query(`INSERT INTO statistics_applied_chains (dimension, key, month, previous, count) VALUES ($1, $2, '2030-01-01', '0001-01-01', $3)`, [dimension, key, n]);
    }
    await t.db.query(`INSERT INTO statistics_monthly (dimension, key, month, metric, value) VALUES ('language', 'kk', '2030-01-01', 'interpreter_requests', 4), ('language', 'kk', '2030-01-01', 'interpreter_filled', 3)`);
    // A user of every role: eight password hashes, slow on a busy machine.
  }, 120_000);
  afterAll(() => t.close());

  it('ministry reviewers, supervisors and admins read the figures; every other role is 403', async () => {
    for (const role of ROLES) {
      const res = await get('/api/v1/statistics/programme?from=2030-01&to=2030-01&groupBy=nationality', role);
      const langs = await get('/api/v1/statistics/languages', role);
      if (READERS.includes(role)) {
        expect([role, res.status, langs.status]).toEqual([role, 200, 200]);
      } else {
        expect([role, res.status, res.body.code, langs.status, langs.body.code]).toEqual([role, 403, 'FORBIDDEN', 403, 'FORBIDDEN']);
      }
    }
    await t.http.get('/api/v1/statistics/programme?from=2030-01&to=2030-01&groupBy=nationality').expect(401);
  });

  it('rows under 5 patients are summed into "other", which takes the smallest row until it counts 5; the totals stay exact', async () => {
    const res = await get('/api/v1/statistics/programme?from=2030-01&to=2030-01&groupBy=nationality').expect(200);
    // UZB (3) and MNG (1) make 4: JPN, the smallest listed row, joins them.
    expect(res.body.rows.map((r: { key: string; patientsArrived: number; patientsApplied: number }) => [r.key, r.patientsArrived, r.patientsApplied])).toEqual([
      ['KAZ', 12, 12],
      ['other', 11, 11],
    ]);
    expect(res.body.rows[0].share).toBeCloseTo(12 / 23, 4);
    expect(res.body.totals).toMatchObject({ patientsArrived: 23, patientsApplied: 23, applicationsSubmitted: 23, share: 1 });
    expect(res.body.target).toMatchObject({ patientsPerYear: 800000, last12Months: 23 });
    // The same rows by month: one month of 23.
    const months = await get('/api/v1/statistics/programme?from=2029-12&to=2030-02&groupBy=month').expect(200);
    expect(months.body.rows.map((r: { key: string; patientsArrived: number }) => [r.key, r.patientsArrived])).toEqual([['2030-01', 23]]);
  });

  it('answers CSV on Accept: text/csv, a header line of the field names first', async () => {
    const res = await get('/api/v1/statistics/programme?from=2030-01&to=2030-01&groupBy=nationality').set('Accept', 'text/csv').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    const lines = res.text.trim().split('\r\n');
    expect(lines[0].split(',').slice(0, 4)).toEqual(['key', 'patientsArrived', 'patientsApplied', 'share']);
    expect(lines.slice(1).map((l) => l.split(',').slice(0, 3).join(','))).toEqual(['KAZ,12,12', 'other,11,11']);
  });

  it.each([
    ['from=2026-01&to=2029-01&groupBy=month', 422, 'INVALID_PERIOD'],
    ['from=2030-02&to=2030-01&groupBy=month', 422, 'INVALID_PERIOD'],
    ['from=2030-1&to=2030-02&groupBy=month', 400, 'VALIDATION_FAILED'],
    ['from=2030-01&to=2030-02&groupBy=city', 400, 'VALIDATION_FAILED'],
    ['from=2030-01&groupBy=month', 400, 'VALIDATION_FAILED'],
  ])('%s is %i %s', async (query, status, code) => {
    const res = await get(`/api/v1/statistics/programme?${query}`).expect(status);
    expect(res.body.code).toBe(code);
  });

  it('36 months is the longest period', async () => {
    await get('/api/v1/statistics/programme?from=2027-02&to=2030-01&groupBy=region').expect(200);
  });

  it('languages: demand beside supply, under 5 patients preferring shown as "<5"', async () => {
    const res = await get('/api/v1/statistics/languages').expect(200);
    expect(res.body.rows).toContainEqual({ language: 'kk', patientsPreferring: '<5', activeInterpreters: 0, interpreterRequests: 4, interpreterRequestsFilled: 3 });
  });
});
