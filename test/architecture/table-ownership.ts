import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** A library's SQL that names a table another library creates: `file: table (owned by lib)`. */
export type TableViolation = `${string}: ${string} (owned by ${string})`;

const isTest = (f: string) => /\.(spec|int-spec|e2e-spec)\.ts$/.test(f);

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) return f === 'node_modules' ? [] : sources(p);
    return f.endsWith('.ts') && !isTest(f) ? [p] : [];
  });
}

/**
 * Which library's non-test source names, in FROM / JOIN / UPDATE / INSERT INTO / DELETE FROM /
 * TRUNCATE, a table that another library's CREATE TABLE makes? The apps host modules and name
 * no table at all. libs/testing (test data) is not looked at. Paths are relative to `root`.
 */
export function tableViolations(root: string): TableViolation[] {
  const dirs = (d: string) => readdirSync(join(root, d)).filter((x) => statSync(join(root, d, x)).isDirectory());
  const libs = dirs('libs').filter((l) => l !== 'testing');
  const files: Record<string, string[]> = Object.fromEntries(libs.map((l) => [l, sources(join(root, 'libs', l))]));
  const owner = new Map<string, string>();
  for (const l of libs) {
    for (const f of files[l]) for (const m of readFileSync(f, 'utf8').matchAll(/CREATE TABLE\s+(?:IF NOT EXISTS\s+)?"?(\w+)"?/gi)) owner.set(m[1].toLowerCase(), l);
  }
  files.apps = dirs('apps').flatMap((a) => (statSync(join(root, 'apps', a, 'src'), { throwIfNoEntry: false })?.isDirectory() ? sources(join(root, 'apps', a, 'src')) : []));
  const found = new Set<TableViolation>();
  for (const [lib, list] of Object.entries(files)) {
    for (const f of list) {
      if (/[/\\]migrations[/\\]/.test(f)) continue;
      for (const m of readFileSync(f, 'utf8').matchAll(/\b(?:FROM|JOIN|UPDATE|INSERT\s+INTO|DELETE\s+FROM|TRUNCATE)\s+"?(\w+)"?/gi)) {
        const o = owner.get(m[1].toLowerCase());
        if (o && o !== lib) found.add(`${relative(root, f)}: ${m[1].toLowerCase()} (owned by ${o})`);
      }
    }
  }
  return [...found].sort();
}
