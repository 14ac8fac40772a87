import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApp, TEST_PASSWORD, type TestApp } from '@medjourney/testing';

describe('auth', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('logs in with the right password and answers me', async () => {
    const u = await t.user('officer');
    const me = await t.http.get('/api/v1/auth/me').set('Authorization', `Bearer ${u.token}`).expect(200);
    expect(me.body).toMatchObject({ id: u.id, email: u.email, role: 'officer', active: true });
    expect(me.body.passwordHash).toBeUndefined();
  });

  it('answers a wrong password and an unknown e-mail alike', async () => {
    const u = await t.user('supervisor');
    const wrong = await t.http.post('/api/v1/auth/login').send({ email: u.email, password: 'not the password at all' });
    const unknown = await t.http.post('/api/v1/auth/login').send({ email: 'nobody@test.medjourney.dev', password: 'not the password at all' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(wrong.body).toEqual(unknown.body);
    expect(wrong.body.code).toBe('UNAUTHENTICATED');
  });

  it('limits failed logins per account: the 6th attempt within a minute is 429 with Retry-After, even with the right password', async () => {
    const u = await t.user('officer');
    for (let i = 0; i < 5; i++) {
      await t.http.post('/api/v1/auth/login').send({ email: u.email, password: `wrong password ${i}` }).expect(401);
    }
    const blocked = await t.http.post('/api/v1/auth/login').send({ email: u.email, password: TEST_PASSWORD });
    expect(blocked.status).toBe(429);
    expect(blocked.body.code).toBe('RATE_LIMITED');
    const retryAfter = Number(blocked.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
  });

  it('does not count successful logins', async () => {
    const u = await t.user('officer');
    for (let i = 0; i < 8; i++) await t.http.post('/api/v1/auth/login').send({ email: u.email, password: TEST_PASSWORD }).expect(200);
  });

  it('limits failed logins per address at 30 a minute, across accounts', async () => {
    const ip = '203.0.113.7';
    // Each attempt names another unknown account, so only the address limit can trip.
    const attempts = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        t.http.post('/api/v1/auth/login').set('X-Forwarded-For', ip).send({ email: `ghost${i}@test.medjourney.dev`, password: 'whatever it is' }),
      ),
    );
    expect(attempts.map((a) => a.status)).toEqual(Array(30).fill(401));
    const blocked = await t.http.post('/api/v1/auth/login').set('X-Forwarded-For', ip).send({ email: 'ghost-next@test.medjourney.dev', password: 'whatever it is' });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    // Another address is not affected.
    await t.http.post('/api/v1/auth/login').set('X-Forwarded-For', '203.0.113.8').send({ email: 'ghost-next@test.medjourney.dev', password: 'whatever it is' }).expect(401);
  });

  it('refuses an expired token with 401 (the clock moved past JWT_TTL)', async () => {
    const u = await t.user('officer');
    await t.http.get('/api/v1/auth/me').set('Authorization', `Bearer ${u.token}`).expect(200);
    t.clock.advance(t.config.jwtTtlSeconds * 1000 + 1000);
    try {
      const res = await t.http.get('/api/v1/auth/me').set('Authorization', `Bearer ${u.token}`);
      expect(res.status).toBe(401);
      expect(res.body.code).toBe('UNAUTHENTICATED');
    } finally {
      t.clock.set(new Date());
    }
  });

  it('refuses a tampered token, a token signed with another secret, and no token', async () => {
    const u = await t.user('officer');
    const [h, p, s] = u.token.split('.');
    const claims = JSON.parse(Buffer.from(p, 'base64url').toString());
    const forged = `${h}.${Buffer.from(JSON.stringify({ ...claims, role: 'admin' })).toString('base64url')}.${s}`;
    for (const token of [forged, `${h}.${p}.${s.slice(0, -4)}AAAA`, 'not-a-jwt']) {
      const res = await t.http.get('/api/v1/auth/me').set('Authorization', `Bearer ${token}`);
      expect(res.status).toBe(401);
      expect(res.body.code).toBe('UNAUTHENTICATED');
    }
    await t.http.get('/api/v1/auth/me').expect(401);
  });

  it('lets a patient register, then log in; a taken e-mail is 409', async () => {
    const email = `patient.${Date.now()}@example.kz`;
    const reg = await t.http.post('/api/v1/auth/register').send({ email, password: 'a long enough password', name: 'Aigerim' }).expect(201);
    expect(reg.body.user).toMatchObject({ email, role: 'patient' });
    expect(reg.body.accessToken).toEqual(expect.any(String));
    await t.http.post('/api/v1/auth/login').send({ email: email.toUpperCase(), password: 'a long enough password' }).expect(200);
    const again = await t.http.post('/api/v1/auth/register').send({ email, password: 'a long enough password', name: 'Aigerim' });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('EMAIL_TAKEN');
  });

  it('refuses a password shorter than 12 characters', async () => {
    const res = await t.http.post('/api/v1/auth/register').send({ email: 'short@example.kz', password: 'elevenchars', name: 'X' });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'password' })]);
  });

  it('activates an invited account once with accept-invite', async () => {
    const admin = await t.user('admin');
    const created = await t.http
      .post('/api/v1/users')
      .set('Authorization', `Bearer ${admin.token}`)
      .send({ email: `invited.${Date.now()}@immigration.go.kr`, name: 'Invited Officer', role: 'officer' })
      .expect(201);
    const token = created.body.invitationToken as string;
    expect(token).toEqual(expect.any(String));
    // Not activated yet: no password to log in with.
    await t.http.post('/api/v1/auth/login').send({ email: created.body.email, password: 'the chosen password' }).expect(401);
    const accepted = await t.http.post('/api/v1/auth/accept-invite').send({ token, password: 'the chosen password' }).expect(200);
    expect(accepted.body.user.id).toBe(created.body.id);
    await t.http.post('/api/v1/auth/login').send({ email: created.body.email, password: 'the chosen password' }).expect(200);
    const reused = await t.http.post('/api/v1/auth/accept-invite').send({ token, password: 'another password 123' });
    expect(reused.status).toBe(422);
    expect(reused.body.code).toBe('INVITATION_INVALID');
  });

  it('accepts an invitation once when two requests race', async () => {
    const admin = await t.user('admin');
    const created = await t.http
      .post('/api/v1/users')
      .set('Authorization', `Bearer ${admin.token}`)
      .send({ email: `race.${Date.now()}@immigration.go.kr`, name: 'Racer', role: 'officer' })
      .expect(201);
    const results = await Promise.all(
      [1, 2, 3].map((i) => t.http.post('/api/v1/auth/accept-invite').send({ token: created.body.invitationToken, password: `password number ${i}` })),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 422, 422]);
  });

  it('refuses logins and tokens of a deactivated account', async () => {
    const admin = await t.user('admin');
    const u = await t.user('officer');
    await t.http.patch(`/api/v1/users/${u.id}`).set('Authorization', `Bearer ${admin.token}`).send({ active: false }).expect(200);
    await t.http.get('/api/v1/auth/me').set('Authorization', `Bearer ${u.token}`).expect(401);
    await t.http.post('/api/v1/auth/login').send({ email: u.email, password: TEST_PASSWORD }).expect(401);
  });
});
