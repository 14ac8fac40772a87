// Which catalogue keys the console pages of some roles can show, read from apps/web/src (for web-catalogues.spec.ts).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const SRC = 'apps/web/src';
type Catalogue = { [key: string]: string | Catalogue };
function leaves(c: Catalogue, prefix = ''): string[] {
  return Object.entries(c).flatMap(([k, v]) => (typeof v === 'string' ? [prefix + k] : leaves(v, `${prefix}${k}.`)));
}

function resolve(from: string, spec: string): string | null {
  const base = join(dirname(from), spec);
  for (const f of [`${base}.tsx`, `${base}.ts`, join(base, 'index.ts')]) if (existsSync(f)) return f;
  return null;
}
const importsOf = (file: string, text: string) => [...text.matchAll(/from '(\.[^']+)'/g)].map((m) => resolve(file, m[1])).filter((f): f is string => !!f);

/** The components App.tsx routes to for `role` (or, with null, when nobody is signed in), and the Shell. */
function entries(role: string): string[] {
  const app = join(SRC, 'app/App.tsx');
  const text = readFileSync(app, 'utf8');
  const block = role === 'public'
    ? text.slice(text.indexOf('if (!session)'), text.indexOf('const home'))
    : text.slice(text.indexOf(`<Desk role="${role}" />`), text.indexOf('</Route>', text.indexOf(`<Desk role="${role}" />`)));
  const components = new Set([...block.matchAll(/element=\{<(\w+)/g)].map((m) => m[1]));
  // Eager pages are imported; lazy ones declared as `const Page = page(() => import('…'), 'Page')`.
  const eager = [...text.matchAll(/import \{ ([^}]+) \} from '(\.[^']+)'/g)].map((m) => ({ names: m[1].split(',').map((c) => c.trim()), spec: m[2] }));
  const lazy = [...text.matchAll(/const (\w+) = \w+\(\(\) => import\('(\.[^']+)'\)/g)].map((m) => ({ names: [m[1]], spec: m[2] }));
  const files = [...eager, ...lazy]
    .filter((m) => m.names.some((c) => components.has(c)))
    .map((m) => resolve(app, m.spec)!);
  return role === 'public' ? files : [...files, join(SRC, 'app/Shell.tsx')];
}

/** Every catalogue key the pages of these roles can show, read from their modules and what they import. */
export function keysUsedBy(roles: string[], english: Catalogue): Set<string> {
  const all = leaves(english);
  const used = new Set<string>();
  const seen = new Set<string>();
  const queue = roles.flatMap(entries);
  while (queue.length) {
    const file = queue.pop()!;
    if (seen.has(file) || file.includes('/api/') || file.includes('/i18n/')) continue;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    queue.push(...importsOf(file, text));
    const literals = new Set([...text.matchAll(/'([\w.-]+)'|"([\w.-]+)"/g)].map((m) => m[1] ?? m[2]));
    for (const l of literals) if (all.includes(l)) used.add(l);
    for (const m of text.matchAll(/`([\w.]*)\$\{[^}]+\}([\w.]*)`/g)) {
      const [prefix, suffix] = [m[1], m[2]];
      if (prefix) for (const k of all) { if (k.startsWith(prefix) && k.endsWith(suffix)) used.add(k); }
      else if (suffix) for (const l of literals) if (all.includes(l + suffix)) used.add(l + suffix);
    }
  }
  return used;
}
