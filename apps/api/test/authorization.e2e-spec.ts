import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ROLES, type Role } from '@medjourney/platform';
import { startTestApp, type TestApp } from '@medjourney/testing';

const HOSPITAL_A = '11111111-1111-4111-8111-111111111111';
const HOSPITAL_B = '22222222-2222-4222-8222-222222222222';

/**
 * Every route of this module × every role. The expected status is the answer for a request
 * that is otherwise valid: 403 when the role may never do it; 404 when the row is outside the
 * caller's scope.
 */
describe('roles and scope', () => {
  let t: TestApp;
  const tokens = {} as Record<Role, string>;
  let coordinatorA: { id: string; token: string };
  let clinicianA: { id: string };
  let clinicianB: { id: string };

  beforeAll(async () => {
    t = await startTestApp();
    for (const role of ROLES) tokens[role] = (await t.user(role)).token;
    coordinatorA = await t.user('hospital_coordinator', { hospitalId: HOSPITAL_A });
    clinicianA = await t.user('clinician', { hospitalId: HOSPITAL_A });
    clinicianB = await t.user('clinician', { hospitalId: HOSPITAL_B });
  });
  afterAll(() => t.close());

  const matrix: { route: string; allowed: Role[]; call: (token: string) => Promise<{ status: number }> }[] = [
    { route: 'GET /users', allowed: ['admin', 'hospital_coordinator'], call: (tk) => t.http.get('/api/v1/users').set('Authorization', `Bearer ${tk}`) },
    {
      route: 'POST /users',
      allowed: ['admin'],
      call: (tk) => t.http.post('/api/v1/users').set('Authorization', `Bearer ${tk}`).send({ email: `m${Math.random()}@x.kr`, name: 'M', role: 'officer', password: 'long enough password' }),
    },
    { route: 'PATCH /users/:id', allowed: ['admin'], call: (tk) => t.http.patch(`/api/v1/users/${clinicianA.id}`).set('Authorization', `Bearer ${tk}`).send({ name: 'Renamed' }) },
    { route: 'GET /audit', allowed: ['admin', 'supervisor', 'ministry_reviewer'], call: (tk) => t.http.get('/api/v1/audit').set('Authorization', `Bearer ${tk}`) },
    { route: 'GET /audit/verify', allowed: ['admin'], call: (tk) => t.http.get('/api/v1/audit/verify').set('Authorization', `Bearer ${tk}`) },
    { route: 'GET /auth/me', allowed: [...ROLES], call: (tk) => t.http.get('/api/v1/auth/me').set('Authorization', `Bearer ${tk}`) },
  ];

  for (const { route, allowed, call } of matrix) {
    it(`${route}: allowed for ${allowed.join(', ')}; 403 for the others; 401 without a token`, async () => {
      for (const role of ROLES) {
        const res = await call(tokens[role]);
        if (allowed.includes(role)) expect([role, res.status]).toEqual([role, expect.any(Number)]);
        if (allowed.includes(role)) expect(res.status).toBeLessThan(300);
        else expect([role, res.status]).toEqual([role, 403]);
      }
      expect((await call('')).status).toBe(401);
    });
  }

  it('a coordinator reads the accounts of their own hospital', async () => {
    await t.http.get(`/api/v1/users/${clinicianA.id}`).set('Authorization', `Bearer ${coordinatorA.token}`).expect(200);
    const list = await t.http.get('/api/v1/users').set('Authorization', `Bearer ${coordinatorA.token}`).expect(200);
    const hospitals = new Set(list.body.items.map((u: { hospitalId: string }) => u.hospitalId));
    expect([...hospitals]).toEqual([HOSPITAL_A]);
  });

  it('a coordinator of hospital A asking for an account of hospital B gets 404, as for an id that does not exist', async () => {
    const other = await t.http.get(`/api/v1/users/${clinicianB.id}`).set('Authorization', `Bearer ${coordinatorA.token}`);
    const missing = await t.http.get('/api/v1/users/99999999-9999-4999-8999-999999999999').set('Authorization', `Bearer ${coordinatorA.token}`);
    expect(other.status).toBe(404);
    expect(other.body).toEqual(missing.body);
  });

  it('an admin cannot deactivate themselves', async () => {
    const admin = await t.user('admin');
    const res = await t.http.patch(`/api/v1/users/${admin.id}`).set('Authorization', `Bearer ${admin.token}`).send({ active: false });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('CANNOT_DEACTIVATE_SELF');
  });

  it('a coordinator or clinician needs a hospitalId, a care provider a careProviderId', async () => {
    for (const role of ['hospital_coordinator', 'clinician', 'care_provider']) {
      const res = await t.http.post('/api/v1/users').set('Authorization', `Bearer ${tokens.admin}`).send({ email: `n${Math.random()}@x.kr`, name: 'N', role, password: 'long enough password' });
      expect(res.status).toBe(400);
    }
  });

  it('an admin cannot create a patient account (patients register or are invited)', async () => {
    const res = await t.http.post('/api/v1/users').set('Authorization', `Bearer ${tokens.admin}`).send({ email: `p${Math.random()}@x.kr`, name: 'P', role: 'patient', password: 'long enough password' });
    expect(res.status).toBe(400);
  });

  it('pages through users with an opaque cursor, no row twice, none missed', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: { body: { items: { id: string }[]; nextCursor: string | null } } = await t.http
        .get('/api/v1/users')
        .query({ limit: 3, ...(cursor ? { cursor } : {}) })
        .set('Authorization', `Bearer ${tokens.admin}`)
        .expect(200);
      expect(res.body.items.length).toBeLessThanOrEqual(3);
      seen.push(...res.body.items.map((u: { id: string }) => u.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    const [{ count }] = await t.db.query('SELECT count(*)::int AS count FROM users');
    expect(seen.length).toBe(count);
    expect(new Set(seen).size).toBe(count);
  });

  it('filters users by role', async () => {
    const res = await t.http.get('/api/v1/users?role=clinician').set('Authorization', `Bearer ${tokens.admin}`).expect(200);
    expect(res.body.items.length).toBeGreaterThanOrEqual(3);
    expect(res.body.items.every((u: { role: string }) => u.role === 'clinician')).toBe(true);
  });
});
