import { join } from 'node:path';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { benchDatabase, percentile, PRIVATE_PG_SETTINGS, privateRedis, productionEnv, ROOT, seedRunningApplications, sleep, startProcess, startWorker, until, warningLateness } from '../lib.js';

const TARGET_SECONDS = 1200; // warning at 600 s, escalation at 960 s: only warnings fall in the window
const workerEnv = (db, redis, reconcile) => ({
  DATABASE_URL: db.url,
  DATABASE_POOL_SIZE: '10',
  REDIS_URL: redis.url,
  QUEUE_PREFIX: 'bench',
  SLA_CALENDAR: 'calendar',
  SLA_TARGET: `PT${TARGET_SECONDS}S`,
  SLA_TARGET_CERTIFICATE: `PT${TARGET_SECONDS}S`,
  SLA_RECONCILE_EVERY: reconcile,
});

/** `n` warnings spread over one minute starting `leadMs` from now; the seed goes in first, as submissions would. */
async function spreadOverAMinute(db, tag, n, leadMs) {
  const t0 = Date.now() + leadMs;
  const warnings = Array.from({ length: n }, (_, i) => new Date(t0 + Math.floor((i * 60_000) / n)).toISOString());
  await seedRunningApplications(db, tag, warnings, TARGET_SECONDS);
  return t0;
}

const firedCount = async (db, tag) =>
  Number((await db.query(`SELECT count(*) AS n FROM sla_stage_effects e JOIN visa_applications a ON a.id = e.application_id WHERE e.stage = 'warning' AND a.reference LIKE $1`, [`MV-${tag}-%`]))[0].n);

const summary = (sorted) => ({
  p50: percentile(sorted, 0.5),
  p95: percentile(sorted, 0.95),
  p99: percentile(sorted, 0.99),
  max: sorted.at(-1) ?? null,
});

/** How fast two bare BullMQ workers get through `n` no-op jobs that all fall due at one instant. */
async function noopBaseline(redisUrl, n) {
  const queueName = 'noop';
  const prefix = 'bench-noop';
  const workers = [];
  for (let i = 0; i < 2; i++) {
    workers.push(await startProcess([join(ROOT, 'bench/noop-worker.js'), redisUrl, prefix, queueName], productionEnv({}), async (out) => out.includes('ready'), 'no-op worker'));
  }
  const connection = new Redis(redisUrl, { maxRetriesPerRequest: null });
  const queue = new Queue(queueName, { connection, prefix });
  try {
    const due = Date.now() + 10_000;
    for (let i = 0; i < n; i += 1000) {
      await queue.addBulk(Array.from({ length: Math.min(1000, n - i) }, (_, j) => ({ name: 'noop', data: { i: i + j }, opts: { jobId: `noop.${i + j}`, delay: due - Date.now() } })));
    }
    await until(async () => (await queue.getJobCounts('completed')).completed === n, 120_000, 'the no-op jobs');
    const [last] = await queue.getCompleted(0, 0);
    return n / ((last.finishedOn - due) / 1000);
  } finally {
    await queue.close();
    connection.disconnect();
    await Promise.all(workers.map((w) => w.stop()));
  }
}

/**
 * sla-timers: 100,000 open applications (the spec's size) whose warnings fall due within one minute, two worker
 * processes. Lateness comes from the stored effects (fired_at - due instant). Throughput is
 * measured on a second batch that falls due all at once, against bare BullMQ no-op jobs in the
 * same run. BENCH_SLA_APPLICATIONS sets `n` (the spec's size is 100,000); the lead grows with it,
 * so that every timer's job is relayed before the first falls due, as it would be for
 * applications submitted over days.
 */
export async function slaTimers({ n = Number(process.env.BENCH_SLA_APPLICATIONS ?? 100_000), burst = 10_000, leadMs = Math.max(20_000, n * 0.45) } = {}) {
  const redis = await privateRedis();
  const db = await benchDatabase({ needsPrivate: true });
  let workers = [];
  try {
    const seededAt = Date.now();
    const t0 = await spreadOverAMinute(db, 'LAT', n, leadMs);
    const seedSeconds = (Date.now() - seededAt) / 1000;
    const env = workerEnv(db, redis, 'PT30S');
    workers = await Promise.all([startWorker(env), startWorker(env)]);
    await until(async () => Number((await db.query('SELECT count(*) AS n FROM outbox WHERE published_at IS NULL'))[0].n) === 0, 60_000, 'the relay');
    const relayDrainedBeforeFirstDue = (t0 - Date.now()) / 1000;
    await until(async () => (await firedCount(db, 'LAT')) === n, t0 - Date.now() + 120_000, 'every warning');
    const lateness = await warningLateness(db, 'LAT');
    // How lateness moves through the minute: a backlog grows, a fixed delay does not.
    const byTenSeconds = await db.query(
      `SELECT floor(extract(epoch FROM e.due_instant - $2::timestamptz) / 10)::int * 10 AS "from",
              round(percentile_cont(0.5) WITHIN GROUP (ORDER BY e.lateness_seconds)::numeric, 3)::float AS p50, round(max(e.lateness_seconds)::numeric, 3)::float AS max
         FROM sla_stage_effects e JOIN visa_applications a ON a.id = e.application_id WHERE e.stage = 'warning' AND a.reference LIKE $1 GROUP BY 1 ORDER BY 1`,
      ['MV-LAT-%', new Date(t0)],
    );

    const due = Date.now() + 10_000;
    await seedRunningApplications(db, 'BURST', Array(burst).fill(new Date(due).toISOString()), TARGET_SECONDS);
    await until(async () => (await firedCount(db, 'BURST')) === burst, 120_000, 'the burst');
    const [{ last }] = await db.query(`SELECT max(e.fired_at) AS last FROM sla_stage_effects e JOIN visa_applications a ON a.id = e.application_id WHERE a.reference LIKE 'MV-BURST-%'`);
    const stagesPerSecond = burst / ((new Date(last).getTime() - due) / 1000);
    await Promise.all(workers.map((w) => w.stop()));
    workers = [];
    await sleep(500);
    const noopPerSecond = await noopBaseline(redis.url, burst);
    const p99 = percentile(lateness, 0.99);
    const ratio = stagesPerSecond / noopPerSecond;
    return [
      { name: 'sla-timers', figure: 'stage lateness p99 (s)', value: round(p99), target: '< 2', met: p99 < 2, details: { applications: n, fired: lateness.length, lateness: mapValues(summary(lateness), round), seedSeconds: round(seedSeconds), relaySecondsToSpare: round(relayDrainedBeforeFirstDue), latenessBySecondOfTheMinute: byTenSeconds, postgres: pgSettings() } },
      { name: 'sla-timers', figure: 'throughput ratio to bare BullMQ no-op jobs', value: round(ratio), target: '>= 0.5', met: ratio >= 0.5, details: { burst, stagesPerSecond: round(stagesPerSecond), noopJobsPerSecond: round(noopPerSecond) } },
    ];
  } finally {
    await Promise.all(workers.map((w) => w.stop()));
    await db.drop();
    await redis.stop();
  }
}

/** redis-loss: the sla-timers load (same size) with a FLUSHALL halfway through the minute; every warning must fire exactly once. */
export async function redisLoss({ n = Number(process.env.BENCH_SLA_APPLICATIONS ?? 100_000) } = {}) {
  const redis = await privateRedis();
  const db = await benchDatabase({ needsPrivate: true });
  let workers = [];
  try {
    const t0 = await spreadOverAMinute(db, 'LOSS', n, Math.max(20_000, n * 0.45));
    const env = workerEnv(db, redis, 'PT15S');
    workers = await Promise.all([startWorker(env), startWorker(env)]);
    await sleep(Math.max(0, t0 + 30_000 - Date.now()));
    const firedBeforeFlush = await firedCount(db, 'LOSS');
    const flusher = new Redis(redis.url);
    await flusher.flushall();
    flusher.disconnect();
    await until(async () => (await firedCount(db, 'LOSS')) === n, 120_000, 'every warning after the FLUSHALL');
    await sleep(5_000); // room for a late duplicate to show
    const [{ effects, notices, distinctNotices }] = await db.query(
      `SELECT (SELECT count(*) FROM sla_stage_effects e JOIN visa_applications a ON a.id = e.application_id WHERE e.stage = 'warning' AND a.reference LIKE 'MV-LOSS-%')::int AS effects,
              (SELECT count(*) FROM domain_events WHERE name = 'sla.stage-fired' AND payload->>'stage' = 'warning')::int AS notices,
              (SELECT count(DISTINCT payload->>'applicationId') FROM domain_events WHERE name = 'sla.stage-fired' AND payload->>'stage' = 'warning')::int AS "distinctNotices"`,
    );
    const lateness = await warningLateness(db, 'LOSS');
    const duplicates = notices - distinctNotices;
    const share = distinctNotices === n && effects === n ? 100 : (Math.min(effects, distinctNotices) / n) * 100;
    return [
      { name: 'redis-loss', figure: 'stages fired exactly once (%)', value: round(share), target: '100 %, 0 duplicates', met: share === 100 && duplicates === 0, details: { applications: n, firedBeforeFlush, effects, notices, duplicates, lateness: mapValues(summary(lateness), round), reconcileEvery: 'PT15S' } },
    ];
  } finally {
    await Promise.all(workers.map((w) => w.stop()));
    await db.drop();
    await redis.stop();
  }
}

/** Which PostgreSQL the run used: the private cluster's settings, unless BENCH_PG_URL pointed elsewhere. */
const pgSettings = () => (process.env.BENCH_PG_URL ? 'BENCH_PG_URL' : PRIVATE_PG_SETTINGS);

function round(x) {
  return x === null || x === undefined ? null : Math.round(x * 1000) / 1000;
}
function mapValues(o, f) {
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, f(v)]));
}
