import type { INestApplication } from '@nestjs/common';
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
// Loaded when a browser test asks for them, so the other test files never pay for compiling them.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { StartupService } from '../../../apps/api/src/startup.service.js';
import { freePort } from './redis-server.js';
import { startTestApp, startTestWorker, type TestApp } from './test-app.js';
import { PG_ADMIN_URL, runId } from './test-env.js';

// jest runs from the repository root (npm test).
const ROOT = process.cwd();
const run = promisify(execFile);

/** Debian's chromium: no browser can be downloaded here, so playwright-core drives the system one. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Where each browser test leaves its screenshots (git-ignored). */
export const SCREENSHOTS = join(ROOT, 'test-output', 'screenshots');

/**
 * The console as `npm run build` makes it (`vite build`), once per test run into
 * dist/test-<run>-web, under an advisory lock so that parallel test files build it once.
 */
export async function buildConsole(): Promise<string> {
  const outDir = join(ROOT, 'dist', `test-${runId()}-web`);
  const client = new pg.Client({ connectionString: PG_ADMIN_URL });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock(hashtext($1))', [outDir]);
    if (!existsSync(join(outDir, 'index.html'))) {
      await run(process.execPath, [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'apps/web/vite.config.ts', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'error'], {
        cwd: ROOT,
        maxBuffer: 16 * 1024 * 1024,
      });
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock(hashtext($1))', [outDir]).catch(() => undefined);
    await client.end();
  }
  return outDir;
}

/**
 * Headless chromium with nothing that reaches the network on its own. Playwright gives each
 * launch a fresh temporary profile (its own --user-data-dir) and removes it on close.
 */
export async function launchBrowser(): Promise<{ browser: Browser; close: () => Promise<void> }> {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return { browser, close: () => browser.close() };
}

export interface ConsoleSystem {
  t: TestApp;
  worker: INestApplication;
  browser: Browser;
  /** Where the API serves the console, e.g. http://127.0.0.1:43121 */
  baseUrl: string;
  /**
   * A fresh browser context (own cookies and storage) with this viewport. Its console language
   * is `language` (English unless told), as if chosen with the switch on this device, so that a
   * patient's or care provider's desk does not follow their record's language; `language: null`
   * is a device where nobody chose, whose desks follow the signed-in user's record.
   */
  context(opts?: { width?: number; height?: number; locale?: string; timezoneId?: string; language?: string | null }): Promise<BrowserContext>;
  close(): Promise<void>;
}

/**
 * The whole system a browser test needs: the API (serving the console built for this run) and
 * the worker, in this process, on a database and Redis prefix of their own, with the real
 * clock; the demo data when asked (`npm start`'s seed); and one headless chromium.
 */
export async function startConsoleSystem(opts: { demo?: boolean; env?: Record<string, string> } = {}): Promise<ConsoleSystem> {
  const webDir = await buildConsole();
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const t = await startTestApp({
    realClock: true,
    env: { WEB_DIR: webDir, PUBLIC_BASE_URL: baseUrl, SEED_DEMO: opts.demo ? 'true' : 'false', SLA_RECONCILE_EVERY: 'PT5S', ...opts.env },
  });
  let worker: INestApplication | undefined;
  let browser: Awaited<ReturnType<typeof launchBrowser>> | undefined;
  try {
    if (opts.demo) await t.app.get(StartupService).prepare();
    worker = await startTestWorker(t.config);
    await t.app.listen(port, '127.0.0.1');
    browser = await launchBrowser();
  } catch (e) {
    await worker?.close().catch(() => undefined);
    await t.close();
    throw e;
  }
  const b = browser;
  const w = worker;
  return {
    t,
    worker: w,
    browser: b.browser,
    baseUrl,
    async context(o = {}) {
      const context = await b.browser.newContext({ baseURL: baseUrl, viewport: { width: o.width ?? 1280, height: o.height ?? 800 }, locale: o.locale ?? 'en-GB', timezoneId: o.timezoneId ?? 'Asia/Seoul' });
      // A step that cannot happen fails naming its locator, well before the test's own timeout.
      context.setDefaultTimeout(10_000);
      const language = o.language === undefined ? 'en' : o.language;
      // Set once: a choice made with the switch during the test outlives the next page load.
      if (language) await context.addInitScript(`localStorage.getItem('medjourney.language') || localStorage.setItem('medjourney.language', ${JSON.stringify(language)})`);
      return context;
    },
    async close() {
      await b.close();
      await w.close();
      await t.close();
    },
  };
}

/** Signs in through the console's form, as a person would; resolves once the desk has loaded. */
export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/');
  await page.getByRole('textbox', { name: /e-?mail/i }).fill(email);
  await page.getByRole('textbox', { name: /^password/i }).fill(password);
  await page.getByRole('button', { name: /sign in/i }).click();
  // Every desk's header has the bell, on a phone too (the menu may be folded away).
  await page.getByRole('button', { name: /notifications/i }).waitFor();
}

let axeSource: string | undefined;

/**
 * axe-core's violations on the page as it stands (WCAG 2.0/2.1 A and AA and best practices),
 * each named with its nodes, for an exact `toEqual([])`. axe-core is evaluated in the page
 * through the DevTools protocol (the console's CSP allows no injected script tag).
 */
export async function axeViolations(page: Page): Promise<string[]> {
  axeSource ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  // Expressions, not functions: this code is type-checked without the DOM's types.
  if (!(await page.evaluate("typeof window.axe === 'object'"))) await page.evaluate(axeSource);
  const options = { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } };
  const violations = (await page.evaluate(`axe.run(document, ${JSON.stringify(options)}).then((r) => r.violations)`)) as { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[];
  return violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** Saves what the page shows as test-output/screenshots/<name>.png (or under `dir`). */
export async function saveScreenshot(page: Page, name: string, dir = SCREENSHOTS): Promise<string> {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${name}.png`);
  await page.screenshot({ path });
  return path;
}
