import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from '@medjourney/testing';

const run = promisify(execFile);

interface LintProblem { ruleId: string; severity: 'error' | 'warn'; message: string; location: { pointer: string }[] }

/**
 * Redocly's CLI bundles its linter (no programmatic package ships with it), so the test runs
 * it on the document the real app serves, with the `recommended` rules and no config file.
 */
async function redoclyLint(document: unknown): Promise<LintProblem[]> {
  const dir = await mkdtemp(join(tmpdir(), 'openapi-lint-'));
  try {
    const file = join(dir, 'openapi.json');
    await writeFile(file, JSON.stringify(document));
    const result = await run(process.execPath, ['node_modules/@redocly/cli/bin/cli.js', 'lint', file, '--extends=recommended', '--format=json'], {
      cwd: process.cwd(),
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' },
      maxBuffer: 16 * 1024 * 1024,
    }).catch((e: { stdout?: string; stderr?: string }) => ({ stdout: e.stdout ?? '', stderr: e.stderr ?? '' }));
    const json = result.stdout.slice(result.stdout.indexOf('{'));
    return (JSON.parse(json) as { problems: LintProblem[] }).problems;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe('the OpenAPI document passes Redocly\'s recommended lint', () => {
  let t: TestApp;
  beforeAll(async () => {
    // Deployed, the document names the public host; the localhost of development draws a warning.
    t = await startTestApp({ env: { PUBLIC_BASE_URL: 'https://medjourney.example.kr' } });
  });
  afterAll(() => t.close());

  it('with no error and no warning', async () => {
    const document = (await t.http.get('/docs-json').expect(200)).body;
    const problems = await redoclyLint(document);
    expect(problems.map((p) => `${p.severity} ${p.ruleId} at ${p.location[0]?.pointer}: ${p.message}`)).toEqual([]);
  }, 60_000);

  it('declares `security: []` on the public routes and the bearer token on the others', async () => {
    const { paths } = (await t.http.get('/docs-json').expect(200)).body;
    for (const [path, method] of [['/api/v1/auth/login', 'post'], ['/api/v1/auth/register', 'post'], ['/api/v1/hospitals', 'get'], ['/api/v1/hospitals/{id}/designation', 'get'], ['/api/v1/visas/verify', 'get']]) {
      expect({ path, security: paths[path][method].security }).toEqual({ path, security: [] });
    }
    expect(paths['/api/v1/auth/me'].get.security).toEqual([{ bearer: [] }]);
    expect(paths['/api/v1/hospitals'].post.security).toEqual([{ bearer: [] }]);
  });
});
