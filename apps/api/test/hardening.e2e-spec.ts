import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { anApplication, aPerson, aSponsor, deliverMail, httpFrom, startTestApp, type TestApp } from '@medjourney/testing';

const as = (token: string) => ({ Authorization: `Bearer ${token}` });

/** The directives of a Content-Security-Policy header, by name. */
const directives = (header: string) => Object.fromEntries(header.split(';').map((d) => d.trim()).filter(Boolean).map((d) => { const [name, ...values] = d.split(/\s+/); return [name, values.join(' ')]; }));

describe('hardening (spec/security.md)', () => {
  let t: TestApp;
  beforeAll(async () => {
    // One trusted proxy; no METRICS_TOKEN; NODE_ENV=test.
    t = await startTestApp({ env: { TRUST_PROXY: '127.0.0.1' } });
  });
  afterAll(() => t.close());

  it('sends a Content-Security-Policy that the console and Swagger UI work under, and no more', async () => {
    for (const path of ['/health/live', '/docs', '/api/v1/hospitals']) {
      const csp = (await t.http.get(path)).headers['content-security-policy'];
      expect(directives(csp)).toEqual({
        'default-src': "'self'",
        'script-src': "'self'",
        'style-src': "'self' 'unsafe-inline'",
        'img-src': "'self' data: blob:",
        'connect-src': "'self'",
        'font-src': "'self' data:",
        'frame-ancestors': "'none'",
        'object-src': "'none'",
        'base-uri': "'self'",
        'form-action': "'self'",
      });
    }
  });

  it('serves /docs with same-origin script files only (no inline script, which the policy would block), each of them loading', async () => {
    const page = await t.http.get('/docs/').expect(200);
    const scripts = [...page.text.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, body] of scripts) {
      expect(body.trim()).toBe('');
      const src = /src="([^"]+)"/.exec(attributes)![1];
      expect(src).not.toMatch(/^(https?:)?\/\//);
      const file = await t.http.get(new URL(src, 'http://x/docs/').pathname).expect(200);
      expect(file.headers['content-type']).toMatch(/javascript/);
    }
    await t.http.get('/docs-json').expect(200);
  });

  it('answers 404 for /metrics on the API without METRICS_TOKEN, and for the development mailbox outside development', async () => {
    for (const path of ['/metrics', '/dev/mailbox', '/dev/mailbox.json']) expect([path, (await t.http.get(path)).status]).toEqual([path, 404]);
  });

  it('takes the client address from X-Forwarded-For only when the peer is a proxy TRUST_PROXY names', async () => {
    const u = await t.user('officer');
    const [proxy, stranger] = [await httpFrom(t, '127.0.0.1'), await httpFrom(t, '127.0.0.2')];
    const fail = (from: typeof proxy, forwardedFor?: string) => {
      const req = from.post('/api/v1/auth/login');
      return (forwardedFor ? req.set('X-Forwarded-For', forwardedFor) : req).send({ email: u.email, password: 'not the password at all' });
    };
    try {
      // Five failures of a client behind the trusted proxy block that client's pair...
      for (let i = 0; i < 5; i++) expect((await fail(proxy, '198.51.100.1')).status).toBe(401);
      expect((await fail(proxy, '198.51.100.1')).status).toBe(429);
      // ...not the proxy's own address, nor another client behind it.
      expect((await fail(proxy)).status).toBe(401);
      expect((await fail(proxy, '198.51.100.2')).status).toBe(401);
      // An untrusted peer's header is ignored: it is counted as itself, not as the blocked client.
      expect((await fail(stranger, '198.51.100.1')).status).toBe(401);
    } finally {
      proxy.close();
      stranger.close();
    }
  });
});

describe('the development mailbox (NODE_ENV=development, no SMTP_URL)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { NODE_ENV: 'development' } });
  });
  afterAll(() => t.close());

  it('lists every e-mail with its links, as a page and as JSON, escaping what users wrote', async () => {
    const admin = (await t.user('admin')).token;
    const sponsor = await aSponsor(t, admin, true);
    const email = `mailbox.${Date.now()}@example.kz`;
    await t.http.post('/api/v1/visa-applications').set(as(sponsor.coordinator)).send(anApplication({ patient: { ...aPerson({ givenNames: 'DANA', surname: 'SERIKOVA' }), email } })).expect(201);
    await t.http.post('/api/v1/auth/register').send({ email: `new.${email}`, password: 'a long enough password', name: '<script>alert(1)</script>' }).expect(202);
    expect(await deliverMail(t)).toBeGreaterThan(0);

    const json = (await t.http.get('/dev/mailbox.json').query({ to: email }).expect(200)).body.items;
    expect(json).toHaveLength(1);
    expect(json[0]).toMatchObject({ to: email, subject: 'You are invited to MedJourney', links: [expect.stringMatching(new RegExp(`^${t.config.publicBaseUrl}/accept-invite\\?token=[\\w-]{43}$`))] });

    const page = await t.http.get('/dev/mailbox').expect(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.text).toContain(`<a href="${json[0].links[0]}">`);
    expect(page.text).toContain('Confirm your e-mail address for MedJourney');
    expect(page.text).not.toContain('<script>alert(1)</script>');
    expect(page.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
  });
});
