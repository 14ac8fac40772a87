import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { axeViolations, linkTokenMailedTo, saveScreenshot, signIn, startConsoleSystem, type ConsoleSystem } from '@medjourney/testing';

/**
 * The signed-out pages: a newcomer registers, follows the link mailed to them and signs in to
 * their desk; someone who forgot their password resets it from the mailed link.
 */
describe('the console\'s signed-out pages', () => {
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

  it('a forgotten password: the link from sign-in, the mailed link, a new password, signed in with it', async () => {
    const officer = await s.t.user('officer');
    const password = 'the officer\'s new password';
    const context = await s.context();
    const page = await context.newPage();
    await page.goto('/');
    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    await page.getByRole('heading', { name: 'Reset your password' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('textbox', { name: /e-?mail/i }).fill(officer.email);
    await page.getByRole('button', { name: 'Send the link' }).click();
    await page.getByText('Check your e-mail').waitFor();

    // Opening the mailed link spends nothing; saving the new password does.
    const token = await linkTokenMailedTo(s.t, officer.email, 'reset-password');
    await page.goto(`/reset-password?token=${encodeURIComponent(token)}`);
    await page.getByRole('heading', { name: 'Choose a new password' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('textbox', { name: /^new password/i }).fill('too short');
    await page.getByRole('button', { name: 'Save the new password' }).click();
    // The API's refusal beside the field, in words; the link is not spent by it.
    await page.getByText(/password must be longer than or equal to 12 characters/i).waitFor();
    await page.getByRole('textbox', { name: /^new password/i }).fill(password);
    await page.getByRole('button', { name: 'Save the new password' }).click();
    await page.getByText('Your password is changed').waitFor();
    await saveScreenshot(page, 'password-reset');

    await signIn(page, officer.email, password);
    await page.getByRole('navigation', { name: 'Desk menu' }).waitFor();
    await context.close();
  }, 90_000);
});
