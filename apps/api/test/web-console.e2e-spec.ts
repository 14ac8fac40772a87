import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from '@medjourney/testing';

/** The console's files (a stand-in build in WEB_DIR) at `/`, without shadowing the API, docs or probes. */
describe('the web console is served at /', () => {
  let t: TestApp;
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'web-console-'));
    await mkdir(join(dir, 'assets'));
    await writeFile(join(dir, 'index.html'), '<!doctype html><title>MedJourney</title><div id="root"></div>');
    await writeFile(join(dir, 'assets', 'index-abc123.js'), 'console.log(1)');
    t = await startTestApp({ env: { WEB_DIR: dir } });
  });
  afterAll(async () => {
    await t.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('answers / and every client route a page asks for with index.html', async () => {
    for (const path of ['/', '/officer', '/visa-applications/1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed', '/patient/profile?x=1']) {
      const res = await t.http.get(path).set('Accept', 'text/html,application/xhtml+xml').expect(200);
      expect({ path, type: res.type, html: res.text }).toEqual({ path, type: 'text/html', html: expect.stringContaining('<div id="root">') });
      expect(res.headers['cache-control']).toBe('no-cache');
    }
  });

  it('serves the hashed assets for good, and a missing asset is a 404, not the page', async () => {
    const res = await t.http.get('/assets/index-abc123.js').expect(200);
    expect(res.headers['cache-control']).toContain('immutable');
    await t.http.get('/assets/index-gone.js').expect(404);
  });

  it('leaves the API, the docs, the probes, the metrics, the mailbox and the queue dashboard their own answers', async () => {
    const missing = await t.http.get('/api/v1/no-such-route').set('Accept', 'text/html').expect(404);
    expect(missing.type).toBe('application/problem+json');
    expect((await t.http.get('/docs-json').set('Accept', 'text/html').expect(200)).body.openapi).toMatch(/^3\./);
    expect((await t.http.get('/docs').set('Accept', 'text/html').redirects(1).expect(200)).text).toContain('swagger');
    await t.http.get('/health/live').set('Accept', 'text/html').expect(200);
    // Without METRICS_TOKEN the API's metrics answer 404, and that 404 is theirs, not the page.
    expect((await t.http.get('/metrics').set('Accept', 'text/html').expect(404)).text).not.toContain('<div id="root">');
    await t.http.get('/admin/queues').set('Accept', 'text/html').expect(401);
    // The development mailbox is not mounted under NODE_ENV=test; its path is still not the console's.
    expect((await t.http.get('/dev/mailbox').set('Accept', 'text/html')).text).not.toContain('<div id="root">');
  });

  it('answers neither a request for JSON nor a POST with the page', async () => {
    await t.http.get('/officer').set('Accept', 'application/json').expect(404);
    await t.http.post('/officer').set('Accept', 'text/html').expect(404);
  });
});
