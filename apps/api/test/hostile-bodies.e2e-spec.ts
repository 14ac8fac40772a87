import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type express from 'express';
import { MAX_JSON_ARRAY_LENGTH, MAX_JSON_DEPTH } from '@medjourney/platform';
import { startTestApp, type TestApp } from '@medjourney/testing';

const PROBLEM = /^application\/problem\+json/;
const WRITE_METHODS = new Set(['post', 'put', 'patch', 'delete']);
const DEPTH = 10_000;
const ARRAY_LENGTH = 200_000;
// Long, yet under the 1 MB body limit once quoted: a 413 here would test the limit, not the field.
const LONG_STRING = 'x'.repeat(900_000);

interface Route { method: string; path: string }
interface Schema { properties?: Record<string, unknown>; $ref?: string }
type OpenApi = {
  paths: Record<string, Record<string, { requestBody?: { content?: Record<string, { schema?: Schema }> } }>>;
  components: { schemas: Record<string, Schema> };
};

/** Every write route that Express serves, read from its router: routes missing from the OpenAPI document count too. */
function writeRoutes(t: TestApp): Route[] {
  const http = t.app.getHttpAdapter().getInstance() as express.Express & { router: { stack: { route?: { path: string; methods: Record<string, boolean> } }[] } };
  const routes: Route[] = [];
  for (const layer of http.router.stack) {
    const methods = Object.keys(layer.route?.methods ?? {});
    // A route answering every method is a catch-all mount (404 fallback, health), not an endpoint.
    if (layer.route && methods.length === 1 && WRITE_METHODS.has(methods[0])) routes.push({ method: methods[0], path: layer.route.path });
  }
  return routes;
}

/** The body's top-level field names from the OpenAPI document, so each field gets the hostile value. */
function fieldsOf(doc: OpenApi, route: Route): string[] {
  const openApiPath = route.path.replace(/:(\w+)/g, '{$1}');
  const content = doc.paths[openApiPath]?.[route.method]?.requestBody?.content ?? {};
  let schema = Object.values(content)[0]?.schema;
  if (schema?.$ref) schema = doc.components.schemas[schema.$ref.split('/').pop()!];
  const fields = Object.keys(schema?.properties ?? {});
  return fields.length ? fields : ['name'];
}

function hostileBodies(fields: string[]): { what: string; body: string }[] {
  const hugeArray = `[${new Array(ARRAY_LENGTH).fill('0').join(',')}]`;
  // The longest array the shape check lets through, so the pipes do see a wide body.
  const widestArray = JSON.stringify(new Array(MAX_JSON_ARRAY_LENGTH).fill({ a: 'x'.repeat(100) }));
  return [
    { what: `objects nested ${DEPTH} deep`, body: '{"a":'.repeat(DEPTH) + '1' + '}'.repeat(DEPTH) },
    { what: `arrays nested ${DEPTH} deep in ${fields[0]}`, body: `{"${fields[0]}":` + '['.repeat(DEPTH) + ']'.repeat(DEPTH) + '}' },
    { what: `a top-level array of ${ARRAY_LENGTH}`, body: hugeArray },
    ...fields.flatMap((f) => [
      { what: `an array of ${ARRAY_LENGTH} in ${f}`, body: `{"${f}":${hugeArray}}` },
      { what: `an array of ${MAX_JSON_ARRAY_LENGTH} objects in ${f}`, body: `{"${f}":${widestArray}}` },
      { what: `a string of ${LONG_STRING.length} in ${f}`, body: JSON.stringify({ [f]: LONG_STRING }) },
    ]),
  ];
}

describe('no JSON body, however deep or wide, makes any write route answer 5xx', () => {
  let t: TestApp;
  let admin: { token: string };
  let doc: OpenApi;
  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.user('admin');
    doc = (await t.http.get('/docs-json').expect(200)).body as OpenApi;
  });
  afterAll(() => t.close());

  it('finds the write routes', () => {
    const routes = writeRoutes(t).map((r) => `${r.method} ${r.path}`);
    expect(routes).toEqual(expect.arrayContaining(['post /api/v1/users', 'post /api/v1/hospitals', 'patch /api/v1/visa-applications/:id', 'delete /api/v1/visa-applications/:id/documents/:docId']));
  });

  it('answers each hostile body with a 4xx problem+json', async () => {
    const failures: string[] = [];
    let sent = 0;
    for (const route of writeRoutes(t)) {
      const url = route.path.replace(/:\w+/g, () => randomUUID());
      for (const { what, body } of hostileBodies(fieldsOf(doc, route))) {
        const res = await t.http[route.method as 'post'](url)
          .set('Authorization', `Bearer ${admin.token}`)
          .set('Idempotency-Key', randomUUID())
          .set('Content-Type', 'application/json')
          .send(body);
        sent++;
        if (res.status < 400 || res.status >= 500 || !PROBLEM.test(res.headers['content-type'] ?? '')) {
          failures.push(`${route.method.toUpperCase()} ${route.path} with ${what}: ${res.status} ${res.headers['content-type']}`);
        }
      }
    }
    expect(failures).toEqual([]);
    expect(sent).toBeGreaterThan(100);
  }, 240_000);

  it('refuses a body nested deeper than the limit before any route sees it: 400 VALIDATION_FAILED', async () => {
    const res = await t.http.post('/api/v1/users')
      .set('Authorization', `Bearer ${admin.token}`)
      .set('Content-Type', 'application/json')
      .send('{"a":'.repeat(DEPTH) + '1' + '}'.repeat(DEPTH));
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(PROBLEM);
    expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'body', message: expect.stringContaining(`${MAX_JSON_DEPTH} levels`) }] });
  });

  it('refuses an array longer than the limit before any route sees it: 400 VALIDATION_FAILED', async () => {
    const res = await t.http.post('/api/v1/hospitals')
      .set('Authorization', `Bearer ${admin.token}`)
      .send({ name: 'A', languages: new Array(MAX_JSON_ARRAY_LENGTH + 1).fill('ko') });
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(PROBLEM);
    expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'body', message: expect.stringContaining(`${MAX_JSON_ARRAY_LENGTH} items`) }] });
  });

  it('still answers a body above the size limit with 413 problem+json', async () => {
    const res = await t.http.post('/api/v1/hospitals')
      .set('Authorization', `Bearer ${admin.token}`)
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ name: 'x'.repeat(1024 * 1024 + 1) }));
    expect(res.status).toBe(413);
    expect(res.headers['content-type']).toMatch(PROBLEM);
    expect(res.body.code).toBe('PAYLOAD_TOO_LARGE');
  });
});
