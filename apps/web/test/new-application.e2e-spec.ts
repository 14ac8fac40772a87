import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { aSponsor, axeViolations, saveScreenshot, signIn, startConsoleSystem, TEST_PASSWORD, TINY_PDF, type ConsoleSystem } from '@medjourney/testing';
import type { Locator, Page } from 'playwright-core';

/** ICAO 9303 check digit: weights 7, 3, 1; digits as themselves, A–Z as 10–35, `<` as 0. */
function check(field: string): string {
  const value = (c: string) => (c === '<' ? 0 : /\d/.test(c) ? Number(c) : c.charCodeAt(0) - 55);
  return String([...field].reduce((sum, c, i) => sum + value(c) * [7, 3, 1][i % 3], 0) % 10);
}

/** The two lines of a passport's machine-readable zone (TD3), as printed at the foot of its photo page. */
function mrz(p: { surname: string; givenNames: string; number: string; nationality: string; born: string; sex: 'M' | 'F'; expires: string }): string {
  const line1 = `P<${p.nationality}${p.surname}<<${p.givenNames.replace(/ /g, '<')}`.padEnd(44, '<');
  const number = p.number.padEnd(9, '<');
  const personal = '<'.repeat(14);
  const composite = `${number}${check(number)}${p.born}${check(p.born)}${p.expires}${check(p.expires)}${personal}0`;
  const line2 = `${number}${check(number)}${p.nationality}${p.born}${check(p.born)}${p.sex}${p.expires}${check(p.expires)}${personal}0${check(composite)}`;
  return `${line1}\n${line2}`;
}

const PERSONS = [
  { surname: 'BEKOVA', givenNames: 'ZARINA', number: 'N71000011', nationality: 'KAZ', born: '800512', sex: 'F' as const, expires: '320101' },
  { surname: 'BEKOV', givenNames: 'ARMAN', number: 'N71000022', nationality: 'KAZ', born: '790203', sex: 'M' as const, expires: '320101' },
  { surname: 'BEKOVA', givenNames: 'DANA', number: 'N71000033', nationality: 'KAZ', born: '830911', sex: 'F' as const, expires: '320101' },
];

/** Picks an option of a labelled select inside `within` (the options open in a layer of the page). */
async function choose(page: Page, label: string | RegExp, option: string | RegExp, within: Page | Locator = page) {
  const select = within.getByRole('combobox', { name: label });
  // A select offers its suggestion already chosen; clicking that option again would clear it.
  if (typeof option === 'string' && (await select.inputValue()) === option) return;
  await select.click();
  await page.getByRole('option', { name: option, exact: typeof option === 'string' }).click();
}

/** The coordinator files an application for a patient and two companions from their passports' MRZ, uploads each person's documents and submits. */
describe('a coordinator files an application in the console', () => {
  let s: ConsoleSystem;
  let coordinatorEmail: string;
  let coordinatorToken: string;

  beforeAll(async () => {
    s = await startConsoleSystem();
    const sponsor = await aSponsor(s.t, (await s.t.user('admin')).token, true);
    coordinatorEmail = (await s.t.db.query('SELECT email FROM users WHERE id = $1', [sponsor.coordinatorId]))[0].email;
    coordinatorToken = sponsor.coordinator;
  }, 180_000);
  afterAll(() => s?.close());

  it('with two companions from pasted MRZ lines, each person\'s documents uploaded, submitted', async () => {
    const page = await (await s.context()).newPage();
    await signIn(page, coordinatorEmail, TEST_PASSWORD);
    await page.getByRole('navigation', { name: 'Desk menu' }).getByRole('link', { name: 'New application' }).click();
    await page.getByRole('heading', { name: 'New visa application' }).waitFor();

    await page.getByLabel(/^Stay from/).fill('2027-03-01');
    await page.getByLabel(/^Stay until/).fill('2027-03-25');
    await choose(page, /^Specialty/, 'Oncology');
    await page.getByRole('textbox', { name: /^Treatment summary/ }).fill('Proton therapy, eight sessions');
    await page.getByLabel(/^Treatment starts/).fill('2027-03-02');
    await page.getByLabel(/^Treatment ends/).fill('2027-03-20');

    await page.getByRole('button', { name: 'Add a companion' }).click();
    await page.getByRole('button', { name: 'Add a companion' }).click();
    const groups = ['The patient', 'Companion 1', 'Companion 2'];
    for (const [i, title] of groups.entries()) {
      const person = page.getByRole('group', { name: title });
      await person.getByRole('textbox', { name: /^Passport MRZ/ }).fill(mrz(PERSONS[i]));
      await person.getByText('The fields were filled from the MRZ; check them.').waitFor();
      expect(await person.getByRole('textbox', { name: /^Surname/ }).inputValue()).toBe(PERSONS[i].surname);
      expect(await person.getByRole('textbox', { name: /^Passport number/ }).inputValue()).toBe(PERSONS[i].number);
    }
    await page.getByRole('group', { name: 'The patient' }).getByRole('textbox', { name: /e-mail/ }).fill('zarina.bekova@example.kz');
    await choose(page, /^Relationship to the patient/, 'Spouse', page.getByRole('group', { name: 'Companion 1' }));
    await choose(page, /^Relationship to the patient/, 'Sibling', page.getByRole('group', { name: 'Companion 2' }));
    expect(await axeViolations(page)).toEqual([]);
    await saveScreenshot(page, 'coordinator-new-application');
    await page.getByRole('button', { name: 'Save the draft' }).click();

    const heading = page.getByRole('heading', { name: /^Application MV-/ });
    await heading.waitFor();
    const reference = (await heading.textContent())!.replace('Application ', '');
    const needed: Record<string, string[]> = {
      'ZARINA BEKOVA': ['Passport copy', 'Medical confirmation', 'Diagnosis'],
      'ARMAN BEKOV': ['Passport copy', 'Proof of relationship'],
      'DANA BEKOVA': ['Passport copy', 'Proof of relationship'],
    };
    let uploaded = 0;
    for (const [name, types] of Object.entries(needed)) {
      for (const type of types) {
        await choose(page, new RegExp(`^Document type for ${name}`), type);
        const chooser = page.waitForEvent('filechooser');
        await page.getByRole('button', { name: new RegExp(`^File for ${name}`) }).click();
        await (await chooser).setFiles({ name: `${type.toLowerCase().replace(/ /g, '-')}.pdf`, mimeType: 'application/pdf', buffer: TINY_PDF });
        await page.getByRole('button', { name: `Upload for ${name}` }).click();
        // Each stored document gets its download button.
        await page.getByRole('button', { name: /^Download / }).nth(uploaded++).waitFor();
      }
    }
    await page.getByRole('button', { name: 'Submit to immigration' }).click();
    await page.getByText('Submitted').first().waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await saveScreenshot(page, 'coordinator-application-submitted');

    const as = { Authorization: `Bearer ${coordinatorToken}` };
    const [listed] = (await s.t.http.get(`/api/v1/visa-applications?q=${reference}`).set(as).expect(200)).body.items;
    const application = (await s.t.http.get(`/api/v1/visa-applications/${listed.id}`).set(as).expect(200)).body;
    expect(application.status).toBe('submitted');
    expect(application.persons.map((p: { surname: string; givenNames: string; role: string; relationship: string | null; nationality: string }) => [p.surname, p.givenNames, p.role, p.relationship, p.nationality])).toEqual([
      ['BEKOVA', 'ZARINA', 'patient', null, 'KAZ'],
      ['BEKOV', 'ARMAN', 'companion', 'spouse', 'KAZ'],
      ['BEKOVA', 'DANA', 'companion', 'sibling', 'KAZ'],
    ]);
    const documents = (await s.t.http.get(`/api/v1/visa-applications/${listed.id}/documents`).set(as).expect(200)).body;
    expect(documents).toHaveLength(7);
    await page.context().close();
  }, 120_000);
});
