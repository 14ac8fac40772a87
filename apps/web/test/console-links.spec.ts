import { describe, expect, it } from '@jest/globals';
import { CONSOLE_PATHS, DESKS, PUBLIC_ROUTES } from '@medjourney/console-routes';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROUTER = join(__dirname, '..', 'src', 'app', 'App.tsx');

/** The paths the console's router declares: literals, and references to the shared scheme resolved through it. */
function declaredPaths(source: string): string[] {
  const desks = DESKS as Record<string, Record<string, string>>;
  const publicRoutes = PUBLIC_ROUTES as Record<string, string>;
  const out: string[] = [];
  for (const m of source.matchAll(/\bpath=(?:"([^"]+)"|\{\s*DESKS\.(\w+)\.(\w+)\s*\}|\{\s*PUBLIC_ROUTES\.(\w+)\s*\})/g)) {
    const path = m[1] ?? (m[2] ? desks[m[2]]?.[m[3]] : publicRoutes[m[4]]);
    if (path === undefined) throw new Error(`the router names a page the scheme does not have: ${m[0]}`);
    out.push(path.startsWith('/') ? path : `/${path}`);
  }
  return out;
}

describe('links that land', () => {
  it('the console\'s router declares every path of the URL scheme that notifications and e-mails link to', () => {
    const declared = declaredPaths(readFileSync(ROUTER, 'utf8'));
    expect(CONSOLE_PATHS.filter((p) => !declared.includes(p))).toEqual([]);
  });

  it('reads what the router declares, and would see a page missing', () => {
    expect(declaredPaths('<Route path={DESKS.officer.application} /><Route path="/officer/border" /><Route path={PUBLIC_ROUTES.signIn} />')).toEqual([
      '/officer/applications/:id',
      '/officer/border',
      '/sign-in',
    ]);
    expect(() => declaredPaths('<Route path={DESKS.officer.designation} />')).toThrow(/does not have/);
  });
});
