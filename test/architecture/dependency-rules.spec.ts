import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const CONFIG = join(ROOT, '.dependency-cruiser.cjs');

/** Runs the dependency rule as `npm run lint` does, from `cwd` (the config resolves aliases through cwd's tsconfig.json). */
function depcruise(cwd: string, ...paths: string[]) {
  const r = spawnSync(process.execPath, [join(ROOT, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs'), ...paths, '--config', CONFIG, '--output-type', 'err'], { cwd, encoding: 'utf8' });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

describe('the dependency rule', () => {
  it('passes on the code base', () => {
    const r = depcruise(ROOT, 'apps', 'libs', 'test');
    expect(r.out).toContain('no dependency violations found');
    expect(r.status).toBe(0);
  }, 60_000);

  it('fails on each planted violation and names the rule and the import', () => {
    const r = depcruise(join(ROOT, 'test/fixtures/boundaries'), 'apps', 'libs');
    expect(r.status).not.toBe(0);
    const errors = r.out.split('\n').filter((l) => l.includes('error ')).map((l) => l.trim()).sort();
    expect(errors).toEqual([
      'error layer-hospitals: libs/hospitals/src/services/figures.ts → libs/visas/src/services/secret.ts',
      'error layer-platform: libs/platform/src/guard.ts → libs/visas/src/index.ts',
      'error library-imports-app: libs/hospitals/src/host.ts → apps/api/src/main.ts',
      'error library-internals-from-apps: apps/api/src/main.ts → libs/visas/src/services/secret.ts',
      'error library-internals: libs/hospitals/src/services/figures.ts → libs/visas/src/services/secret.ts',
      'error testing-outside-tests: libs/visas/src/sponsor.ts → libs/testing/src/index.ts',
    ]);
  }, 60_000);
});
