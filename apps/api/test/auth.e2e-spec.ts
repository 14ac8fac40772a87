import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { JwtService } from '@nestjs/jwt';
import { aPatientApplication, aRegisteredPatient, aSponsor, httpFrom, linkTokenMailedTo, startTestApp, TEST_PASSWORD, type TestApp } from '@medjourney/testing';

const as = (token: string) => ({ Authorization: `Bearer ${token}` });

describe('auth', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  /** Signs claims with the test app's own JWT secret, as someone holding the key could. */
  const sign = (claims: object) => new JwtService().sign(claims, { secret: t.config.jwtSecret, algorithm: 'HS256' });

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

  it('limits failed logins per account and address: the 6th attempt within a minute is 429 with Retry-After, even with the right password', async () => {
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

  it('reads hospital, patient and care provider from the account: a signed token claiming another patient reads nothing', async () => {
    const admin = (await t.user('admin')).token;
    const officer = (await t.user('officer')).token;
    const sponsor = await aSponsor(t, admin, true);
    const other = await aPatientApplication(t, { coordinator: sponsor.coordinator, officer }, { approve: false });
    await t.http.get(`/api/v1/patients/${other.patientId}/journey`).set(as(other.patientToken)).expect(200);
    const me = await aRegisteredPatient(t, { email: `forger.${Date.now()}@example.kz`, password: 'a long enough password', name: 'Forger' });
    // Correctly signed with the test JWT secret, with an exp, claiming the other patient's record.
    const now = Math.floor(t.clock.now().getTime() / 1000);
    const forged = sign({ sub: me.user.id, role: 'patient', pid: other.patientId, iat: now, exp: now + 600 });
    for (const path of [`/api/v1/patients/${other.patientId}/journey`, `/api/v1/patients/${other.patientId}`, `/api/v1/visa-applications/${other.application.id}`, '/api/v1/auth/me']) {
      const res = await t.http.get(path).set(as(forged));
      expect([path, res.status, res.body.code]).toEqual([path, 401, 'UNAUTHENTICATED']);
    }
    // A coordinator's token claiming another hospital: 401 too.
    const coordinator = await t.user('hospital_coordinator');
    const otherHospital = sign({ sub: coordinator.id, role: 'hospital_coordinator', hid: sponsor.id, iat: now, exp: now + 600 });
    expect((await t.http.get(`/api/v1/visa-applications/${other.application.id}`).set(as(otherHospital))).status).toBe(401);
    // The token the login issued names no scope at all; the account's own is used.
    expect(Object.keys(JSON.parse(Buffer.from(me.accessToken.split('.')[1], 'base64url').toString())).sort()).toEqual(['exp', 'iat', 'role', 'sub']);
    await t.http.get('/api/v1/auth/me').set(as(me.accessToken)).expect(200);
  });

  it('refuses, with 401 and never a 5xx, a signed token without exp and one whose subject is no UUID', async () => {
    const u = await t.user('officer');
    const now = Math.floor(t.clock.now().getTime() / 1000);
    for (const claims of [{ sub: u.id, role: 'officer', iat: now }, { sub: 'not-a-uuid', role: 'officer', iat: now, exp: now + 600 }, { sub: `${u.id}'--`, role: 'officer', exp: now + 600 }, { role: 'officer', exp: now + 600 }]) {
      const res = await t.http.get('/api/v1/auth/me').set(as(sign(claims)));
      expect([claims, res.status, res.body.code]).toEqual([claims, 401, 'UNAUTHENTICATED']);
    }
    // Bull Board authenticates the same way.
    expect((await t.http.get('/admin/queues').set(as(sign({ sub: 'not-a-uuid', role: 'admin', exp: now + 600 })))).status).toBe(401);
  });

  it('refuses a password shorter than 12 characters', async () => {
    const res = await t.http.post('/api/v1/auth/register').send({ email: 'short@example.kz', password: 'elevenchars', name: 'X' });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'password' })]);
  });

  it('e-mails the invitation of a staff account to that person only, and activates it once with accept-invite', async () => {
    const admin = await t.user('admin');
    const email = `invited.${Date.now()}@immigration.go.kr`;
    const created = await t.http.post('/api/v1/users').set('Authorization', `Bearer ${admin.token}`).send({ email, name: 'Invited Officer', role: 'officer' }).expect(201);
    const token = await linkTokenMailedTo(t, email, 'accept-invite');
    // Never in the admin's answer.
    expect(created.body.invitationToken).toBeUndefined();
    expect(JSON.stringify(created.body)).not.toContain(token);
    // Not activated yet: no password to log in with.
    await t.http.post('/api/v1/auth/login').send({ email, password: 'the chosen password' }).expect(401);
    const accepted = await t.http.post('/api/v1/auth/accept-invite').send({ token, password: 'the chosen password' }).expect(200);
    expect(accepted.body.user.id).toBe(created.body.id);
    await t.http.post('/api/v1/auth/login').send({ email, password: 'the chosen password' }).expect(200);
    const reused = await t.http.post('/api/v1/auth/accept-invite').send({ token, password: 'another password 123' });
    expect(reused.status).toBe(422);
    expect(reused.body.code).toBe('INVALID_TOKEN');
    const unknown = await t.http.post('/api/v1/auth/accept-invite').send({ token: 'no-such-invitation-token', password: 'another password 123' });
    expect(unknown.status).toBe(422);
    expect(unknown.body.code).toBe('INVALID_TOKEN');
  });

  it('accepts an invitation once when two requests race', async () => {
    const admin = await t.user('admin');
    const email = `race.${Date.now()}@immigration.go.kr`;
    await t.http.post('/api/v1/users').set('Authorization', `Bearer ${admin.token}`).send({ email, name: 'Racer', role: 'officer' }).expect(201);
    const token = await linkTokenMailedTo(t, email, 'accept-invite');
    const results = await Promise.all([1, 2, 3].map((i) => t.http.post('/api/v1/auth/accept-invite').send({ token, password: `password number ${i}` })));
    expect(results.map((r) => r.status).sort()).toEqual([200, 422, 422]);
  });

  it('refuses logins and tokens of a deactivated account', async () => {
    const admin = await t.user('admin');
    const u = await t.user('officer');
    await t.http.patch(`/api/v1/users/${u.id}`).set('Authorization', `Bearer ${admin.token}`).send({ active: false }).expect(200);
    await t.http.get('/api/v1/auth/me').set('Authorization', `Bearer ${u.token}`).expect(401);
    await t.http.post('/api/v1/auth/login').send({ email: u.email, password: TEST_PASSWORD }).expect(401);
  });

  it('never lets failures from one address block the account from another: 127.0.0.2 fails, 127.0.0.1 signs in, 127.0.0.2 stays blocked', async () => {
    const u = await t.user('officer');
    const [attacker, owner] = [await httpFrom(t, '127.0.0.2'), await httpFrom(t, '127.0.0.1')];
    try {
      for (let i = 0; i < 5; i++) await attacker.post('/api/v1/auth/login').send({ email: u.email, password: `wrong password ${i}` }).expect(401);
      // Blocked before the password is checked: the right password gets 429 too, so a 429 tells nothing.
      const blocked = await attacker.post('/api/v1/auth/login').send({ email: u.email, password: TEST_PASSWORD });
      expect(blocked.status).toBe(429);
      expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
      await owner.post('/api/v1/auth/login').send({ email: u.email, password: TEST_PASSWORD }).expect(200);
      expect((await attacker.post('/api/v1/auth/login').send({ email: u.email, password: TEST_PASSWORD })).status).toBe(429);
      // X-Forwarded-For is not believed without TRUST_PROXY: the blocked pair cannot pose as another address.
      expect((await attacker.post('/api/v1/auth/login').set('X-Forwarded-For', '198.51.100.20').send({ email: u.email, password: TEST_PASSWORD })).status).toBe(429);
    } finally {
      attacker.close();
      owner.close();
    }
  });

  it('limits failed logins per address at 30 a minute, across accounts', async () => {
    const [from, other] = [await httpFrom(t, '127.0.0.3'), await httpFrom(t, '127.0.0.4')];
    try {
      // Each attempt names another unknown account, so only the address limit can trip.
      const attempts = await Promise.all(Array.from({ length: 30 }, (_, i) => from.post('/api/v1/auth/login').send({ email: `ghost${i}@test.medjourney.dev`, password: 'whatever it is' })));
      expect(attempts.map((a) => a.status)).toEqual(Array(30).fill(401));
      const blocked = await from.post('/api/v1/auth/login').send({ email: 'ghost-next@test.medjourney.dev', password: 'whatever it is' });
      expect(blocked.status).toBe(429);
      expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
      // Another address is not affected.
      await other.post('/api/v1/auth/login').send({ email: 'ghost-next@test.medjourney.dev', password: 'whatever it is' }).expect(401);
    } finally {
      from.close();
      other.close();
    }
  });
});

/**
 * The rest of the suite hashes at PASSWORD_HASHING=fast (test-only); this app runs at standard,
 * production's and development's only setting, from account to sign-in.
 */
describe('auth at standard password hashing (production\'s setting)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { PASSWORD_HASHING: 'standard' } });
  });
  afterAll(() => t.close());

  it('stores argon2id at 64 MiB, t=3, p=4, signs in with it and refuses a wrong password and an unknown e-mail alike', async () => {
    expect(t.config.passwordHashing).toBe('standard');
    const u = await t.user('officer');
    const [{ password_hash: hash }] = await t.db.query('SELECT password_hash FROM users WHERE id = $1', [u.id]);
    expect(hash).toMatch(/^\$argon2id\$v=19\$/);
    expect(Object.fromEntries(hash.split('$')[3].split(',').map((p: string) => p.split('=')))).toEqual({ m: '65536', t: '3', p: '4' });
    await t.http.get('/api/v1/auth/me').set('Authorization', `Bearer ${u.token}`).expect(200);
    const wrong = await t.http.post('/api/v1/auth/login').send({ email: u.email, password: 'not the password at all' });
    const unknown = await t.http.post('/api/v1/auth/login').send({ email: 'nobody@test.medjourney.dev', password: 'not the password at all' });
    expect([wrong.status, unknown.status]).toEqual([401, 401]);
    expect(wrong.body).toEqual(unknown.body);
  });
});
