import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';

/** The console's catalogues (apps/web/src/i18n/locales): every language has English's keys, with the same placeholders. */
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
const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
const load = (file: string) => flatten(JSON.parse(readFileSync(`${DIR}/${file}`, 'utf8')) as Catalogue);

describe('the console catalogues', () => {
  const english = load('en.json');
  const others = readdirSync(DIR).filter((f) => f.endsWith('.json') && f !== 'en.json');

  it('include Korean for the staff desks', () => {
    expect(others).toContain('ko.json');
  });

  it.each(others)('%s has every English key and no other, each with the same placeholders', (file) => {
    const other = load(file);
    expect([...english.keys()].filter((k) => !other.has(k))).toEqual([]);
    expect([...other.keys()].filter((k) => !english.has(k))).toEqual([]);
    expect([...english].filter(([k, v]) => placeholders(v).join() !== placeholders(other.get(k) ?? '').join()).map(([k]) => k)).toEqual([]);
  });

  it.each(others)('%s is translated, not a copy of English', (file) => {
    const other = load(file);
    const same = [...english].filter(([k, v]) => other.get(k) === v && /[a-z]{4}/.test(v)).map(([k]) => k);
    expect(same.length).toBeLessThan(english.size / 20);
  });
});
