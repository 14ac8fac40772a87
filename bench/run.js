// `npm run bench [scenario...]`: runs the scenarios of spec/performance.md that exist so far
// against the built worker in production mode, prints a table and writes
// bench/results/latest.json. See bench/README.md for what each one measures.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { pgAdminUrl, ROOT, stopPrivatePostgres } from './lib.js';
import { eventLag } from './scenarios/event-lag.js';
import { bookingRace, match } from './scenarios/matching.js';
import { officerQueue } from './scenarios/officer-queue.js';
import { redisLoss, slaTimers } from './scenarios/sla-timers.js';
import { statistics } from './scenarios/statistics.js';
import { submit, submitScaleOut } from './scenarios/submit.js';
import { clinicianBookingRace, slots } from './scenarios/telemedicine.js';

// `booking-race` runs both halves of spec/performance.md's race: the providers' (matching) and the
// clinicians' (telemedicine). `submit` also gives the `memory` figure (the API's peak RSS under its load) and the audit chain's lag.
const SCENARIOS = { submit, 'submit-scale-out': submitScaleOut, 'officer-queue': officerQueue, 'sla-timers': slaTimers, 'redis-loss': redisLoss, 'event-lag': eventLag, match, 'booking-race': async () => [...(await bookingRace()), ...(await clinicianBookingRace())], statistics, slots };

const wanted = process.argv.slice(2);
for (const name of wanted) if (!SCENARIOS[name]) throw new Error(`unknown scenario ${name}; known: ${Object.keys(SCENARIOS).join(', ')}`);

const results = [];
for (const [name, run] of Object.entries(SCENARIOS)) {
  if (wanted.length && !wanted.includes(name)) continue;
  const started = Date.now();
  process.stdout.write(`running ${name}...\n`);
  try {
    for (const r of await run()) results.push({ ...r, seconds: Math.round((Date.now() - started) / 1000) });
  } catch (e) {
    results.push({ name, figure: 'error', value: null, target: null, met: false, details: { error: String(e?.message ?? e) } });
  }
}

const client = new pg.Client({ connectionString: await pgAdminUrl() });
await client.connect();
const postgres = (await client.query('SHOW server_version')).rows[0].server_version;
await client.end();
stopPrivatePostgres();
const report = {
  date: new Date().toISOString(),
  machine: { cores: cpus().length, cpu: cpus()[0]?.model, memoryGiB: Math.round(totalmem() / 2 ** 30) },
  versions: { node: process.version, postgres, medjourney: JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version },
  scenarios: results,
};
mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
writeFileSync(join(ROOT, 'bench/results/latest.json'), `${JSON.stringify(report, null, 2)}\n`);

const rows = results.map((r) => [r.name, r.figure, String(r.value), r.target ?? '', r.met ? 'met' : 'NOT MET']);
const widths = [0, 1, 2, 3, 4].map((i) => Math.max(...[['scenario', 'figure', 'value', 'target', ''], ...rows].map((row) => row[i].length)));
for (const row of [['scenario', 'figure', 'value', 'target', ''], ...rows]) process.stdout.write(`${row.map((c, i) => c.padEnd(widths[i])).join('  ')}\n`);
for (const r of results) if (r.details?.error) process.stdout.write(`${r.name}: ${r.details.error}\n`);
process.stdout.write('details: bench/results/latest.json\n');
