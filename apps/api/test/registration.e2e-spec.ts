import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { anApplication, aPerson, aRegisteredPatient, aSponsor, httpFrom, linkTokenMailedTo, mailTo, startTestApp, type TestApp } from '@medjourney/testing';

const as = (token: string) => ({ Authorization: `Bearer ${token}` });

describe('registration by verified e-mail (spec/security.md)', () => {
  let t: TestApp;
  let sponsor: Awaited<ReturnType<typeof aSponsor>>;
  beforeAll(async () => {
    t = await startTestApp();
    sponsor = await aSponsor(t, (await t.user('admin')).token, true);
  });
  afterAll(() => t.close());

  const register = (email: string, password = 'a long enough password', name = 'Aigerim') => t.http.post('/api/v1/auth/register').send({ email, password, name });

  it('answers 202 alike for a new and a known e-mail; the account exists, and signs in, only once the mailed link is followed', async () => {
    const known = await t.user('officer');
    const email = `new.${Date.now()}@example.kz`;
    const fresh = await register(email);
    const again = await register(known.email);
    expect([fresh.status, again.status]).toEqual([202, 202]);
    expect(fresh.body).toEqual(again.body);
    expect(fresh.body.accessToken).toBeUndefined();
    expect(await t.db.query('SELECT 1 FROM users WHERE email = $1', [email])).toHaveLength(0);
    await t.http.post('/api/v1/auth/login').send({ email, password: 'a long enough password' }).expect(401);
    // The owner of the known address is told, without any link that could make an account.
    const [told] = await mailTo(t, known.email);
    expect(told.subject).toBe('Someone asked to register your address with MedJourney');
    expect(told.links.some((l) => l.includes('token='))).toBe(false);

    const token = await linkTokenMailedTo(t, email, 'verify-email');
    const [letter] = await mailTo(t, email);
    expect(letter.links).toEqual([`${t.config.publicBaseUrl}/verify-email?token=${token}`]);
    const verified = await t.http.post('/api/v1/auth/verify-email').send({ token }).expect(200);
    expect(verified.body.user).toMatchObject({ email, role: 'patient', active: true });
    await t.http.get('/api/v1/auth/me').set(as(verified.body.accessToken)).expect(200);
    await t.http.post('/api/v1/auth/login').send({ email: email.toUpperCase(), password: 'a long enough password' }).expect(200);

    for (const bad of [token, 'no-such-verification-token']) {
      const res = await t.http.post('/api/v1/auth/verify-email').send({ token: bad });
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('INVALID_TOKEN');
    }
  });

  it('refuses a verification link after 24 hours', async () => {
    const email = `late.${Date.now()}@example.kz`;
    await register(email).expect(202);
    const token = await linkTokenMailedTo(t, email, 'verify-email');
    const start = t.clock.now();
    t.clock.advance(24 * 3600_000 + 1000);
    try {
      const res = await t.http.post('/api/v1/auth/verify-email').send({ token });
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('INVALID_TOKEN');
    } finally {
      t.clock.set(start);
    }
    expect(await t.db.query('SELECT 1 FROM users WHERE email = $1', [email])).toHaveLength(0);
  });

  it('makes one account when the link is followed twice at once', async () => {
    const email = `twice.${Date.now()}@example.kz`;
    await register(email).expect(202);
    const token = await linkTokenMailedTo(t, email, 'verify-email');
    const results = await Promise.all([1, 2, 3].map(() => t.http.post('/api/v1/auth/verify-email').send({ token })));
    expect(results.map((r) => r.status).sort()).toEqual([200, 422, 422]);
    expect(await t.db.query('SELECT 1 FROM users WHERE email = $1', [email])).toHaveLength(1);
  });

  it('gives nobody an application by registering its patient\'s e-mail first (the pre-registration takeover)', async () => {
    const victim = `victim.${Date.now()}@example.kz`;
    const attackerPassword = 'the attacker chose this';
    // The attacker registers the victim's address and cannot read the link, which goes to the victim.
    const reg = await register(victim, attackerPassword, 'Not The Victim').expect(202);
    expect(JSON.stringify(reg.body)).not.toMatch(/token/i);
    await t.http.post('/api/v1/auth/login').send({ email: victim, password: attackerPassword }).expect(401);

    // A hospital files an application for that e-mail: a new account, whose invitation goes to the victim only.
    const body = anApplication({ patient: { ...aPerson(), email: victim } });
    const created = (await t.http.post('/api/v1/visa-applications').set(as(sponsor.coordinator)).send(body).expect(201)).body;
    const invitation = await linkTokenMailedTo(t, victim, 'accept-invite');
    expect(created.invitationToken).toBeUndefined();
    expect(JSON.stringify(created)).not.toContain(invitation);

    // The attacker still cannot sign in, so reads nothing and changes nothing.
    const login = await t.http.post('/api/v1/auth/login').send({ email: victim, password: attackerPassword });
    expect(login.status).toBe(401);
    await t.http.patch(`/api/v1/patients/${created.patientId}`).send({ phone: '+77010000000' }).expect(401);
    // Nor does the registration the attacker left make an account now, if the victim follows its link.
    const stale = await linkTokenMailedTo(t, victim, 'verify-email');
    expect((await t.http.post('/api/v1/auth/verify-email').send({ token: stale })).body.code).toBe('INVALID_TOKEN');

    // The victim's invitation is theirs: they set their password and read their application.
    const session = (await t.http.post('/api/v1/auth/accept-invite').send({ token: invitation, password: 'the victim chose this' }).expect(200)).body;
    expect(session.user.patientId).toBe(created.patientId);
    await t.http.get(`/api/v1/visa-applications/${created.id}`).set(as(session.accessToken)).expect(200);
    await t.http.post('/api/v1/auth/login').send({ email: victim, password: attackerPassword }).expect(401);
  });

  it('e-mails a new invitation to an invited patient who registers instead of accepting', async () => {
    const email = `invited.${Date.now()}@example.kz`;
    await t.http.post('/api/v1/visa-applications').set(as(sponsor.coordinator)).send(anApplication({ patient: { ...aPerson(), email } })).expect(201);
    const first = await linkTokenMailedTo(t, email, 'accept-invite');
    await register(email).expect(202);
    const second = await linkTokenMailedTo(t, email, 'accept-invite');
    expect(second).not.toBe(first);
    expect((await t.http.post('/api/v1/auth/accept-invite').send({ token: first, password: 'a long enough password' })).body.code).toBe('INVALID_TOKEN');
    await t.http.post('/api/v1/auth/accept-invite').send({ token: second, password: 'a long enough password' }).expect(200);
  });

  it('limits registrations per address (10 a minute) and mails one address at most 3 times an hour', async () => {
    const email = `flood.${Date.now()}@example.kz`;
    // From an address of its own, so the other tests' registrations do not count.
    const from = await httpFrom(t, '127.0.0.5');
    try {
      const send = (to: string) => from.post('/api/v1/auth/register').send({ email: to, password: 'a long enough password', name: 'Flood' });
      for (let i = 0; i < 10; i++) await send(email).expect(202);
      const blocked = await send(`other.${Date.now()}@example.kz`);
      expect(blocked.status).toBe(429);
      expect(blocked.body.code).toBe('RATE_LIMITED');
      expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
      // Another address may still register.
      await register(`other.${Date.now()}@example.kz`).expect(202);
    } finally {
      from.close();
    }
    expect((await mailTo(t, email)).length).toBe(3);
  });

  it('registers a patient through the mailed link in the testing factory', async () => {
    const session = await aRegisteredPatient(t, { email: `self.${Date.now()}@example.kz`, password: 'a long enough password', name: 'Self Drafter' });
    expect(session.user.email).toMatch(/^self\./);
  });
});
