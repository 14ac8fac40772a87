// `node scripts/i18n-icu.js`: rewrites i18next's `{{name}}` interpolations in the console's
// catalogues (apps/web/src/i18n/locales/*.json) as ICU arguments `{name}`. The catalogues are ICU
// message format (i18next-icu); a key written the old way would not parse, and the catalogue test
// (apps/web/src/i18n/catalogues.spec.ts) says so. Idempotent: run it after merging new keys.
import { readdir, readFile, writeFile } from 'node:fs/promises';

const dir = new URL('../apps/web/src/i18n/locales/', import.meta.url);
const convert = (v) => (typeof v === 'string'
  ? v.replace(/\{\{\s*(\w+)\s*\}\}/g, '{$1}')
  : Object.fromEntries(Object.entries(v).map(([k, x]) => [k, convert(x)])));

for (const file of (await readdir(dir)).filter((f) => f.endsWith('.json'))) {
  const before = await readFile(new URL(file, dir), 'utf8');
  const after = `${JSON.stringify(convert(JSON.parse(before)), null, 1)}\n`;
  if (after !== before) await writeFile(new URL(file, dir), after);
}
