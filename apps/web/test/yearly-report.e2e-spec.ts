import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { axeViolations, saveScreenshot, signIn, startConsoleSystem, type ConsoleSystem } from '@medjourney/testing';
import type { Page } from 'playwright-core';

const PASSWORD = 'medjourney-demo-2026';
const login = (who: string) => `${who}@demo.medjourney.dev`;
// The report asked for next: the last Korean year that has ended (the demo opens it for every demo hospital).
const YEAR = Number(new Intl.DateTimeFormat('en', { timeZone: 'Asia/Seoul', year: 'numeric' }).format(new Date())) - 1;

/**
 * The coordinator's yearly report on the demo data: the figures MedJourney counted beside the
 * hospital's own fields, a refusal shown beside the fields it names, submission, an amendment
 * as a second version, and a 409 explained and the page refreshed when a colleague submitted first.
 */
describe('the coordinator\'s yearly report', () => {
  let s: ConsoleSystem;
  beforeAll(async () => (s = await startConsoleSystem({ demo: true })), 240_000);
  afterAll(() => s?.close());

  async function openReport(who: string): Promise<Page> {
    const page = await (await s.context()).newPage();
    await signIn(page, login(who), PASSWORD);
    await page.getByRole('navigation', { name: 'Desk menu' }).getByRole('link', { name: 'Yearly report' }).click();
    await page.getByRole('heading', { name: `Yearly report ${YEAR}`, level: 2 }).waitFor();
    await page.getByRole('heading', { name: 'What MedJourney counted' }).waitFor();
    return page;
  }
  const versions = async (who: string) =>
    (await s.t.db.query(`SELECT v.version, v.reason, v.reported FROM statistics_yearly_report_versions v JOIN users u ON u.hospital_id = v.hospital_id WHERE u.email = $1 AND v.year = $2 ORDER BY v.version`, [login(who), YEAR])) as { version: number; reason: string | null; reported: Record<string, number> }[];

  it('fills the hospital\'s own fields beside the counted figures, submits, and amends as a new version', async () => {
    const page = await openReport('coordinator');
    await page.getByRole('rowheader', { name: 'Applications submitted' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);

    // Submitting without every own field: the refusal lands beside the empty ones.
    await page.getByRole('textbox', { name: 'Inpatients' }).fill('12');
    await page.getByRole('button', { name: 'Submit the report' }).click();
    await page.getByText('Needed before the report is submitted').first().waitFor();
    expect(await page.getByText('Needed before the report is submitted').count()).toBe(2);

    await page.getByRole('textbox', { name: 'Outpatients' }).fill('340');
    await page.getByRole('textbox', { name: 'Revenue from foreign patients (won)' }).fill('1250000000');
    await page.getByRole('button', { name: 'Submit the report' }).click();
    await page.getByText('Report submitted').first().waitFor();
    await page.getByText('Submitted', { exact: true }).first().waitFor();
    const table = page.getByRole('table', { name: 'Every submitted version, oldest first' });
    await table.getByRole('row').filter({ hasText: 'First submission' }).waitFor();
    expect(await versions('coordinator')).toEqual([{ version: 1, reason: null, reported: { inpatients: 12, outpatients: 340, revenueKrw: 1_250_000_000 } }]);
    expect(await axeViolations(page)).toEqual([]);
    await saveScreenshot(page, 'coordinator-yearly-report-submitted');

    // Only an amendment changes it now: a second version with its reason.
    await page.getByRole('heading', { name: 'Amend the submitted report' }).waitFor();
    await page.getByRole('textbox', { name: 'Outpatients' }).fill('360');
    await page.getByRole('textbox', { name: /^Reason for the amendment/ }).fill('Outpatients of December were missing');
    await page.getByRole('button', { name: 'Submit the amendment' }).click();
    await page.getByText('Amendment submitted').first().waitFor();
    await table.getByRole('row').filter({ hasText: 'Outpatients of December were missing' }).waitFor();
    await page.getByText('Version 2').waitFor();
    expect((await versions('coordinator')).map((v) => [v.version, v.reason, v.reported.outpatients])).toEqual([[1, null, 340], [2, 'Outpatients of December were missing', 360]]);
    await page.context().close();
  }, 120_000);

  it('explains a 409 when a colleague submitted first, and shows the report as it now stands', async () => {
    const page = await openReport('clinic.coordinator');
    await page.getByRole('textbox', { name: 'Inpatients' }).fill('3');
    // A colleague of the same hospital submits meanwhile, through the API.
    const token = (await s.t.http.post('/api/v1/auth/login').send({ email: login('clinic.coordinator'), password: PASSWORD }).expect(200)).body.accessToken;
    const [{ hospital_id: hospitalId }] = await s.t.db.query('SELECT hospital_id FROM users WHERE email = $1', [login('clinic.coordinator')]);
    const as = { Authorization: `Bearer ${token}` };
    await s.t.http.put(`/api/v1/hospitals/${hospitalId}/yearly-reports/${YEAR}`).set(as).send({ reported: { inpatients: 4, outpatients: 50, revenueKrw: 90_000_000 } }).expect(200);
    await s.t.http.post(`/api/v1/hospitals/${hospitalId}/yearly-reports/${YEAR}/submit`).set(as).expect(200);

    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.getByText('Someone acted first').first().waitFor();
    // Refreshed: the submitted report, open to amendments only.
    await page.getByRole('heading', { name: 'Amend the submitted report' }).waitFor();
    expect(await page.getByRole('textbox', { name: 'Inpatients' }).inputValue()).toBe('4');
    expect((await versions('clinic.coordinator')).map((v) => v.reported.inpatients)).toEqual([4]);
    expect(await axeViolations(page)).toEqual([]);
    await page.context().close();
  }, 120_000);

  // The same demo system, under the default policy (desks.e2e-spec books under doctor_to_doctor).
  it('a follow-up under direct_follow_up asks for no doctor at home', async () => {
    const page = await (await s.context()).newPage();
    await signIn(page, login('coordinator'), PASSWORD);
    await page.getByRole('navigation', { name: 'Desk menu' }).getByRole('link', { name: 'Book a follow-up' }).click();
    await page.getByRole('combobox', { name: /^Patient/ }).click();
    await page.getByRole('option', { name: 'AIGERIM NURLANOVNA' }).click();
    const policy = page.waitForResponse((r) => r.url().endsWith('/api/v1/telemedicine/policy'));
    await page.getByRole('combobox', { name: /^Clinician/ }).click();
    await page.getByRole('option').first().click();
    expect(await (await policy).json()).toEqual({ policy: 'direct_follow_up', localClinicianRequired: false });
    await page.getByRole('button', { name: /^Choose / }).first().waitFor();
    expect(await page.getByRole('region', { name: 'Doctor at home' }).count()).toBe(0);
    await page.context().close();
  }, 60_000);
});
