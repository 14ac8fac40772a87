// `node bench/profile-summary.js <file.cpuprofile> [marker] [rows]`: where a V8 CPU profile's busy
// time went, by package and by function, counting only the samples between the first and the last
// whose stack holds the function `marker` (default `uploadMany`, so the submit load and not the
// start-up). A Node internal (`node:...`) is charged to the nearest package above it, so that a
// socket write shows as `node:... < pg`. Take the profile at low concurrency
// (`BENCH_SUBMIT_CONNECTIONS=2 BENCH_CPU_PROF=<dir>`): on saturated cores V8 charges the time a
// process waited for a core to the function it was in, mostly a socket write.
import { readFileSync } from 'node:fs';

const [file, marker = 'uploadMany', rows = '30'] = process.argv.slice(2);
if (!file) throw new Error('usage: node bench/profile-summary.js <file.cpuprofile> [marker] [rows]');
const profile = JSON.parse(readFileSync(file, 'utf8'));
const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
const parentOf = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parentOf.set(c, n.id);

/** A package under node_modules, one of our libraries (`ours:visas`), a Node internal, or null. */
function ownerOf(url) {
  if (!url) return null;
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1];
  const ours = /dist\/apps\/[^/]+\/(?:libs|apps)\/([^/]+)\//.exec(url);
  if (ours) return `ours:${ours[1]}`;
  return url.startsWith('node:') ? url : null;
}

const memo = new Map();
function chargedTo(id) {
  if (memo.has(id)) return memo.get(id);
  const { callFrame } = nodes.get(id);
  let owner = ownerOf(callFrame.url);
  if (!owner || owner.startsWith('node:')) {
    const above = parentOf.has(id) ? chargedTo(parentOf.get(id)) : null;
    const pkg = above && !above.startsWith('(') ? above.replace(/^.* < /, '') : null;
    owner = owner ? (pkg && !pkg.startsWith('node:') ? `${owner} < ${pkg}` : owner) : pkg ?? (callFrame.functionName.startsWith('(') ? callFrame.functionName : `(${callFrame.functionName || 'root'})`);
  }
  memo.set(id, owner);
  return owner;
}

const underMarker = new Map();
function holdsMarker(id) {
  if (!underMarker.has(id)) underMarker.set(id, nodes.get(id).callFrame.functionName === marker || (parentOf.has(id) && holdsMarker(parentOf.get(id))));
  return underMarker.get(id);
}

let t = profile.startTime;
const times = profile.timeDeltas.map((d) => (t += d));
let first = Infinity;
let last = -Infinity;
profile.samples.forEach((id, i) => {
  if (holdsMarker(id)) [first, last] = [Math.min(first, times[i]), Math.max(last, times[i])];
});
if (first === Infinity) throw new Error(`no sample holds ${marker}: is this the API's profile?`);

const byOwner = new Map();
const byFunction = new Map();
let busy = 0;
let idle = 0;
profile.samples.forEach((id, i) => {
  if (times[i] < first || times[i] > last) return;
  const dt = profile.timeDeltas[i + 1] ?? 0;
  const { callFrame } = nodes.get(id);
  if (callFrame.functionName === '(idle)') return void (idle += dt);
  busy += dt;
  const owner = chargedTo(id);
  byOwner.set(owner, (byOwner.get(owner) ?? 0) + dt);
  const fn = `${callFrame.functionName || '(anonymous)'} ${ownerOf(callFrame.url) ?? ''}:${callFrame.lineNumber + 1}`;
  byFunction.set(fn, (byFunction.get(fn) ?? 0) + dt);
});

const out = [`${file}: ${((last - first) / 1e6).toFixed(1)} s between the first and last sample under ${marker}; busy ${(busy / 1e6).toFixed(2)} s, idle ${(idle / 1e6).toFixed(2)} s`];
for (const [title, table] of [['self time by package (Node internals under the package that called them)', byOwner], ['self time by function', byFunction]]) {
  out.push('', `share of busy  ms  ${title}`);
  for (const [k, v] of [...table].sort((a, b) => b[1] - a[1]).slice(0, Number(rows))) out.push(`${((100 * v) / busy).toFixed(1).padStart(12)} %  ${(v / 1e3).toFixed(0).padStart(5)}  ${k}`);
}
process.stdout.write(`${out.join('\n')}\n`);
