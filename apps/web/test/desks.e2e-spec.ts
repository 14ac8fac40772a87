import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { axeViolations, runningApplications, saveScreenshot, signIn, startConsoleSystem, until, type ConsoleSystem } from '@medjourney/testing';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';

const PASSWORD = 'medjourney-demo-2026';
const SECOND_OFFICER = 'Kim Min-jun';
const catalogue = (lang: string) => JSON.parse(readFileSync(join(__dirname, '..', 'src', 'i18n', 'locales', `${lang}.json`), 'utf8'));
const login = (who: string) => `${who}@demo.medjourney.dev`;

/** Each role's demo login and a heading its desk shows on landing. */
const DESKS = [
  { role: 'officer', who: 'officer', heading: 'Work queue' },
  { role: 'supervisor', who: 'supervisor', heading: 'Escalations' },
  { role: 'hospital_coordinator', who: 'coordinator', heading: /applications/i },
  { role: 'patient', who: 'patient', heading: 'My journey' },
  { role: 'ministry_reviewer', who: 'reviewer', heading: 'Designation applications' },
  { role: 'care_provider', who: 'caregiver', heading: 'Offers waiting for your answer' },
  { role: 'admin', who: 'admin', heading: /users/i },
] as const;

/**
 * Every desk on the demo data (`npm start`'s seed, on a throw-away database): each role lands on
 * its own desk with no accessibility violation; the supervisor reassigns an escalated
 * application and reads the report's charts; the caregiver accepts the offer waiting for them;
 * the patient reads the journey on a phone; Korean replaces English on switching.
 */
describe('the desks', () => {
  let s: ConsoleSystem;
  let breached: string;
  let reference: string;

  async function deskPage(who: string, size?: { width: number; height: number }): Promise<Page> {
    const page = await (await s.context(size)).newPage();
    await signIn(page, login(who), PASSWORD);
    return page;
  }

  beforeAll(async () => {
    // A target of seconds on the calendar, so that an application breaches while the test waits.
    s = await startConsoleSystem({ demo: true, env: { SLA_CALENDAR: 'calendar', SLA_TARGET: 'PT30S', SLA_TARGET_CERTIFICATE: 'PT30S' } });
    const [officer] = await s.t.db.query(`SELECT id FROM users WHERE email = $1`, [login('officer')]);
    [breached] = await runningApplications(s.t, 1, { officerId: officer.id });
    // The worker's timers fire its stages for real.
    await until(async () => (await s.t.db.query('SELECT escalation_level FROM visa_applications WHERE id = $1', [breached]))[0].escalation_level === 2, 60_000, 'the breach');
    [{ reference }] = await s.t.db.query('SELECT reference FROM visa_applications WHERE id = $1', [breached]);
    await s.t.user('officer', { name: SECOND_OFFICER });
  }, 240_000);
  afterAll(() => s?.close());

  it('lands each role on its own desk, with no accessibility violation', async () => {
    for (const desk of DESKS) {
      const page = await deskPage(desk.who);
      await page.getByRole('heading', { name: desk.heading, level: 2 }).first().waitFor();
      expect({ role: desk.role, violations: await axeViolations(page) }).toEqual({ role: desk.role, violations: [] });
      await saveScreenshot(page, `desk-${desk.role}`);
      await page.context().close();
    }
  }, 150_000);

  it('supervisor: reassigns an escalated application and reads the report\'s charts', async () => {
    const page = await deskPage('supervisor');
    const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: reference }) });
    await row.getByText('Breached').waitFor();
    await row.getByRole('button', { name: 'Reassign' }).click();
    const dialog = page.getByRole('dialog', { name: 'Reassign' });
    const officer = { name: SECOND_OFFICER };
    await dialog.getByRole('combobox', { name: /^Officer/ }).click();
    await page.getByRole('option', { name: new RegExp(`^${officer.name}`) }).click();
    await dialog.getByRole('button', { name: 'Reassign' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await row.getByText(officer.name).waitFor();
    const [held] = await s.t.db.query('SELECT u.name FROM visa_applications a JOIN users u ON u.id = a.assigned_officer_id WHERE a.id = $1', [breached]);
    expect(held.name).toBe(officer.name);

    await page.getByRole('navigation', { name: 'Desk menu' }).getByRole('link', { name: 'SLA report' }).click();
    for (const chart of ['On-time share per week', /^Processing time/, 'Breaches per officer']) {
      const figure = page.getByRole('img', { name: chart });
      await figure.locator('svg').first().waitFor();
    }
    expect(await axeViolations(page)).toEqual([]);
    await saveScreenshot(page, 'supervisor-report');
    await page.context().close();
  }, 90_000);

  it('care provider: accepts the offer waiting for them', async () => {
    const page = await deskPage('caregiver');
    const [offer] = await s.t.db.query(
      `SELECT a.id FROM care_assignments a JOIN users u ON u.care_provider_id = a.provider_id WHERE u.email = $1 AND a.status = 'pending'`,
      [login('caregiver')],
    );
    expect(offer).toBeDefined();
    await page.getByRole('button', { name: 'Accept' }).first().click();
    await page.getByText('Accepted').first().waitFor();
    const [after] = await s.t.db.query('SELECT status FROM care_assignments WHERE id = $1', [offer.id]);
    expect(after.status).toBe('confirmed');
    await saveScreenshot(page, 'care-provider-accepted');
    await page.context().close();
  }, 60_000);

  it('patient on a 390 × 844 phone: the journey and its next steps, no sideways scrolling', async () => {
    const page = await deskPage('patient', { width: 390, height: 844 });
    await page.getByRole('heading', { name: 'My journey' }).waitFor();
    await page.getByRole('heading', { name: 'Next steps' }).waitFor();
    const widths = (await page.evaluate('({ scroll: document.scrollingElement.scrollWidth, client: document.scrollingElement.clientWidth })')) as { scroll: number; client: number };
    expect(widths.scroll).toBeLessThanOrEqual(widths.client);
    expect(await axeViolations(page)).toEqual([]);
    await saveScreenshot(page, 'patient-phone-journey');
    await page.context().close();
  }, 60_000);

  it('shows Korean after switching, and keeps it on the next page', async () => {
    const [en, ko] = [catalogue('en'), catalogue('ko')];
    expect(ko.queue.title).not.toBe(en.queue.title);
    expect(ko.queue.title).toMatch(/[\uac00-\ud7a3]/);
    const page = await deskPage('officer');
    await page.getByRole('heading', { name: en.queue.title, level: 2 }).waitFor();
    await page.getByRole('combobox', { name: en.shell.language }).click();
    await page.getByRole('option', { name: '한국어' }).click();
    await page.getByRole('heading', { name: ko.queue.title, level: 2 }).waitFor();
    expect(await page.evaluate('document.documentElement.lang')).toBe('ko');
    await page.reload();
    await page.getByRole('heading', { name: ko.queue.title, level: 2 }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await saveScreenshot(page, 'officer-korean');
    await page.context().close();
  }, 60_000);
});
