import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { IntlMessageFormat } from 'intl-messageformat';
import { keysUsedBy } from './web-catalogue-keys.js';

/**
 * The console's catalogues (apps/web/src/i18n/locales) are ICU messages (i18next-icu): each parses,
 * and names the same arguments as English's. Korean, the staff desks' other language, has every key;
 * the patients' languages (spec/web.md "Languages") every key the patient's and the care provider's
 * pages and the sign-in pages can show, English standing in only for texts of staff desks.
 */
const PATIENT_LANGUAGES = ['ja', 'zh-Hans', 'zh-Hant', 'ru', 'mn', 'kk', 'vi', 'th', 'ar'];
const DIR = 'apps/web/src/i18n/locales';
type Catalogue = { [key: string]: string | Catalogue };

function flatten(c: Catalogue, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(c)) {
    if (typeof v === 'string') out.set(prefix + k, v);
    else for (const [kk, vv] of flatten(v, `${prefix}${k}.`)) out.set(kk, vv);
  }
  return out;
}
const load = (file: string) => flatten(JSON.parse(readFileSync(`${DIR}/${file}`, 'utf8')) as Catalogue);

/** An ICU message's element tree: arguments (1-6) have a `value` name, plural and select `options`, tags `children`. */
interface Element { type: number; value?: string; options?: Record<string, { value: Element[] }>; children?: Element[] }
function argumentNames(elements: Element[], into = new Set<string>()): Set<string> {
  for (const e of elements) {
    if (e.type >= 1 && e.type <= 6 && e.value) into.add(e.value);
    for (const o of Object.values(e.options ?? {})) argumentNames(o.value, into);
    if (e.children) argumentNames(e.children, into);
  }
  return into;
}
/** The sorted argument names of a message, or an error's text when it does not parse as ICU. */
function icuArguments(message: string, locale: string): string {
  try {
    return [...argumentNames(new IntlMessageFormat(message, locale).getAst() as Element[])].sort().join();
  } catch (error) {
    return `does not parse: ${(error as Error).message}`;
  }
}

describe('the console catalogues', () => {
  const english = load('en.json');
  const files = readdirSync(DIR).filter((f) => f.endsWith('.json'));
  const others = files.filter((f) => f !== 'en.json');

  it('include Korean for the staff desks', () => {
    expect(others).toContain('ko.json');
  });

  it.each(files)('%s parses as ICU, each message naming the arguments English names', (file) => {
    const catalogue = load(file);
    const locale = file.replace(/\.json$/, '');
    const wrong = [...catalogue].filter(([k, v]) => icuArguments(v, locale) !== icuArguments(english.get(k) ?? '', 'en')).map(([k, v]) => `${k}: ${v}`);
    expect(wrong).toEqual([]);
    expect([...catalogue.keys()].filter((k) => !english.has(k))).toEqual([]);
  });

  it('ko.json has every English key', () => {
    const korean = load('ko.json');
    expect([...english.keys()].filter((k) => !korean.has(k))).toEqual([]);
  });

  it('the patients\' pages show a few hundred keys, the menus, the bell and the journey among them', () => {
    const used = keysUsedBy(['public', 'patient', 'care_provider'], JSON.parse(readFileSync(`${DIR}/en.json`, 'utf8')) as Catalogue);
    expect(used.size).toBeGreaterThan(300);
    for (const key of ['signIn.title', 'shell.language', 'bell.title', 'menu.journey', 'journey.stages.in_korea', 'careDesk.offers', 'time.zoneNote', 'problems.failed']) expect(used).toContain(key);
    expect(used).not.toContain('yearlyReport.title');
  });

  it.each(PATIENT_LANGUAGES)('%s has every key the patient\'s and the care provider\'s pages use', (code) => {
    expect(files).toContain(`${code}.json`);
    const catalogue = load(`${code}.json`);
    const used = keysUsedBy(['public', 'patient', 'care_provider'], JSON.parse(readFileSync(`${DIR}/en.json`, 'utf8')) as Catalogue);
    expect([...used].filter((k) => !catalogue.has(k))).toEqual([]);
  });

  it.each(others)('%s is translated, not a copy of English', (file) => {
    const other = load(file);
    const same = [...english].filter(([k, v]) => other.get(k) === v && /[a-z]{4}/.test(v)).map(([k]) => k);
    expect(same.length).toBeLessThan(english.size / 20);
  });
});
