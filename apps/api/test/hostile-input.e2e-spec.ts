import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ROLES } from '@medjourney/platform';
import { startTestApp, type TestApp } from '@medjourney/testing';

/**
 * Every operation of the real app's OpenAPI document (so that a new route is walked without
 * anyone adding it here), as every role the route lets in, with NUL characters and unpaired
 * surrogates in each path parameter, query parameter and body field, prototype keys in the
 * body, date-times where a date is asked, and malformed cursors. None may answer 5xx; the
 * text and key probes must answer 400 VALIDATION_FAILED (spec/security.md, Hardening).
 */

const NUL = 'nul\u0000text';
const SURROGATE = 'name \uD800 alone';
// A lone surrogate cannot be UTF-8; this is how one arrives in a URL (CESU-8 bytes).
const URL_SURROGATE = '%ED%A0%80';
const b64 = (text: string) => Buffer.from(text).toString('base64url');
const MALFORMED_CURSORS: [string, string][] = [
  ['not base64url', '%25%25%25'],
  ['base64 of no JSON', b64('not json')],
  ['an object', b64('{"id":1}')],
  ['an empty array', b64('[]')],
  ['an array of objects', b64('[{"x":1}]')],
  ['one wrong value', b64('["x"]')],
  ['two wrong values', b64('["x","y"]')],
  ['three wrong values', b64('["x","y","z"]')],
  ['a huge number and a non-uuid', b64('[1e308,"not-a-uuid"]')],
  ['an impossible instant and a number', b64('["2026-02-30T00:00:00.000Z",42]')],
  ['an out-of-range int, an instant and a uuid', b64(`[99999999999,"2026-01-01T00:00:00.000Z","${randomUUID()}"]`)],
  ['text with a NUL', b64(JSON.stringify(['a\u0000b', randomUUID()]))],
];

interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  example?: unknown;
  minimum?: number;
  items?: Schema;
  properties?: Record<string, Schema>;
  allOf?: Schema[];
}
interface Parameter { name: string; in: 'path' | 'query' | 'header'; schema?: Schema }
interface Operation { parameters?: Parameter[]; requestBody?: { content?: Record<string, { schema?: Schema }> }; security?: unknown[] }
interface OpenApi { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, Schema> } }
interface Op { method: 'get' | 'post' | 'put' | 'patch' | 'delete'; path: string; op: Operation }
interface Caller { role: string; token?: string }

const METHODS = new Set(['get', 'post', 'put', 'patch', 'delete']);

function resolve(doc: OpenApi, schema: Schema | undefined): Schema {
  let s = schema ?? {};
  while (s.$ref) s = doc.components.schemas[s.$ref.split('/').pop()!] ?? {};
  if (s.allOf) return s.allOf.map((x) => resolve(doc, x)).reduce((a, b) => ({ ...a, ...b, properties: { ...a.properties, ...b.properties } }), {});
  return s;
}

/** A plausible value for a schema; it need not pass validation, only give every field its path. */
function sample(doc: OpenApi, schema: Schema | undefined, depth = 0): unknown {
  const s = resolve(doc, schema);
  if (s.enum?.length) return s.enum[0];
  if (s.example !== undefined && typeof s.example !== 'object') return s.example;
  if (s.type === 'array') return depth > 4 ? [] : [sample(doc, s.items, depth + 1)];
  if (s.type === 'object' || s.properties) {
    return Object.fromEntries(Object.entries(s.properties ?? {}).map(([k, v]) => [k, depth > 4 ? null : sample(doc, v, depth + 1)]));
  }
  if (s.type === 'integer' || s.type === 'number') return s.minimum ?? 1;
  if (s.type === 'boolean') return false;
  switch (s.format) {
    case 'uuid': return randomUUID();
    case 'date': return '2031-01-01';
    case 'date-time': return '2031-01-01T00:00:00Z';
    case 'email': return `probe.${randomUUID()}@test.medjourney.dev`;
    default: return 'sample';
  }
}

/** Dotted paths (as the validation errors name them) of the body's leaves of a given kind. */
function leaves(doc: OpenApi, schema: Schema | undefined, pick: (s: Schema) => boolean, path = '', depth = 0): string[] {
  const s = resolve(doc, schema);
  if (depth > 5) return [];
  if (s.type === 'array') return leaves(doc, s.items, pick, `${path}.0`, depth + 1);
  if (s.type === 'object' || s.properties) {
    return Object.entries(s.properties ?? {}).flatMap(([k, v]) => leaves(doc, v, pick, path ? `${path}.${k}` : k, depth + 1));
  }
  return pick(s) ? [path] : [];
}

function setAt(body: unknown, path: string, value: unknown): unknown {
  const copy = structuredClone(body) as Record<string, unknown>;
  const keys = path.split('.');
  let node = copy;
  for (const k of keys.slice(0, -1)) node = node[k] as Record<string, unknown>;
  node[keys[keys.length - 1]] = value;
  return copy;
}

describe('no input, however malformed, makes any route answer 5xx', () => {
  let t: TestApp;
  let doc: OpenApi;
  let ops: Op[];
  const callers: Caller[] = [{ role: 'anonymous' }];
  /** Operation → the callers its guard lets in (neither 401 nor 403 on a harmless request). */
  const allowed = new Map<Op, Caller[]>();
  const baselineOk = new Map<string, boolean>();
  const failures: string[] = [];
  let sent = 0;

  const url = (o: Op, params: Record<string, string> = {}) => o.path.replace(/\{(\w+)\}/g, (_m, name: string) => params[name] ?? randomUUID());
  function send(o: Op, caller: Caller, target: string) {
    const req = t.http[o.method](target);
    if (caller.token) req.set('Authorization', `Bearer ${caller.token}`);
    if (o.method === 'post') req.set('Idempotency-Key', randomUUID());
    sent++;
    return req;
  }
  const jsonOf = (o: Op) => o.op.requestBody?.content?.['application/json']?.schema;
  const multipartOf = (o: Op) => o.op.requestBody?.content?.['multipart/form-data']?.schema;
  const label = (o: Op, caller: Caller, what: string) => `${o.method.toUpperCase()} ${o.path} as ${caller.role} with ${what}`;

  function expectRefused(res: { status: number; body: { code?: string } }, what: string): void {
    if (res.status !== 400 || res.body.code !== 'VALIDATION_FAILED') failures.push(`${what}: ${res.status} ${res.body.code}`);
  }

  beforeAll(async () => {
    t = await startTestApp();
    doc = (await t.http.get('/docs-json').expect(200)).body as OpenApi;
    ops = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.entries(item).filter(([m]) => METHODS.has(m)).map(([method, op]) => ({ method: method as Op['method'], path, op })));
    for (const role of ROLES) callers.push({ role, token: (await t.user(role)).token });
    for (const o of ops) {
      const inside: Caller[] = [];
      for (const caller of callers) {
        const req = send(o, caller, url(o));
        const res = await (jsonOf(o) ? req.send({}) : req);
        if (res.status >= 500) failures.push(`${label(o, caller, 'a harmless request')}: ${res.status}`);
        if (res.status !== 401 && res.status !== 403) inside.push(caller);
        baselineOk.set(`${o.method} ${o.path} ${caller.role}`, res.status < 300);
      }
      allowed.set(o, inside);
    }
  }, 120_000);
  afterAll(() => t.close());

  it('walks the routes that take text, a body or a cursor, as the roles they let in', () => {
    const paths = ops.map((o) => `${o.method} ${o.path}`);
    expect(paths).toEqual(expect.arrayContaining(['post /api/v1/auth/register', 'get /api/v1/audit', 'post /api/v1/visa-applications', 'post /api/v1/visa-applications/{id}/documents']));
    expect(allowed.get(ops.find((o) => o.path === '/api/v1/auth/register')!)!.map((c) => c.role)).toContain('anonymous');
    expect(allowed.get(ops.find((o) => o.path === '/api/v1/audit')!)!.map((c) => c.role).sort()).toEqual(expect.arrayContaining(['admin', 'supervisor']));
    expect(ops.filter((o) => o.op.parameters?.some((p) => p.name === 'cursor')).map((o) => o.path)).toEqual(expect.arrayContaining([
      '/api/v1/audit', '/api/v1/users', '/api/v1/hospitals', '/api/v1/designation-applications', '/api/v1/visa-applications',
      '/api/v1/me/notifications', '/api/v1/care-providers', '/api/v1/care-assignments',
    ]));
    // The harmless requests that found the roles answered no 5xx either.
    expect(failures).toEqual([]);
  });

  it('refuses NUL and unpaired surrogates in path parameters, query parameters and body fields with 400, as every role', async () => {
    failures.length = 0;
    for (const o of ops) {
      const pathParams = (o.op.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name);
      const queryParams = (o.op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
      const json = jsonOf(o);
      const body = json ? sample(doc, json) : undefined;
      const textFields = json ? leaves(doc, json, (s) => s.type === 'string' || s.type === undefined) : [];
      for (const caller of allowed.get(o)!) {
        for (const name of pathParams) {
          for (const [what, bad] of [['NUL', '%00'], ['an unpaired surrogate', URL_SURROGATE]]) {
            const res = await send(o, caller, url(o, { [name]: `x${bad}y` }));
            expectRefused(res, label(o, caller, `${what} in path parameter ${name}`));
          }
        }
        for (const name of queryParams) {
          for (const [what, bad] of [['NUL', '%00'], ['an unpaired surrogate', URL_SURROGATE]]) {
            const res = await send(o, caller, `${url(o)}?${name}=x${bad}y`);
            expectRefused(res, label(o, caller, `${what} in query parameter ${name}`));
          }
        }
        for (const field of textFields) {
          for (const [what, bad] of [['NUL', NUL], ['an unpaired surrogate', SURROGATE]]) {
            const res = await send(o, caller, url(o)).send(setAt(body, field, bad) as object);
            expectRefused(res, label(o, caller, `${what} in body field ${field}`));
          }
        }
        const multipart = multipartOf(o);
        if (multipart) {
          for (const field of Object.keys(resolve(doc, multipart).properties ?? {}).filter((f) => f !== 'file')) {
            const res = await send(o, caller, url(o)).field(field, NUL).attach('file', Buffer.from('%PDF-1.4\n'), 'scan.pdf');
            expectRefused(res, label(o, caller, `NUL in multipart field ${field}`));
          }
          const res = await send(o, caller, url(o)).field('type', 'passport_copy').attach('file', Buffer.from('%PDF-1.4\n'), `scan${SURROGATE}.pdf`);
          if (res.status >= 500) failures.push(`${label(o, caller, 'an unpaired surrogate in the file name')}: ${res.status}`);
        }
      }
    }
    expect(failures).toEqual([]);
    expect(sent).toBeGreaterThan(500);
  }, 300_000);

  it('refuses __proto__ and constructor keys at any depth in every JSON body with 400, as every role', async () => {
    failures.length = 0;
    for (const o of ops.filter(jsonOf)) {
      const body = JSON.stringify(sample(doc, jsonOf(o)));
      const nested = Object.keys(JSON.parse(body)).find((k) => typeof JSON.parse(body)[k] === 'object');
      const probes: [string, string][] = [
        ['__proto__ at the top', `{"__proto__":{"role":"admin"},${body.slice(1)}`],
        ['constructor at the top', `{"constructor":{"prototype":{"role":"admin"}},${body.slice(1)}`],
      ];
      if (nested) probes.push([`__proto__ inside ${nested}`, JSON.stringify({ ...JSON.parse(body), [nested]: '@@' }).replace('"@@"', '{"__proto__":{"role":"admin"}}')]);
      for (const caller of allowed.get(o)!) {
        for (const [what, text] of probes) {
          const res = await send(o, caller, url(o)).set('Content-Type', 'application/json').send(text);
          expectRefused(res, label(o, caller, what));
        }
      }
    }
    expect(failures).toEqual([]);
  }, 120_000);

  it('refuses a date-time wherever a date is asked, naming the field', async () => {
    failures.length = 0;
    let probed = 0;
    for (const o of ops.filter(jsonOf)) {
      const body = sample(doc, jsonOf(o));
      for (const field of leaves(doc, jsonOf(o), (s) => s.format === 'date')) {
        const caller = allowed.get(o)![0];
        if (!caller) continue;
        const res = await send(o, caller, url(o)).send(setAt(body, field, '2026-03-01T00:00:00Z') as object);
        probed++;
        const fields = (res.body.errors ?? []).map((e: { field: string }) => e.field);
        if (res.status !== 400 || !fields.includes(field)) failures.push(`${label(o, caller, `a date-time in ${field}`)}: ${res.status} ${JSON.stringify(fields)}`);
      }
    }
    expect(failures).toEqual([]);
    expect(probed).toBeGreaterThan(5);
  }, 120_000);

  it('refuses malformed cursors on every list with 400 on the field cursor, as every role that reads it', async () => {
    failures.length = 0;
    const lists = ops.filter((o) => o.op.parameters?.some((p) => p.name === 'cursor'));
    for (const o of lists) {
      for (const caller of allowed.get(o)!) {
        // A list that answers this caller 404 (a scope) never reads the cursor; it must still not fail.
        const reads = baselineOk.get(`${o.method} ${o.path} ${caller.role}`);
        for (const [what, cursor] of MALFORMED_CURSORS) {
          const res = await send(o, caller, `${url(o)}?cursor=${cursor}`);
          const fields = (res.body.errors ?? []).map((e: { field: string }) => e.field);
          if (res.status >= 500 || (reads && (res.status !== 400 || !fields.includes('cursor')))) {
            failures.push(`${label(o, caller, `a cursor that is ${what}`)}: ${res.status} ${JSON.stringify(fields)}`);
          }
        }
      }
    }
    expect(failures).toEqual([]);
  }, 120_000);

  it('names the two findings of the probe: POST /auth/register with a NUL name, GET /audit?entityId=%00', async () => {
    const register = await t.http.post('/api/v1/auth/register').send({ email: `nul.${randomUUID()}@test.medjourney.dev`, password: 'a long enough password', name: NUL });
    expect(register.status).toBe(400);
    expect(register.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'name' }] });
    const admin = callers.find((c) => c.role === 'admin')!;
    const audit = await t.http.get('/api/v1/audit?entityId=%00').set('Authorization', `Bearer ${admin.token}`);
    expect(audit.status).toBe(400);
    expect(audit.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'entityId' }] });
  });
});
