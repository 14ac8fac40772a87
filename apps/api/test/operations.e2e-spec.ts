import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import SwaggerParser from '@apidevtools/swagger-parser';
import { QUEUE_NAMES } from '@medjourney/platform';
import { freePort, startTestApp, type TestApp } from '@medjourney/testing';
import { spawn, type ChildProcess } from 'node:child_process';
import { Writable } from 'node:stream';

async function waitFor(check: () => Promise<boolean>, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('condition not met in time');
}

const METRICS_TOKEN = 'metrics-token-of-the-operations-test';

describe('operations', () => {
  let t: TestApp;
  const logLines: string[] = [];
  let admin: { token: string };

  beforeAll(async () => {
    const stream = new Writable({
      write(chunk, _enc, cb) {
        logLines.push(...chunk.toString().split('\n').filter(Boolean));
        cb();
      },
    });
    t = await startTestApp({ env: { LOG_LEVEL: 'info', METRICS_TOKEN }, logStream: stream });
    admin = await t.user('admin');
  });
  afterAll(() => t.close());

  it('answers /health/live and /health/ready with database and Redis up', async () => {
    await t.http.get('/health/live').expect(200, { status: 'ok' });
    const ready = await t.http.get('/health/ready').expect(200);
    expect(ready.body.details).toMatchObject({ database: { status: 'up' }, redis: { status: 'up' } });
  });

  it('writes JSON logs with the request id and never the password of a request', async () => {
    const password = 'Sup3r-Secret-Passw0rd!';
    await t.http.post('/api/v1/auth/login').set('X-Request-Id', 'log-test-1').send({ email: 'nobody@test.medjourney.dev', password }).expect(401);
    await t.http.post('/api/v1/auth/register').set('X-Request-Id', 'log-test-2').send({ email: 'logged@example.kz', password, name: 'Logged' }).expect(202);
    // A password inside a malformed body, which the error path handles.
    await t.http.post('/api/v1/auth/login').set('Content-Type', 'application/json').send(`{"email":"x@y.kr","password":"${password}"`).expect(400);
    await new Promise((r) => setTimeout(r, 50));
    const lines = logLines.map((l) => JSON.parse(l));
    expect(lines.some((l) => l.requestId === 'log-test-1' && l.res?.statusCode === 401)).toBe(true);
    expect(lines.some((l) => l.requestId === 'log-test-2' && l.res?.statusCode === 202)).toBe(true);
    const all = logLines.join('\n');
    expect(all).not.toContain(password);
    expect(all).not.toContain(admin.token);
  });

  it('redacts the Authorization header from request logs', async () => {
    await t.http.get('/api/v1/auth/me').set('Authorization', `Bearer ${admin.token}`).expect(200);
    expect(logLines.join('\n')).not.toContain(admin.token.slice(-20));
  });

  it('serves Prometheus metrics with HTTP latency histograms and queue depths, with the METRICS_TOKEN bearer only', async () => {
    await t.http.get('/api/v1/auth/me').set('Authorization', `Bearer ${admin.token}`).expect(200);
    for (const header of [undefined, 'Bearer wrong-token-of-the-same-size!', `Bearer ${admin.token}`]) {
      const refused = await (header ? t.http.get('/metrics').set('Authorization', header) : t.http.get('/metrics'));
      expect([header, refused.status, refused.body.code]).toEqual([header, 401, 'UNAUTHENTICATED']);
    }
    const res = await t.http.get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}`).expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.text).toMatch(/http_request_duration_seconds_bucket\{.*route="\/api\/v1\/auth\/me".*\}/);
    expect(res.text).toMatch(/queue_jobs\{queue="notifications",state="waiting"\}/);
    expect(res.text).toContain('process_resident_memory_bytes');
  });

  it('publishes an OpenAPI document that a standard validator accepts, with every route', async () => {
    const res = await t.http.get('/docs-json').expect(200);
    const doc = res.body;
    await expect(SwaggerParser.validate(structuredClone(doc))).resolves.toBeDefined();
    expect(doc.openapi).toMatch(/^3\./);
    for (const path of ['/api/v1/auth/login', '/api/v1/auth/me', '/api/v1/auth/register', '/api/v1/auth/accept-invite', '/api/v1/users', '/api/v1/users/{id}', '/api/v1/audit', '/api/v1/audit/verify',
      '/api/v1/hospitals', '/api/v1/hospitals/{id}', '/api/v1/hospitals/{id}/k-healthcare-mark', '/api/v1/hospitals/{id}/designation-applications',
      '/api/v1/designation-applications', '/api/v1/designation-applications/{id}', '/api/v1/designation-applications/{id}/decision',
      '/api/v1/hospitals/{id}/designation', '/api/v1/hospitals/{id}/designations', '/api/v1/designations/{id}/suspend',
      '/api/v1/designations/{id}/reinstate', '/api/v1/designations/{id}/cancel']) {
      expect(Object.keys(doc.paths)).toContain(path);
    }
    expect(doc.paths['/api/v1/users'].post.responses['403']).toBeDefined();
    expect(doc.components.schemas.ProblemDto).toBeDefined();
    await t.http.get('/docs').expect(200);
  });

  it('shows Bull Board to admins only', async () => {
    const officer = await t.user('officer');
    await t.http.get('/admin/queues').expect(401);
    const denied = await t.http.get('/admin/queues').set('Authorization', `Bearer ${officer.token}`);
    expect(denied.status).toBe(403);
    expect(denied.headers['content-type']).toMatch(/problem\+json/);
    const ok = await t.http.get('/admin/queues').set('Authorization', `Bearer ${admin.token}`).expect(200);
    expect(ok.text).toContain('<html');
    const api = await t.http.get('/admin/queues/api/queues').set('Authorization', `Bearer ${admin.token}`).expect(200);
    expect(api.body.queues.map((q: { name: string }) => q.name).sort()).toEqual([...QUEUE_NAMES].sort());
  });

  it('opens Bull Board in a browser through a cookie only /admin/queues receives, for admins only', async () => {
    const officer = await t.user('officer');
    await t.http.post('/api/v1/admin/queue-dashboard/session').expect(401);
    expect((await t.http.post('/api/v1/admin/queue-dashboard/session').set('Authorization', `Bearer ${officer.token}`)).status).toBe(403);
    const opened = await t.http.post('/api/v1/admin/queue-dashboard/session').set('Authorization', `Bearer ${admin.token}`).expect(204);
    const [setCookie] = opened.headers['set-cookie'] as unknown as string[];
    expect(setCookie).toMatch(/^mj_queue_dashboard=[^;]+;/);
    expect(setCookie).toMatch(/; Path=\/admin\/queues(;|$)/);
    expect(setCookie).toMatch(/; HttpOnly/);
    expect(setCookie).toMatch(/; SameSite=Strict/);
    const cookie = setCookie.split(';')[0];
    const page = await t.http.get('/admin/queues').set('Cookie', cookie).expect(200);
    expect(page.text).toContain('<html');
    await t.http.get('/admin/queues/api/queues').set('Cookie', cookie).expect(200);
    // An officer's token in the same cookie is refused, as it is in the header.
    expect((await t.http.get('/admin/queues').set('Cookie', `mj_queue_dashboard=${officer.token}`)).status).toBe(403);
    expect((await t.http.get('/admin/queues').set('Cookie', 'mj_queue_dashboard=forged')).status).toBe(401);
    // The account is read on every request: a deactivated admin loses the dashboard at once.
    const other = await t.user('admin');
    const cookieOfOther = ((await t.http.post('/api/v1/admin/queue-dashboard/session').set('Authorization', `Bearer ${other.token}`).expect(204)).headers['set-cookie'] as unknown as string[])[0].split(';')[0];
    await t.http.get('/admin/queues').set('Cookie', cookieOfOther).expect(200);
    await t.db.query('UPDATE users SET active = false WHERE id = $1', [other.id]);
    expect((await t.http.get('/admin/queues').set('Cookie', cookieOfOther)).status).toBe(401);
  });

  it('sets security headers', async () => {
    const res = await t.http.get('/health/live');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-powered-by']).toBeUndefined();
  });
});

describe('readiness when Redis goes away', () => {
  let redis: ChildProcess;
  let t: TestApp;
  let port: number;
  const startRedis = () => spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });

  beforeAll(async () => {
    port = await freePort();
    redis = startRedis();
    t = await startTestApp({ env: { REDIS_URL: `redis://127.0.0.1:${port}` } });
  });
  afterAll(async () => {
    await t.close();
    if (redis.exitCode === null) {
      redis.kill('SIGKILL');
      await new Promise((r) => redis.once('exit', r));
    }
  });

  it('reports Redis down with 503, names it, and recovers', async () => {
    await waitFor(async () => (await t.http.get('/health/ready')).status === 200);
    redis.kill('SIGKILL');
    await new Promise((r) => redis.once('exit', r));
    const down = await t.http.get('/health/ready');
    expect(down.status).toBe(503);
    expect(down.body.details.redis.status).toBe('down');
    expect(down.body.details.database.status).toBe('up');
    await t.http.get('/health/live').expect(200);
    redis = startRedis();
    await waitFor(async () => (await t.http.get('/health/ready')).status === 200);
  });
});
