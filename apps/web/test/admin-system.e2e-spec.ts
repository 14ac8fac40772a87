import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { axeViolations, saveScreenshot, signIn, startConsoleSystem, TEST_PASSWORD, type ConsoleSystem } from '@medjourney/testing';

/**
 * The admin's System page opens Bull Board in a new tab from a plain link: the page sets the
 * dashboard's cookie first, since a followed link carries no bearer header.
 */
describe('admin: the queue dashboard from the System page', () => {
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
    await dashboard.getByRole('link', { name: 'maintenance' }).click();
    await dashboard.getByText(/waiting/i).first().waitFor();
    await saveScreenshot(dashboard, 'admin-queue-dashboard');
    await page.context().close();
  }, 90_000);
});
