// `node bench/event-lag-trace.js <dir>` after `BENCH_TRACE=<dir> node bench/run.js event-lag`:
// where each phase's deliveries spent their time. Joins the API's and the worker's statement
// timings (bench/statement-timing.cjs) with the deliveries and delivery jobs event-lag wrote to
// <dir>/bench.json: the figure's span cut at the job's add and start (commit timestamps and Redis's
// clock), the API from the event's created_at to its commit, the job's wait and the
// delivery transaction statement by statement; for the load phase, each subscriber's
// transactions and the worker's statements by total time. Direction only: the instants are
// taken in the processes, which wait for a core like everything else on a loaded machine.
import { readdirSync, readFileSync } from 'node:fs';

/** The subscribers whose effects the figure counts (bench/scenarios/event-lag.js). */
const EFFECTS = new Set(['journey.timeline', 'notifications.notices']);
const dir = process.argv[2];
if (!dir) throw new Error('usage: node bench/event-lag-trace.js <BENCH_TRACE dir>');
const bench = JSON.parse(readFileSync(`${dir}/bench.json`, 'utf8'));
const processes = readdirSync(dir).filter((f) => f !== 'bench.json').map((f) => JSON.parse(readFileSync(`${dir}/${f}`, 'utf8')));
const api = processes.find((rows) => rows.some((r) => r.ids));
const worker = processes.find((rows) => rows.some((r) => r.p));
const byClient = (rows) => {
  const m = new Map();
  for (const r of rows) m.set(r.c, [...(m.get(r.c) ?? []), r]);
  return m;
};
const apiClients = byClient(api);
const workerClients = byClient(worker);
const insertOf = new Map(api.flatMap((r) => (r.ids ?? []).map((id) => [id, r])));
const claimsOf = new Map();
for (const r of worker.filter((x) => x.p)) claimsOf.set(`${r.p[1]}|${r.p[0]}`, [...(claimsOf.get(`${r.p[1]}|${r.p[0]}`) ?? []), r]);
const jobOf = new Map(bench.jobs.map((j) => [`${j.data.subscriber}|${j.data.eventId}`, j]));
const pct = (xs, p) => {
  const s = xs.filter((x) => x !== null && x !== undefined && !Number.isNaN(x)).sort((a, b) => a - b);
  return s.length ? Math.round(s[Math.min(s.length - 1, Math.floor(p * s.length))] * 10) / 10 : null;
};
const after = (rows, row) => rows.slice(rows.indexOf(row) + 1);
const isEnd = (r) => /^(COMMIT|ROLLBACK)/.test(r.q);

for (const w of [bench.idle, bench.loaded]) {
  const from = new Date(w.from).getTime();
  const to = new Date(w.to).getTime();
  const deliveries = bench.deliveries.filter((d) => new Date(d.created_at).getTime() >= from && new Date(d.created_at).getTime() <= to);
  const phases = {};
  const add = (k, v) => (phases[k] ??= []).push(v);
  let batched = 0;
  for (const d of deliveries) {
    const created = new Date(d.created_at).getTime();
    const done = new Date(d.done_at).getTime();
    add('upper bound (done_at - created_at; the figure is from commit timestamps)', done - created);
    const insert = insertOf.get(d.event_id);
    const apiCommit = insert && after(apiClients.get(insert.c), insert).find((r) => r.q.startsWith('COMMIT'));
    if (apiCommit) {
      add('api: created_at → commit end', apiCommit.t1 - created);
      add('api: commit end → done_at', done - apiCommit.t1);
    }
    const job = jobOf.get(`${d.subscriber}|${d.event_id}`);
    const claims = claimsOf.get(`${d.subscriber}|${d.event_id}`) ?? [];
    if (!job || claims.length === 0) {
      batched++;
      continue;
    }
    add('job: timestamp → processedOn (queue wait)', job.processedOn - job.timestamp);
    const claim = claims[0];
    const rows = workerClients.get(claim.c);
    const begin = rows[rows.indexOf(claim) - 1];
    const rest = after(rows, claim);
    const mark = rest.find((r) => r.q.startsWith('UPDATE event_deliveries SET done_at'));
    add('job: processedOn → BEGIN sent', begin.t0 - job.processedOn);
    add('tx: BEGIN', begin.t1 - begin.t0);
    add('tx: the claim (WITH own)', claim.t1 - claim.t0);
    if (mark && rest.indexOf(mark) < rest.findIndex(isEnd)) {
      add('tx: handler (claim end → mark sent)', mark.t0 - claim.t1);
      add('tx: handler statements', rest.indexOf(mark));
      add('tx: mark', mark.t1 - mark.t0);
    }
    const end = rest.find(isEnd);
    // Since the claim marks the batch done, the handler runs from the claim's end to the COMMIT.
    if (!mark && end) {
      add('tx: handler (claim end → COMMIT sent)', end.t0 - claim.t1);
      add('tx: handler statements', rest.indexOf(end));
    }
    if (end) add('tx: COMMIT', end.t1 - end.t0);
  }
  // The figure's own span, the event's commit to the effect's (PostgreSQL's commit timestamps), cut
  // where the delivery's job was added and where it started (Redis's clock, the same machine's).
  for (const d of deliveries.filter((x) => EFFECTS.has(x.subscriber) && x.effect_committed_ms)) {
    const [event, effect] = [Number(d.event_committed_ms), Number(d.effect_committed_ms)];
    add('commit → effect (the figure; journey, notices)', effect - event);
    const job = jobOf.get(`${d.subscriber}|${d.event_id}`);
    if (!job) continue;
    add('  event commit → job added (the publisher)', job.timestamp - event);
    add('  job added → started (queue)', job.processedOn - job.timestamp);
    add('  job started → effect commit (the worker)', effect - job.processedOn);
  }
  // The slowest 3 % of the figure: when each step of their delivery transaction happened, from the event's commit.
  const tail = [];
  for (const d of deliveries.filter((x) => EFFECTS.has(x.subscriber) && x.effect_committed_ms)) {
    const event = Number(d.event_committed_ms);
    const job = jobOf.get(`${d.subscriber}|${d.event_id}`);
    const claims = claimsOf.get(`${d.subscriber}|${d.event_id}`) ?? [];
    if (!job || claims.length === 0) continue;
    const rows = workerClients.get(claims[0].c);
    const last = claims.filter((c) => c.c === claims[0].c).at(-1);
    const end = after(rows, last).find(isEnd);
    if (!end) continue;
    tail.push({ figure: Number(d.effect_committed_ms) - event, started: job.processedOn - event, beginSent: rows[rows.indexOf(claims[0]) - 1].t0 - event, claimed: last.t1 - event, commitSent: end.t0 - event });
  }
  const slowest = tail.sort((a, b) => a.figure - b.figure).slice(Math.floor(tail.length * 0.97));
  const mean = (k) => Math.round((slowest.reduce((sum, r) => sum + r[k], 0) / slowest.length) * 10) / 10;
  const notes = [];
  if (slowest.length) {
    notes.push(
      `the slowest 3 % (${slowest.length}), mean ms from the event's commit: figure ${mean('figure')}; job started ${mean('started')}, BEGIN sent ${mean('beginSent')},` +
        ` claimed (its wait for the publisher included) ${mean('claimed')}, COMMIT sent (after the handler's statements) ${mean('commitSent')}`,
    );
  }
  if (w.walSync) notes.push(`WAL flushes: ${w.walSync.perSecond} a second, mean ${w.walSync.averageMs ?? '(untimed)'} ms`);
  console.log(`\n== ${w.phase}: ${deliveries.length} deliveries, ${batched} made by another job's batch`);
  for (const [k, v] of Object.entries(phases)) console.log(`${k.padEnd(48)} n=${String(v.length).padStart(4)}  p50 ${pct(v, 0.5)}  p90 ${pct(v, 0.9)}  p99 ${pct(v, 0.99)}  max ${pct(v, 1)}`);
  for (const n of notes) console.log(n);
  const bare = bench.bare.filter((j) => j.data.phase === w.phase).map((j) => j.processedOn - j.timestamp);
  console.log(`bare job enqueue → start: p50 ${pct(bare, 0.5)}  p99 ${pct(bare, 0.99)}`);
  // Each subscriber's delivery transactions in the phase (and the 30 s after it, while the backlog drains).
  const claims = worker.filter((r) => r.p && r.t0 >= from && r.t0 <= to + 30_000);
  const per = {};
  for (const claim of claims) {
    const rest = after(workerClients.get(claim.c), claim);
    const end = rest.findIndex(isEnd);
    const s = (per[claim.p[1]] ??= { n: 0, rolledBack: 0, waited: 0, ms: [], statements: [] });
    s.n++;
    if (rest[end].q.startsWith('ROLLBACK')) s.rolledBack++;
    if (rest.slice(0, end).some((r) => r.q.startsWith('SET LOCAL lock_timeout'))) s.waited++;
    s.ms.push(rest[end].t1 - claim.t0);
    s.statements.push(end);
  }
  for (const [s, v] of Object.entries(per)) {
    console.log(`  ${s}: ${v.n} transactions, ${v.rolledBack} rolled back, ${v.waited} waited for a holder; claim → end p50 ${pct(v.ms, 0.5)} p99 ${pct(v.ms, 0.99)} ms; statements p50 ${pct(v.statements, 0.5)} p99 ${pct(v.statements, 0.99)}`);
  }
  if (w.phase === 'load') {
    const total = {};
    for (const r of worker) if (r.t0 >= from && r.t0 <= to + 30_000 && r.t1) (total[r.q.slice(0, 50)] ??= []).push(r.t1 - r.t0);
    console.log('  the worker\'s statements by total time (ms):');
    for (const [q, v] of Object.entries(total).sort((a, b) => b[1].reduce((x, y) => x + y, 0) - a[1].reduce((x, y) => x + y, 0)).slice(0, 12)) {
      console.log(`    ${String(Math.round(v.reduce((x, y) => x + y, 0))).padStart(6)}  n=${String(v.length).padStart(4)}  p50 ${pct(v, 0.5)}  max ${pct(v, 1)}  ${q}`);
    }
  }
}
