import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { aSponsor, axeViolations, runningApplications, saveScreenshot, signIn, startConsoleSystem, until, type ConsoleSystem } from '@medjourney/testing';
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
  let pending: Awaited<ReturnType<typeof aSponsor>>;
  let designationId: string;

  async function deskPage(who: string, size?: { width: number; height: number }): Promise<Page> {
    const page = await (await s.context(size)).newPage();
    await signIn(page, login(who), PASSWORD);
    return page;
  }

  beforeAll(async () => {
    // A target of seconds on the calendar, so that an application breaches while the test waits;
    // follow-ups under doctor_to_doctor, so that booking one asks for the patient's doctor at home.
    s = await startConsoleSystem({ demo: true, env: { SLA_CALENDAR: 'calendar', SLA_TARGET: 'PT10S', SLA_TARGET_CERTIFICATE: 'PT10S', TELEMEDICINE_POLICY: 'doctor_to_doctor' } });
    const [officer] = await s.t.db.query(`SELECT id FROM users WHERE email = $1`, [login('officer')]);
    [breached] = await runningApplications(s.t, 1, { officerId: officer.id });
    [{ reference }] = await s.t.db.query('SELECT reference FROM visa_applications WHERE id = $1', [breached]);
    // The rest of the set-up runs while its clock does; the breach is awaited at the end.
    await s.t.user('officer', { name: SECOND_OFFICER });
    // A hospital's designation application waiting for the ministry, scored from declared figures.
    pending = await aSponsor(s.t, (await s.t.user('admin')).token, false);
    // The designation year that runs now (DESIGNATION_YEAR_START, 1 October).
    const now = new Date();
    const year = now.getUTCMonth() >= 9 ? now.getUTCFullYear() : now.getUTCFullYear() - 1;
    const filed = await s.t.http
      .post(`/api/v1/hospitals/${pending.id}/designation-applications`)
      .set('Authorization', `Bearer ${pending.coordinator}`)
      .send({ year, declared: { applications: 40, persons: 1500, refusals: 15, overstays: 0, entryRefusals: 0, interpreters: 5 } })
      .expect(201);
    expect(filed.body.status).toBe('pending');
    designationId = filed.body.id;
    // The worker's timers fire its stages for real.
    await until(async () => (await s.t.db.query('SELECT escalation_level FROM visa_applications WHERE id = $1', [breached]))[0].escalation_level === 2, 60_000, 'the breach');
  }, 240_000);
  afterAll(() => s?.close());

  it('shows a loading list as a named progress bar, with no accessibility violation', async () => {
    const page = await deskPage('coordinator');
    // The list's answer is held until the page has been checked while it waits.
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    await page.route('**/api/v1/visa-applications?**', async (route) => {
      await held;
      await route.continue();
    });
    await page.reload();
    await page.getByRole('progressbar', { name: 'Loading' }).first().waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await saveScreenshot(page, 'coordinator-list-loading');
    release();
    await page.getByRole('progressbar').first().waitFor({ state: 'detached' });
    await page.close();
  });

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
    expect(await axeViolations(page)).toEqual([]);
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

  it('ministry reviewer: decides a designation application from the list ranked by score', async () => {
    const page = await deskPage('reviewer');
    const table = page.getByRole('table', { name: 'Ranked by score, highest first' });
    await table.waitFor();
    const scores = (await table.getByRole('row').allInnerTexts()).slice(1).map((r) => Number(r.split('\t')[3]));
    expect(scores.length).toBeGreaterThan(0);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    const [{ name }] = await s.t.db.query('SELECT name FROM hospitals WHERE id = $1', [pending.id]);
    await table.getByRole('row').filter({ hasText: name }).getByRole('link', { name: /^Open application ranked \d+$/ }).click();
    await page.getByRole('textbox', { name: /^Decision note/ }).fill('Meets every criterion; approved for the year.');
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Approve designation' }).click();
    await page.getByText('Decision recorded').first().waitFor();
    const [after] = await s.t.db.query('SELECT status FROM designation_applications WHERE id = $1', [designationId]);
    expect(after.status).toBe('approved');
    await saveScreenshot(page, 'ministry-designation-approved');

    // The programme's figures as a CSV file, downloaded with its progress shown.
    await page.getByRole('navigation', { name: 'Desk menu' }).getByRole('link', { name: 'Programme figures' }).click();
    await page.getByRole('heading', { name: /^Patients by / }).waitFor();
    const downloaded = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download as CSV' }).click();
    const file = await downloaded;
    expect(file.suggestedFilename()).toMatch(/^programme-\d{4}-\d{2}-\d{4}-\d{2}-nationality\.csv$/);
    const stream = await file.createReadStream();
    let csv = '';
    for await (const chunk of stream) csv += String(chunk);
    expect(csv.split('\r\n')[0]).toMatch(/^key,/);
    await page.context().close();
  }, 60_000);

  it('coordinator: books care from a match and sees why the other providers were left out', async () => {
    const page = await deskPage('coordinator');
    await page.getByRole('navigation', { name: 'Desk menu' }).getByRole('link', { name: 'Care matching' }).click();
    await page.getByRole('combobox', { name: /^Patient/ }).click();
    await page.getByRole('option').first().click();
    await page.getByRole('textbox', { name: /^Language/ }).fill('ru');
    // A weekday a fortnight ahead, 10:00 to 12:00 in the browser's zone (Seoul).
    const day = new Date(Date.now() + 14 * 86_400_000);
    while (day.getUTCDay() === 0 || day.getUTCDay() === 6) day.setUTCDate(day.getUTCDate() + 1);
    const date = day.toISOString().slice(0, 10);
    await page.getByLabel(/^From \(your time/).fill(`${date}T10:00`);
    await page.getByLabel(/^Until \(your time/).fill(`${date}T12:00`);
    await page.getByRole('button', { name: 'Find providers' }).click();
    await page.getByRole('heading', { name: /^\d+ candidates, best first$/ }).waitFor();
    const why = page.getByRole('heading', { name: 'Why others were left out' });
    await why.waitFor();
    await page.getByText(/do not speak the language well enough|are not available at that time|not active or not verified|are already booked then/).first().waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await saveScreenshot(page, 'coordinator-care-match');
    const before = (await s.t.db.query(`SELECT count(*)::int AS n FROM care_assignments WHERE status = 'pending'`))[0].n;
    await page.getByRole('button', { name: /^Book / }).first().click();
    await page.getByText('Booked; the provider is asked to accept').first().waitFor();
    expect((await s.t.db.query(`SELECT count(*)::int AS n FROM care_assignments WHERE status = 'pending'`))[0].n).toBe(before + 1);
    await page.context().close();
  }, 60_000);

  it('coordinator: refers a patient to another hospital from the patient\'s journey, and sees the referral listed', async () => {
    const page = await deskPage('coordinator');
    await page.getByRole('navigation', { name: 'Desk menu' }).getByRole('link', { name: 'Patients' }).click();
    await page.getByRole('link', { name: /^Journey of / }).first().click();
    await page.getByRole('heading', { name: 'Patient\'s journey' }).waitFor();
    const patientId = new URL(page.url()).pathname.split('/')[3];
    const referrals = page.getByRole('region', { name: 'Referrals' });
    await referrals.getByText('No referral yet.').waitFor();
    await referrals.getByRole('combobox', { name: /^Refer to hospital/ }).click();
    const option = page.getByRole('option').first();
    const hospital = (await option.textContent())!;
    await option.click();
    await referrals.getByRole('textbox', { name: /^Reason/ }).fill('Proton therapy is not offered here.');
    expect(await axeViolations(page)).toEqual([]);
    await referrals.getByRole('button', { name: 'Refer the patient' }).click();
    const row = referrals.getByRole('table', { name: /referrals/i }).getByRole('row').filter({ hasText: 'Proton therapy is not offered here.' });
    await row.getByText(hospital).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await saveScreenshot(page, 'coordinator-referral');
    const stored = await s.t.db.query('SELECT h.name FROM journey_referrals r JOIN hospitals h ON h.id = r.hospital_id WHERE r.patient_id = $1', [patientId]);
    expect(stored).toEqual([{ name: hospital }]);
    await page.context().close();
  }, 60_000);

  it('coordinator: books a follow-up under doctor_to_doctor, naming the patient\'s doctor at home, and finds it listed with the patient\'s name', async () => {
    const page = await deskPage('coordinator');
    const menu = page.getByRole('navigation', { name: 'Desk menu' });
    await menu.getByRole('link', { name: 'Book a follow-up' }).click();
    await page.getByRole('heading', { name: 'Book a follow-up' }).waitFor();
    await page.getByRole('combobox', { name: /^Patient/ }).click();
    await page.getByRole('option', { name: 'AIGERIM NURLANOVNA' }).click();
    await page.getByRole('combobox', { name: /^Clinician/ }).click();
    await page.getByRole('option').first().click();
    const local = page.getByRole('region', { name: 'Doctor at home' });
    await local.getByRole('textbox', { name: /^Doctor's name/ }).fill('Dr. Saule Bekova');
    await local.getByRole('textbox', { name: /^Country/ }).fill('kaz');
    await local.getByRole('textbox', { name: /^Doctor's e-mail/ }).fill('not an address');
    await page.getByRole('button', { name: /^Choose / }).first().click();
    const [{ patientId }] = await s.t.db.query(`SELECT patient_id AS "patientId" FROM users WHERE email = $1`, [login('patient')]);
    const count = async () => (await s.t.db.query(`SELECT count(*)::int AS n FROM telemedicine_appointments WHERE patient_id = $1 AND status = 'booked'`, [patientId]))[0].n;
    const before = await count();
    // The API refuses the address: its words stand beside the field, and nothing is booked.
    await page.getByRole('button', { name: 'Book this time' }).click();
    await local.locator('input[type="email"][aria-invalid="true"]').waitFor();
    expect(await local.locator('[aria-invalid="true"]').count()).toBe(1);
    expect(await count()).toBe(before);
    expect(await axeViolations(page)).toEqual([]);
    await saveScreenshot(page, 'coordinator-follow-up-booking');
    await local.getByRole('textbox', { name: /^Doctor's e-mail/ }).fill('saule.bekova@example.org');
    await page.getByRole('button', { name: 'Book this time' }).click();
    await page.getByRole('heading', { name: 'Video appointment' }).waitFor();
    expect(await count()).toBe(before + 1);
    const [booked] = await s.t.db.query(`SELECT policy, local_clinician FROM telemedicine_appointments WHERE patient_id = $1 ORDER BY created_at DESC LIMIT 1`, [patientId]);
    expect(booked).toEqual({ policy: 'doctor_to_doctor', local_clinician: { name: 'Dr. Saule Bekova', country: 'KAZ', email: 'saule.bekova@example.org' } });
    await menu.getByRole('link', { name: 'Video appointments' }).click();
    await page.getByRole('heading', { name: 'Video appointments' }).waitFor();
    // The heading shows before the list has loaded: wait for the list's rows, then count them.
    await page.getByText('Booked', { exact: true }).nth(before).waitFor();
    expect(await page.getByText('Booked', { exact: true }).count()).toBeGreaterThanOrEqual(before + 1);
    // Each card says whom the appointment is for.
    expect(await page.getByText('AIGERIM NURLANOVNA').count()).toBeGreaterThanOrEqual(before + 1);
    expect(await axeViolations(page)).toEqual([]);
    await page.context().close();
  }, 60_000);

  it('patient: the booking page asks for their doctor at home under doctor_to_doctor', async () => {
    const page = await deskPage('patient');
    await page.getByRole('navigation', { name: 'Desk menu' }).getByRole('link', { name: 'Book a follow-up' }).click();
    const local = page.getByRole('region', { name: 'Doctor at home' });
    await local.getByRole('textbox', { name: /^Doctor's name/ }).waitFor();
    await local.getByRole('textbox', { name: /^Licence number/ }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.context().close();
  }, 60_000);

  it('admin: creates a hospital coordinator, the hospital picked by name', async () => {
    const page = await deskPage('admin');
    const email = `new.coordinator.${Date.now()}@demo.medjourney.dev`;
    await page.getByRole('textbox', { name: /^Name/ }).fill('Han Ye-jin');
    await page.getByRole('textbox', { name: /^E-mail/ }).fill(email);
    // The form's role comes before the list's role filter.
    await page.getByRole('combobox', { name: /^Role/ }).first().click();
    await page.getByRole('option', { name: 'Hospital coordinator' }).click();
    await page.getByRole('combobox', { name: /^Hospital/ }).click();
    const option = page.getByRole('option').first();
    const hospital = (await option.textContent())!;
    await option.click();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Create and invite' }).click();
    await page.getByRole('status').filter({ hasText: email }).waitFor();
    const [created] = await s.t.db.query('SELECT u.role, h.name FROM users u JOIN hospitals h ON h.id = u.hospital_id WHERE u.email = $1', [email]);
    expect(created).toEqual({ role: 'hospital_coordinator', name: hospital });
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
