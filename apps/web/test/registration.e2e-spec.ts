import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { axeViolations, linkTokenMailedTo, saveScreenshot, signIn, startConsoleSystem, type ConsoleSystem } from '@medjourney/testing';

/** A newcomer registers in the console, follows the link mailed to them and signs in to their desk. */
describe('a patient registers in the console', () => {
  let s: ConsoleSystem;
  beforeAll(async () => (s = await startConsoleSystem()), 240_000);
  afterAll(() => s?.close());

  it('registers, confirms the e-mail from the mailed link and lands on the patient desk', async () => {
    const email = `aliya.${Date.now()}@example.kz`;
    const password = 'a long patient password';
    const context = await s.context({ width: 390, height: 844 });
    const page = await context.newPage();
    await page.goto('/');
    await page.getByRole('link', { name: /create an account/i }).click();
    await page.getByRole('heading', { name: 'Create your patient account' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('textbox', { name: /full name/i }).fill('Aliya Nurova');
    await page.getByRole('textbox', { name: /e-?mail/i }).fill(email);
    await page.getByRole('textbox', { name: /^new password/i }).fill(password);
    await page.getByRole('button', { name: 'Create the account' }).click();
    await page.getByText('Check your e-mail').waitFor();

    // The link the e-mail carries; opening it spends nothing until the button is pressed.
    const token = await linkTokenMailedTo(s.t, email, 'verify-email');
    await page.goto(`/verify-email?token=${encodeURIComponent(token)}`);
    await page.getByRole('heading', { name: 'Confirm your e-mail' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Confirm my e-mail' }).click();
    await page.getByText('Your e-mail is confirmed').waitFor();
    await saveScreenshot(page, 'patient-registered');

    // The link again: single use, the refusal in words.
    await page.goto(`/verify-email?token=${encodeURIComponent(token)}`);
    await page.getByRole('button', { name: 'Confirm my e-mail' }).click();
    await page.getByRole('alert').waitFor();

    await signIn(page, email, password);
    await page.getByRole('heading', { name: 'My journey' }).waitFor();
    await context.close();
  }, 90_000);
});
