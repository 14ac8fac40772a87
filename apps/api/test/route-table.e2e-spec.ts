import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { PATH_METADATA, METHOD_METADATA } from '@nestjs/common/constants.js';
import { RequestMethod } from '@nestjs/common';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import { ManualClock, OWN_AUTHORIZATION, PUBLIC_ROUTE, ROLES, ROUTE_ROLES, type Role } from '@medjourney/platform';
import { aSponsor, startTestApp, type TestApp } from '@medjourney/testing';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The role × route table of docs/authorization.md, walked against the real app (spec/security.md,
 * Authorisation): every route the app serves has exactly one row and one declaration (`@Roles`
 * or `@Public`); each `403` cell answers 403 before any lookup (unknown ids, empty bodies);
 * each `ok` cell gets past the role check (never 401, 403 or 5xx: a 404 for an unknown id or a
 * 400 for an empty body shows the route's own checks ran); `public` rows answer without a token;
 * `own` rows (outside the API, with a credential of their own: /metrics) refuse a session token.
 * Cheap by design: one app, one user per role, one request per cell.
 */

interface Route {
  method: string;
  path: string;
  roles: readonly string[] | null;
  isPublic: boolean;
  own: boolean;
}

/** The paths configureHttpApp serves outside the API prefix. */
const UNPREFIXED = ['/health/live', '/health/ready', '/metrics', '/dev/mailbox', '/dev/mailbox.json'];

/** Every route of the app's controllers, from Nest's own metadata, under the API prefix. */
function discoverRoutes(app: INestApplication): Route[] {
  const discovery = app.get(DiscoveryService);
  const scanner = app.get(MetadataScanner);
  const out: Route[] = [];
  for (const wrapper of discovery.getControllers()) {
    const ctrl = wrapper.metatype as (new (...a: never[]) => object) | undefined;
    if (!ctrl || !wrapper.instance) continue;
    const base = [Reflect.getMetadata(PATH_METADATA, ctrl) ?? ''].flat()[0] as string;
    const proto = Object.getPrototypeOf(wrapper.instance);
    for (const name of scanner.getAllMethodNames(proto)) {
      const handler = proto[name];
      const sub = Reflect.getMetadata(PATH_METADATA, handler);
      if (sub === undefined) continue;
      const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number];
      const joined = ['', base, ...[sub].flat()].join('/').replace(/\/+/g, '/').replace(/\/$/, '') || '/';
      const unprefixed = UNPREFIXED.includes(joined);
      out.push({
        method,
        path: unprefixed ? joined : `/api/v1${joined}`,
        roles: Reflect.getMetadata(ROUTE_ROLES, handler) ?? Reflect.getMetadata(ROUTE_ROLES, ctrl) ?? null,
        isPublic: !!(Reflect.getMetadata(PUBLIC_ROUTE, handler) ?? Reflect.getMetadata(PUBLIC_ROUTE, ctrl)),
        own: !!(Reflect.getMetadata(OWN_AUTHORIZATION, handler) ?? Reflect.getMetadata(OWN_AUTHORIZATION, ctrl)),
      });
    }
  }
  return out;
}

type Cell = 'ok' | '403' | 'public' | 'own';

/** The rows of docs/authorization.md's table: `| METHOD /path | cell per role… |`. */
function documentedTable(): Map<string, Record<Role, Cell>> {
  const text = readFileSync(join(process.cwd(), 'docs/authorization.md'), 'utf8');
  const header = text.split('\n').find((l) => l.startsWith('| route |'))!;
  const roles = header.split('|').slice(2, -2).map((s) => s.trim());
  expect(roles).toEqual([...ROLES]);
  const rows = new Map<string, Record<Role, Cell>>();
  for (const line of text.split('\n')) {
    const m = /^\| `(GET|POST|PATCH|PUT|DELETE) ([^`]+)` \|(.*)\|$/.exec(line);
    if (!m) continue;
    const cells = m[3].split('|').map((s) => s.trim());
    rows.set(`${m[1]} ${m[2]}`, Object.fromEntries(roles.map((r, i) => [r, cells[i]])) as Record<Role, Cell>);
  }
  return rows;
}

describe('the role × route table (docs/authorization.md) and the app agree', () => {
  let t: TestApp;
  let routes: Route[];
  const tokens = {} as Record<Role, string>;

  beforeAll(async () => {
    t = await startTestApp({ clock: new ManualClock('2026-11-23T03:00:00Z') });
    routes = discoverRoutes(t.app);
    for (const role of ROLES) tokens[role] = (await t.user(role)).token;
  });
  afterAll(() => t.close());

  it('every route declares its roles, that it is public, or its own credential: exactly one', () => {
    const declarations = (r: Route) => [r.isPublic, !!r.roles, r.own].filter(Boolean).length;
    expect(routes.filter((r) => declarations(r) !== 1).map((r) => `${r.method} ${r.path}`)).toEqual([]);
  });

  it('every route of the app has a row, and every row a route', () => {
    const served = routes.map((r) => `${r.method} ${r.path}`).sort();
    expect([...documentedTable().keys()].sort()).toEqual(served);
  });

  it('each row says what the route declares', () => {
    const table = documentedTable();
    const mismatches: string[] = [];
    for (const r of routes) {
      const row = table.get(`${r.method} ${r.path}`);
      if (!row) continue;
      for (const role of ROLES) {
        const declared: Cell = r.own ? 'own' : r.isPublic ? 'public' : r.roles!.includes(role) ? 'ok' : '403';
        if (row[role] !== declared) mismatches.push(`${r.method} ${r.path} ${role}: table ${row[role]}, code ${declared}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('answers every cell as the table says', async () => {
    const table = documentedTable();
    const wrong: string[] = [];
    for (const [key, row] of table) {
      const [method, template] = key.split(' ');
      const path = template.replace(/:[A-Za-z]+/g, () => randomUUID());
      const send = (token: string | null) => {
        let req = t.http[method.toLowerCase() as 'get' | 'post' | 'patch' | 'put' | 'delete'](path);
        if (token) req = req.set('Authorization', `Bearer ${token}`);
        return method === 'GET' || method === 'DELETE' ? req : req.send({});
      };
      for (const role of ROLES) {
        const cell = row[role];
        if ((cell === 'public' || cell === 'own') && role !== 'patient') continue;
        const status = (await send(cell === 'public' ? null : tokens[role])).status;
        const ok = cell === '403' ? status === 403 : cell === 'own' ? [401, 404].includes(status) : ![401, 403].includes(status) && status < 500;
        if (!ok) wrong.push(`${key} as ${cell === 'public' ? 'anyone' : role}: ${status} (table: ${cell})`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('a list of another tenant\'s resources is 404, not an empty page', async () => {
    const a = await aSponsor(t, tokens.admin, false);
    const b = await aSponsor(t, tokens.admin, false);
    const as = (token: string) => ({ Authorization: `Bearer ${token}` });
    expect((await t.http.get(`/api/v1/hospitals/${a.id}/designation-applications`).set(as(a.coordinator))).status).toBe(200);
    const theirs = await t.http.get(`/api/v1/hospitals/${b.id}/designation-applications`).set(as(a.coordinator));
    expect(theirs.status).toBe(404);
    expect((await t.http.get(`/api/v1/hospitals/${b.id}/designations`).set(as(a.coordinator))).status).toBe(404);
    expect((await t.http.get(`/api/v1/hospitals/${randomUUID()}/designation-applications`).set(as(tokens.ministry_reviewer))).status).toBe(404);
    expect((await t.http.get(`/api/v1/hospitals/${b.id}/designation-applications`).set(as(tokens.ministry_reviewer))).status).toBe(200);
  });
});
