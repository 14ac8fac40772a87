import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { aPatientApplication, aPerson, aSponsor, axeViolations, saveScreenshot, signIn, startConsoleSystem, TEST_PASSWORD, TINY_PDF, type ConsoleSystem } from '@medjourney/testing';
import { consolePath } from '@medjourney/console-routes';
import { readFileSync } from 'node:fs';
import { PDFParse } from 'pdf-parse';
// pdf.js's worker, registered before use (see visa-documents-and-visas.e2e-spec.ts).
import 'pdfjs-dist/legacy/build/pdf.worker.mjs';
import type { Page } from 'playwright-core';

/** Picks an option of a labelled select, as a person does: open it, click the option. */
async function choose(page: Page, label: string | RegExp, option: string | RegExp) {
  const select = page.getByRole('combobox', { name: label });
  // A select offers its suggestion already chosen; clicking that option again would clear it.
  if (typeof option === 'string' && (await select.inputValue()) === option) return;
  await select.click();
  await page.getByRole('option', { name: option }).click();
}

async function pdfText(pdf: Buffer): Promise<string> {
  const parser = new PDFParse({ data: new Uint8Array(pdf) });
  try {
    return (await parser.getText()).text;
  } finally {
    await parser.destroy();
  }
}

/**
 * An application's way through the console, each step by the person whose job it is: the
 * officer takes the most urgent application of the queue, starts the review and asks for a
 * document; the coordinator uploads it and resubmits; the officer decides per person; the
 * patient hears of it in the bell and downloads the grant notice.
 */
describe('a visa application reviewed in the console', () => {
  let s: ConsoleSystem;
  let officer: { email: string; token: string };
  let coordinatorEmail: string;
  let patient: { email: string; password: string };
  let urgent: Awaited<ReturnType<typeof aPatientApplication>>;
  let later: Awaited<ReturnType<typeof aPatientApplication>>;

  beforeAll(async () => {
    s = await startConsoleSystem();
    const admin = (await s.t.user('admin')).token;
    const sponsor = await aSponsor(s.t, admin, true);
    coordinatorEmail = (await s.t.db.query('SELECT email FROM users WHERE id = $1', [sponsor.coordinatorId]))[0].email;
    officer = await s.t.user('officer');
    // The only officer: the worker assigns every submission to them.
    const tokens = { coordinator: sponsor.coordinator, officer: officer.token };
    urgent = await aPatientApplication(s.t, tokens, { approve: false, companions: [aPerson({ surname: 'NURLANOV', givenNames: 'BERIK', sex: 'M' })] });
    later = await aPatientApplication(s.t, tokens, { approve: false });
    const [row] = await s.t.db.query(`SELECT email FROM users WHERE patient_id = $1`, [urgent.patientId]);
    patient = { email: row.email, password: 'the patient chose this password' };
  }, 180_000);
  afterAll(() => s?.close());

  it('officer: the queue, most urgent first; start review; request a document', async () => {
    const page = await (await s.context()).newPage();
    await signIn(page, officer.email, TEST_PASSWORD);
    const queue = page.getByRole('table', { name: /most urgent first/i });
    await queue.getByRole('link', { name: later.application.reference }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await saveScreenshot(page, 'officer-queue');
    const first = queue.getByRole('row').nth(1).getByRole('link');
    expect(await first.textContent()).toBe(urgent.application.reference);
    await first.click();

    await page.getByRole('heading', { name: `Application ${urgent.application.reference}` }).waitFor();
    await page.getByRole('button', { name: 'Start review' }).click();
    await page.getByRole('button', { name: 'Request documents' }).click();
    const dialog = page.getByRole('dialog', { name: 'Request documents' });
    await dialog.getByRole('textbox', { name: /^reason/i }).fill('The diagnosis letter is illegible.');
    await choose(page, /^document for item 1/i, 'Diagnosis');
    expect(await axeViolations(page)).toEqual([]);
    await saveScreenshot(page, 'officer-supplement-dialog');
    await dialog.getByRole('button', { name: 'Send the request' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('alert').filter({ hasText: 'The diagnosis letter is illegible.' }).or(page.getByText('Reason: The diagnosis letter is illegible.')).first().waitFor();
    await saveScreenshot(page, 'officer-supplement-requested');
    await page.context().close();
  }, 60_000);

  it('coordinator: uploads the requested document and resubmits', async () => {
    const page = await (await s.context()).newPage();
    await signIn(page, coordinatorEmail, TEST_PASSWORD);
    await page.goto(consolePath({ page: 'application', id: urgent.application.id }, 'hospital_coordinator'));
    await page.getByRole('heading', { name: `Application ${urgent.application.reference}` }).waitFor();
    const name = 'AIGERIM NURLANOVA';
    await choose(page, `Document type for ${name}`, 'Diagnosis');
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: new RegExp(`^File for ${name}`) }).click();
    await (await chooser).setFiles({ name: 'diagnosis.pdf', mimeType: 'application/pdf', buffer: TINY_PDF });
    await page.getByRole('button', { name: `Upload for ${name}` }).click();
    await page.getByRole('button', { name: 'Resubmit with the documents' }).click();
    await page.getByText('In review').first().waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await saveScreenshot(page, 'coordinator-resubmitted');
    await page.context().close();
  }, 60_000);

  it('officer: decides per person, approving the patient and refusing the companion with a reason', async () => {
    const page = await (await s.context()).newPage();
    await signIn(page, officer.email, TEST_PASSWORD);
    await page.goto(consolePath({ page: 'application', id: urgent.application.id }, 'officer'));
    await page.getByRole('button', { name: 'Decide' }).click();
    const dialog = page.getByRole('dialog', { name: 'Decide' });
    await choose(page, /^Decision for AIGERIM NURLANOVA/, 'Approved');
    await choose(page, /^Decision for BERIK NURLANOV/, 'Rejected');
    await choose(page, /^Reason code for BERIK NURLANOV/, 'Purpose not established');
    expect(await axeViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Record the decision' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByText('Purpose not established').waitFor();
    await saveScreenshot(page, 'officer-decided');
    await page.context().close();
  }, 60_000);

  it('patient: the decision in the bell, its link to the application, the grant notice downloaded', async () => {
    const page = await (await s.context()).newPage();
    await signIn(page, patient.email, patient.password);
    const bell = page.getByRole('button', { name: /^Notifications, [1-9]\d* unread$/ });
    await bell.waitFor({ timeout: 30_000 });
    await bell.click();
    const notice = page.getByRole('button', { name: new RegExp(`Decision on visa application ${urgent.application.reference}`) });
    expect(await axeViolations(page)).toEqual([]);
    await saveScreenshot(page, 'patient-bell');
    await notice.click();
    await page.getByRole('heading', { name: `Application ${urgent.application.reference}` }).waitFor();
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download the grant notice for AIGERIM NURLANOVA' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/\.pdf$/);
    const pdf = readFileSync(await file.path());
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(await pdfText(pdf)).toContain('NURLANOVA AIGERIM');
    await saveScreenshot(page, 'patient-application-approved');
    await page.context().close();
  }, 90_000);
});
