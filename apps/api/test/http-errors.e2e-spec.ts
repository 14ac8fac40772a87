import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from '@medjourney/testing';

const PROBLEM = /^application\/problem\+json/;

describe('errors are problem+json, never 5xx', () => {
  let t: TestApp;
  let admin: { token: string };
  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.user('admin');
  });
  afterAll(() => t.close());

  const post = (body: string, type = 'application/json') =>
    t.http.post('/api/v1/users').set('Authorization', `Bearer ${admin.token}`).set('Content-Type', type).send(body);

  it('malformed JSON → 400 VALIDATION_FAILED', async () => {
    const res = await post('{"email": "a@b.kr", ');
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(PROBLEM);
    expect(res.body).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', type: expect.stringContaining('/problems/validation-failed') });
  });

  it('unknown field → 400 naming the field', async () => {
    const res = await post(JSON.stringify({ email: 'a@b.kr', name: 'A', role: 'officer', password: 'long enough password', isSuperuser: true }));
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(PROBLEM);
    expect(res.body.errors).toEqual([{ field: 'isSuperuser', message: expect.stringContaining('should not exist') }]);
  });

  it('wrong type → 400 naming each field', async () => {
    const res = await post(JSON.stringify({ email: 42, name: ['A'], role: 'officer' }));
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(PROBLEM);
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(expect.arrayContaining(['email', 'name']));
  });

  it('a body of 2 MB → 413', async () => {
    const res = await post(JSON.stringify({ email: 'a@b.kr', name: 'x'.repeat(2 * 1024 * 1024), role: 'officer' }));
    expect(res.status).toBe(413);
    expect(res.headers['content-type']).toMatch(PROBLEM);
    expect(res.body.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('unknown route → 404 NOT_FOUND', async () => {
    const res = await t.http.get('/api/v1/no-such-thing');
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(PROBLEM);
    expect(res.body.code).toBe('NOT_FOUND');
  });

  it('a JSON array, null, a string or a number as the body → 400', async () => {
    for (const body of ['[]', 'null', '"text"', '12']) {
      const res = await post(body);
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(PROBLEM);
    }
  });

  it('a non-UUID id is a 404, not a database error', async () => {
    const res = await t.http.get('/api/v1/users/not-a-uuid').set('Authorization', `Bearer ${admin.token}`);
    expect(res.status).toBe(404);
  });

  it('a garbage cursor and an out-of-range limit → 400', async () => {
    const auth = { Authorization: `Bearer ${admin.token}` };
    expect((await t.http.get('/api/v1/users?cursor=%%%garbage').set(auth)).status).toBe(400);
    expect((await t.http.get('/api/v1/users?limit=101').set(auth)).status).toBe(400);
    expect((await t.http.get('/api/v1/users?limit=abc').set(auth)).status).toBe(400);
    expect((await t.http.get('/api/v1/users?limit=0').set(auth)).status).toBe(400);
  });

  it('a batch of hostile inputs never produces a 5xx', async () => {
    const bodies = [
      '{"email":{"$gt":""},"password":"x"}',
      '{"email":"a@b.kr","password":null}',
      '{"__proto__":{"admin":true},"email":"a@b.kr","password":"x"}',
      '{"email":"' + '\u0000'.repeat(10) + '","password":"xxxxxxxxxxxx"}',
      '{"email":"' + 'a'.repeat(5000) + '@b.kr","password":"x"}',
      '\u00ff\u00fe',
    ];
    for (const body of bodies) {
      const res = await t.http.post('/api/v1/auth/login').set('Content-Type', 'application/json').send(body);
      expect(res.status).toBeLessThan(500);
      expect(res.headers['content-type']).toMatch(PROBLEM);
    }
  });

  it('carries a request id, taken from X-Request-Id when given', async () => {
    const res = await t.http.get('/api/v1/no-such-thing').set('X-Request-Id', 'trace-abc-123');
    expect(res.headers['x-request-id']).toBe('trace-abc-123');
  });
});
