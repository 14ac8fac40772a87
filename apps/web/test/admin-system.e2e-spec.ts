import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { axeViolations, linkTokenMailedTo, saveScreenshot, signIn, startConsoleSystem, TEST_PASSWORD, type ConsoleSystem } from '@medjourney/testing';

/**
 * The admin's System page opens Bull Board in a new tab from a plain link: the page sets the
 * dashboard's cookie first, since a followed link carries no bearer header.
 */
describe('admin: staff accounts and the queue dashboard', () => {
  let s: ConsoleSystem;
  beforeAll(async () => {
    s = await startConsoleSystem();
  }, 180_000);
  afterAll(() => s?.close());

  it('opens Bull Board with every queue in a new tab', async () => {
    const admin = await s.t.user('admin');
    const page = await (await s.context()).newPage();
    await signIn(page, admin.email, TEST_PASSWORD);
    await page.getByRole('navigation', { name: 'Desk menu' }).getByRole('link', { name: 'System' }).click();
    const link = page.getByRole('link', { name: 'Queue dashboard' });
    await link.waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await saveScreenshot(page, 'admin-system');

    const [dashboard] = await Promise.all([page.context().waitForEvent('page'), link.click()]);
    const answer = await dashboard.waitForResponse((r) => r.url().endsWith('/admin/queues/api/queues') || r.url().includes('/admin/queues/api/queues?'));
    expect(answer.status()).toBe(200);
    await dashboard.getByRole('link', { name: 'maintenance' }).first().click();
    await dashboard.getByText(/waiting/i).first().waitFor();
    await saveScreenshot(dashboard, 'admin-queue-dashboard');
    await page.context().close();
  }, 90_000);

  it('invites an officer, who sets a password from the mailed link and lands on the work queue', async () => {
    const admin = await s.t.user('admin');
    const page = await (await s.context()).newPage();
    await signIn(page, admin.email, TEST_PASSWORD);
    const email = `new.officer.${Date.now()}@test.medjourney.dev`;
    // The staff account form (the list above it has a role filter of its own).
    const form = page.locator('form');
    await form.getByRole('textbox', { name: /^Name/ }).fill('Yoon Seo-yeon');
    await form.getByRole('textbox', { name: /^E-mail/ }).fill(email);
    await form.getByRole('combobox', { name: /^Role/ }).click();
    await page.getByRole('option', { name: 'Immigration officer', exact: true }).click();
    await form.getByRole('button', { name: 'Create and invite' }).click();
    await page.getByText(`An invitation was e-mailed to ${email}.`).waitFor();
    await page.context().close();

    const invited = await (await s.context()).newPage();
    const token = await linkTokenMailedTo(s.t, email, 'accept-invite');
    await invited.goto(`/accept-invite?token=${encodeURIComponent(token)}`);
    await invited.getByRole('heading', { name: 'Set your password' }).waitFor();
    expect(await axeViolations(invited)).toEqual([]);
    await invited.getByLabel(/^New password/).fill('a password of the officer');
    await invited.getByRole('button', { name: 'Set the password' }).click();
    await invited.getByText('Your password is set').waitFor();
    await saveScreenshot(invited, 'accept-invite-done');
    await signIn(invited, email, 'a password of the officer');
    await invited.getByRole('heading', { name: 'Work queue', level: 2 }).waitFor();
    await invited.context().close();
  }, 90_000);
});
