import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { deliverMail, httpFrom, linkTokenMailedTo, mailTo, startTestApp, TEST_PASSWORD, type TestApp } from '@medjourney/testing';

const as = (token: string) => ({ Authorization: `Bearer ${token}` });
const NEW_PASSWORD = 'a brand new long password';

describe('password reset by a mailed single-use link (docs/decisions.md, "Password reset")', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp()));
  afterAll(() => t.close());

  const request = (email: string) => t.http.post('/api/v1/auth/password-reset').send({ email });
  const confirm = (token: string, password = NEW_PASSWORD) => t.http.post('/api/v1/auth/password-reset/confirm').send({ token, password });

  it('answers 202 alike for a known and an unknown e-mail; the link sets the password once, ends the old sessions and is audited', async () => {
    const user = await t.user('officer');
    const unknown = `nobody.${Date.now()}@example.kz`;
    // The session to be ended was signed a second before the reset (tokens carry whole seconds).
    t.clock.advance(1000);
    const known = await request(user.email);
    const other = await request(unknown);
    expect([known.status, other.status]).toEqual([202, 202]);
    expect(known.body).toEqual(other.body);
    expect(JSON.stringify(known.body)).not.toMatch(/token/i);
    expect(await mailTo(t, unknown)).toEqual([]);

    const token = await linkTokenMailedTo(t, user.email, 'reset-password');
    const [letter] = await mailTo(t, user.email);
    expect(letter.subject).toBe('Reset your MedJourney password');
    expect(letter.links).toEqual([`${t.config.publicBaseUrl}/reset-password?token=${token}`]);
    // Asking changes nothing yet: the old password and session still hold.
    await t.http.get('/api/v1/auth/me').set(as(user.token)).expect(200);

    const done = await confirm(token);
    expect(done.status).toBe(204);
    expect(done.body).toEqual({});
    await t.http.post('/api/v1/auth/login').send({ email: user.email, password: TEST_PASSWORD }).expect(401);
    const fresh = await t.http.post('/api/v1/auth/login').send({ email: user.email, password: NEW_PASSWORD }).expect(200);
    await t.http.get('/api/v1/auth/me').set(as(fresh.body.accessToken)).expect(200);
    const ended = await t.http.get('/api/v1/auth/me').set(as(user.token));
    expect(ended.status).toBe(401);
    expect(ended.body.detail).toBe('The session has ended: the password was changed.');

    const used = await confirm(token, 'yet another long password');
    expect([used.status, used.body.code]).toEqual([422, 'INVALID_TOKEN']);
    await t.http.post('/api/v1/auth/login').send({ email: user.email, password: NEW_PASSWORD }).expect(200);

    const audit = await t.db.query(`SELECT action, actor_id FROM audit_log WHERE entity_type = 'user' AND entity_id = $1 AND action LIKE 'user.password_reset%' ORDER BY seq`, [user.id]);
    expect(audit).toEqual([
      { action: 'user.password_reset_requested', actor_id: null },
      { action: 'user.password_reset', actor_id: user.id },
    ]);
  });

  it('refuses an unknown token, and a link after its hour (the injected clock moved)', async () => {
    const unknown = await confirm('no-such-reset-token-at-all');
    expect([unknown.status, unknown.body.code]).toEqual([422, 'INVALID_TOKEN']);

    const user = await t.user('supervisor');
    await request(user.email).expect(202);
    const token = await linkTokenMailedTo(t, user.email, 'reset-password');
    const start = t.clock.now();
    t.clock.advance(3600_000 + 1000);
    try {
      const late = await confirm(token);
      expect([late.status, late.body.code]).toEqual([422, 'INVALID_TOKEN']);
    } finally {
      t.clock.set(start);
    }
    await t.http.post('/api/v1/auth/login').send({ email: user.email, password: TEST_PASSWORD }).expect(200);
  });

  it('keeps the registration\'s password rules and names the field', async () => {
    const user = await t.user('admin');
    await request(user.email).expect(202);
    const token = await linkTokenMailedTo(t, user.email, 'reset-password');
    const short = await confirm(token, 'too short');
    expect(short.status).toBe(400);
    expect(short.body.errors.map((e: { field: string }) => e.field)).toEqual(['password']);
    // The refusal spent nothing: the link still works.
    await confirm(token).expect(204);
    const bad = await request('not an e-mail');
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['email']);
  });

  it('voids the earlier link when a new one is asked for; one winner when a link is followed twice at once', async () => {
    const user = await t.user('ministry_reviewer');
    await request(user.email).expect(202);
    const first = await linkTokenMailedTo(t, user.email, 'reset-password');
    await request(user.email).expect(202);
    const second = await linkTokenMailedTo(t, user.email, 'reset-password');
    expect(second).not.toBe(first);
    expect((await confirm(first)).body.code).toBe('INVALID_TOKEN');
    const results = await Promise.all([1, 2, 3].map(() => confirm(second)));
    expect(results.map((r) => r.status).sort()).toEqual([204, 422, 422]);
  });

  it('mails nothing for a deactivated account, and an invitation to an invited account without a password', async () => {
    const admin = await t.user('admin');
    const gone = await t.user('officer');
    await t.http.patch(`/api/v1/users/${gone.id}`).set(as(admin.token)).send({ active: false }).expect(200);
    const before = (await mailTo(t, gone.email)).length;
    await request(gone.email).expect(202);
    expect((await mailTo(t, gone.email)).length).toBe(before);

    const invitedEmail = `invited.${Date.now()}@test.medjourney.dev`;
    await t.http.post('/api/v1/users').set(as(admin.token)).send({ email: invitedEmail, name: 'Invited Officer', role: 'officer' }).expect(201);
    const firstInvitation = await linkTokenMailedTo(t, invitedEmail, 'accept-invite');
    await request(invitedEmail).expect(202);
    const invitation = await linkTokenMailedTo(t, invitedEmail, 'accept-invite');
    expect(invitation).not.toBe(firstInvitation);
    expect((await mailTo(t, invitedEmail)).some((l) => l.links.some((link) => link.includes('/reset-password')))).toBe(false);
    await t.http.post('/api/v1/auth/accept-invite').send({ token: invitation, password: NEW_PASSWORD }).expect(200);
  });

  it('limits requests per address (10 a minute) and mails one address at most 3 times an hour', async () => {
    const user = await t.user('officer');
    // From an address of its own, so the other tests' requests do not count.
    const from = await httpFrom(t, '127.0.0.6');
    try {
      const send = (email: string) => from.post('/api/v1/auth/password-reset').send({ email });
      // Each mail sent before the next request (a newer request voids the link of an unsent one).
      for (let i = 0; i < 10; i++) {
        await send(user.email).expect(202);
        await deliverMail(t);
      }
      const blocked = await send(`other.${Date.now()}@example.kz`);
      expect(blocked.status).toBe(429);
      expect(blocked.body.code).toBe('RATE_LIMITED');
      expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
      // Another address may still ask.
      await request(`other.${Date.now()}@example.kz`).expect(202);
    } finally {
      from.close();
    }
    expect((await mailTo(t, user.email)).filter((l) => l.subject === 'Reset your MedJourney password')).toHaveLength(3);
  });
});
