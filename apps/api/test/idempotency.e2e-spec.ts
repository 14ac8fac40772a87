import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from '@medjourney/testing';

describe('Idempotency-Key', () => {
  let t: TestApp;
  let admin: { token: string; id: string };
  beforeAll(async () => {
    // Tokens outlive the 24 hours the clock is moved by below.
    t = await startTestApp({ env: { JWT_TTL: 'P3D' } });
    admin = await t.user('admin');
  });
  afterAll(() => t.close());

  const create = (key: string, body: object, token = admin.token) =>
    t.http.post('/api/v1/users').set('Authorization', `Bearer ${token}`).set('Idempotency-Key', key).send(body);
  const count = async (email: string) => (await t.db.query('SELECT count(*)::int AS n FROM users WHERE email = $1', [email]))[0].n;

  it('replays the first answer (same status, same body) and creates nothing more', async () => {
    const body = { email: 'idem.one@immigration.go.kr', name: 'Idem One', role: 'officer', password: 'long enough password' };
    const first = await create('key-one', body);
    const second = await create('key-one', body);
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body).toEqual(first.body);
    expect(await count(body.email)).toBe(1);
  });

  it('answers 422 IDEMPOTENCY_KEY_REUSED for the same key with another body', async () => {
    await create('key-two', { email: 'idem.two@immigration.go.kr', name: 'Two', role: 'officer', password: 'long enough password' }).expect(201);
    const res = await create('key-two', { email: 'idem.three@immigration.go.kr', name: 'Three', role: 'officer', password: 'long enough password' });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await count('idem.three@immigration.go.kr')).toBe(0);
  });

  it('replays a refusal too: the repeat of a 409 is the same 409', async () => {
    const body = { email: 'idem.taken@immigration.go.kr', name: 'Taken', role: 'officer', password: 'long enough password' };
    await create('key-a', body).expect(201);
    const first = await create('key-b', body);
    const again = await create('key-b', body);
    expect(first.status).toBe(409);
    expect(again.status).toBe(409);
    expect(again.body).toEqual(first.body);
    expect(again.headers['content-type']).toMatch(/problem\+json/);
  });

  it('keys are per user: another admin may use the same key', async () => {
    const other = await t.user('admin');
    await create('shared-key', { email: 'idem.u1@immigration.go.kr', name: 'U1', role: 'officer', password: 'long enough password' }).expect(201);
    await create('shared-key', { email: 'idem.u2@immigration.go.kr', name: 'U2', role: 'officer', password: 'long enough password' }, other.token).expect(201);
  });

  it('of concurrent requests with one key, exactly one creates; the others replay or answer 409 IDEMPOTENCY_KEY_IN_USE', async () => {
    const body = { email: 'idem.race@immigration.go.kr', name: 'Race', role: 'officer', password: 'long enough password' };
    const results = await Promise.all(Array.from({ length: 8 }, () => create('race-key', body)));
    const statuses = results.map((r) => r.status);
    expect(statuses.every((s) => s === 201 || s === 409)).toBe(true);
    expect(statuses).toContain(201);
    for (const r of results.filter((x) => x.status === 409)) expect(r.body.code).toBe('IDEMPOTENCY_KEY_IN_USE');
    const created = results.filter((r) => r.status === 201);
    expect(new Set(created.map((r) => r.body.id)).size).toBe(1);
    expect(await count(body.email)).toBe(1);
  });

  it('keeps keys for 24 hours: after that the key is free again', async () => {
    const body = { email: 'idem.old@immigration.go.kr', name: 'Old', role: 'officer', password: 'long enough password' };
    await create('old-key', body).expect(201);
    t.clock.advance(24 * 3600 * 1000 + 1000);
    try {
      const res = await create('old-key', { ...body, email: 'idem.new@immigration.go.kr' });
      expect(res.status).toBe(201);
    } finally {
      t.clock.set(new Date());
    }
  });

  it('works for anonymous creation (patient registration), keyed by address', async () => {
    const body = { email: 'idem.patient@example.kz', password: 'a long enough password', name: 'P' };
    const first = await t.http.post('/api/v1/auth/register').set('Idempotency-Key', 'reg-1').send(body);
    const second = await t.http.post('/api/v1/auth/register').set('Idempotency-Key', 'reg-1').send(body);
    expect(first.status).toBe(202);
    expect(second.status).toBe(202);
    expect(second.body).toEqual(first.body);
    expect(await t.db.query('SELECT 1 FROM registrations WHERE email = $1', [body.email])).toHaveLength(1);
  });

  it('refuses a malformed key with 400', async () => {
    const res = await create('x'.repeat(201), { email: 'idem.long@immigration.go.kr', name: 'L', role: 'officer', password: 'long enough password' });
    expect(res.status).toBe(400);
  });
});
