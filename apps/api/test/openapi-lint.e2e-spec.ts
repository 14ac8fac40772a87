import { execFile, execSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
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

  it('describes the body of every successful answer, so the console\'s generated types hold it', async () => {
    const { paths } = (await t.http.get('/docs-json').expect(200)).body as { paths: Record<string, Record<string, { responses: Record<string, { content?: unknown }> }>> };
    const undescribed = Object.entries(paths).flatMap(([path, methods]) =>
      Object.entries(methods).flatMap(([method, op]) =>
        Object.entries(op.responses).filter(([status, r]) => /^2/.test(status) && status !== '204' && status !== '202' && !r.content).map(([status]) => `${method.toUpperCase()} ${path} ${status}`),
      ),
    );
    expect(undescribed).toEqual([]);
  });

  it('names each schema after one class: two DTOs of one name would merge into one schema', () => {
    // Swagger keys schemas by class name, so the second of two same-named classes silently
    // takes the first one's place, and the console's types describe the wrong answer.
    const files = execSync(`git ls-files 'libs/*.ts' 'apps/*.ts'`, { encoding: 'utf8' }).split('\n').filter((f) => f && !/\.(spec|int-spec|e2e-spec)\.ts$/.test(f) && !f.startsWith('apps/web/'));
    const seen = new Map<string, string[]>();
    for (const file of files) {
      for (const m of readFileSync(file, 'utf8').matchAll(/^export class (\w+(?:Dto|Query|Body))\b/gm)) seen.set(m[1], [...(seen.get(m[1]) ?? []), file]);
    }
    expect([...seen].filter(([, where]) => where.length > 1)).toEqual([]);
  });
});
