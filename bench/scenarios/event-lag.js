import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { benchDatabase, percentile, privateRedis, productionEnv, ROOT, sleep, startProcess, until } from '../lib.js';
import { Stack } from './submit.js';

/** The subscribers whose effects spec/performance.md's event lag names. */
const EFFECTS = new Set(['journey.timeline', 'notifications.notices']);
/** The load phase's stream of bare jobs: one this often. */
const BARE_EVERY_MS = 20;
const round = (x) => (x === null || x === undefined ? null : Math.round(x * 1000) / 1000);
const summary = (sorted) => ({ n: sorted.length, p50: round(percentile(sorted, 0.5)), p99: round(percentile(sorted, 0.99)), max: round(sorted.at(-1) ?? null) });

/**
 * event-lag: how long a domain event's subscribers take to make their effects after its commit,
 * at idle and under the submit load, against a bare BullMQ job's enqueue-to-start in the same run
 * and the same phase. A probe is a patient asking a hospital for sponsorship (the journey's
 * timeline entry and the coordinators' stored notification); under load every journey and
 * notification delivery of the phase counts (the submit load's own events feed the timeline).
 * An effect's lag is read from
 * PostgreSQL's commit timestamps (the private cluster runs with track_commit_timestamp): the
 * commit of the transaction that wrote the event (the domain_events row's xmin) to the commit of
 * the subscriber's transaction that made the effect and marked the delivery done (the delivery
 * row's xmin once done). The older measure, done_at - created_at (both taken in the
 * transactions, before their commits, so it also counts the publishing request's work before
 * its commit), stays in the details as an upper bound. The baseline is a no-op BullMQ worker
 * process on the same Redis, sent one job beside each probe: processedOn - timestamp.
 */
export async function eventLag({ probes = Number(process.env.BENCH_EVENT_LAG_PROBES ?? 300), seconds = 20, connections = 50 } = {}) {
  const redis = await privateRedis();
  const db = await benchDatabase({ needsPrivate: true });
  const stack = new Stack(db, redis);
  const noop = await startProcess([join(ROOT, 'bench/noop-worker.js'), redis.url, 'bench-lag', 'lag'], productionEnv({}), async (out) => out.includes('ready'), 'no-op worker');
  const connection = new Redis(redis.url, { maxRetriesPerRequest: null });
  const queue = new Queue('lag', { connection, prefix: 'bench-lag' });
  // The stack's own delivery jobs (QUEUE_PREFIX 'bench'), on the events queue and the subscribers' lanes: where a delivery's time went after its commit.
  const { DELIVERY_LANES } = await import(join(ROOT, 'dist/apps/worker/libs/platform/src/queue/queue-registry.js'));
  const deliveryQueues = ['events', ...new Set(Object.values(DELIVERY_LANES).map((l) => l.queue))].map((name) => new Queue(name, { connection, prefix: 'bench' }));
  const completedDeliveries = async () => (await Promise.all(deliveryQueues.map((q) => q.getCompleted(0, -1)))).flat().filter((j) => j.name === 'deliver');
  try {
    await stack.start(1, 1);
    const sponsor = await stack.call(0, 'POST', '/hospitals', stack.adminToken, {
      name: 'Bench Sponsor', licenseNumber: 'L-BENCH-LAG', type: 'clinic', bedCount: 5, region: 'Seoul', address: 'Bench 2',
      specialties: ['oncology'], languages: ['en'], registration: { number: 'R-LAG', validUntil: '2099-12-31' },
    });
    await stack.call(0, 'POST', '/users', stack.adminToken, { email: 'lag.coordinator@bench.medjourney.dev', name: 'Lag coordinator', role: 'hospital_coordinator', hospitalId: sponsor.body.id, password: 'bench-lag-coordinator' });
    const patientLogin = { email: 'lag.patient@bench.medjourney.dev', password: 'bench-lag-patient-1' };
    // Patients are not made by an admin (their account comes with their first application): written directly, with a hash of the built code's.
    const { hashPassword } = await import(join(ROOT, 'dist/apps/worker/libs/identity/src/auth/passwords.js'));
    await db.query(`INSERT INTO users (email, name, role, password_hash) VALUES ($1, 'Lag patient', 'patient', $2)`, [patientLogin.email, await hashPassword(patientLogin.password)]);
    const patient = (await stack.call(0, 'POST', '/auth/login', null, patientLogin)).body.accessToken;
    let k = 0;
    let bareSent = 0;
    const sendBare = (phase, id) => {
      bareSent++;
      return queue.add('noop', { phase }, { jobId: `${phase}.${id}` });
    };
    const stayFrom = new Date(Date.now() + 30 * 86400_000).toISOString().slice(0, 10);
    const stayUntil = new Date(Date.now() + 59 * 86400_000).toISOString().slice(0, 10);
    /** One probe: a draft (not timed), then the sponsorship request and, at its answer, a bare job. */
    const probe = async (phase) => {
      const draft = await stack.call(0, 'POST', '/visa-applications', patient, {
        category: 'C-3-3', entries: 'single', stayFrom, stayUntil, sponsorHospitalId: sponsor.body.id,
        treatment: { specialty: 'oncology', summary: 'Bench', plannedStart: stayFrom, plannedEnd: stayUntil },
        patient: { surname: 'LAG', givenNames: 'PROBE', sex: 'X', dateOfBirth: '1985-03-14', nationality: 'KAZ', passportNumber: `L${String(++k).padStart(8, '0')}`, passportExpiry: '2035-01-01', email: `lag${k}@bench.medjourney.dev` },
        companions: [],
      });
      if (draft.status !== 201) throw new Error(`probe draft answered ${draft.status}: ${JSON.stringify(draft.body)}`);
      await stack.call(0, 'POST', `/visa-applications/${draft.body.id}/request-sponsorship`, patient);
      await sendBare(phase, k);
    };
    // The WAL's flushes in the phase (track_wal_io_timing on the private cluster): a commit is visible,
    // and its lock released, only once its WAL is flushed, so the flush is inside the figure's span.
    // (pg_stat_wal is PostgreSQL 14's; a server of BENCH_PG_URL may be older or not time its flushes.)
    const walSyncs = async () =>
      (await db.query(`SELECT wal_sync AS n, wal_sync_time AS ms, current_setting('track_wal_io_timing') = 'on' AS timed FROM pg_stat_wal`).catch(() => []))[0] ?? null;
    const window = async (phase, body) => {
      const [{ from }] = await db.query('SELECT clock_timestamp() AS from');
      const before = await walSyncs();
      await body();
      const [{ to }] = await db.query('SELECT clock_timestamp() AS to');
      const after = await walSyncs();
      const n = after && before ? Number(after.n) - Number(before.n) : null;
      return { phase, from, to, walSync: n === null ? null : { n, perSecond: round(n / ((to - from) / 1000)), averageMs: n && after.timed ? round((after.ms - before.ms) / n) : null } };
    };

    const idle = await window('idle', async () => {
      for (let i = 0; i < probes; i++) {
        await probe('idle');
        await sleep(50);
      }
    });
    let loadDetails;
    const loaded = await window('load', async () => {
      let loading = true;
      const load = stack.load(seconds, connections).then((r) => {
        loading = false;
        loadDetails = r.details;
      });
      // Under load the figure counts every journey and notification delivery of the phase, a steady
      // stream: the bare jobs come as a stream too (one every BARE_EVERY_MS), beside the probes' own,
      // so that their p99 is one of a thousand samples rather than the largest of the thirty-odd
      // probes the loaded API answers in the phase.
      const stream = (async () => {
        for (let i = 0; loading; i++) {
          await sendBare('load', `s${i}`);
          await sleep(BARE_EVERY_MS);
        }
      })();
      while (loading) {
        await probe('load');
        await sleep(50);
      }
      await load;
      await stream;
    });
    await until(async () => Number((await db.query('SELECT count(*) AS n FROM event_deliveries WHERE done_at IS NULL'))[0].n) === 0, 120_000, 'every delivery');
    await until(async () => (await queue.getJobCounts('completed')).completed >= bareSent, 60_000, 'the bare jobs');

    const jobs = await queue.getCompleted(0, -1);
    const deliveryJobs = await completedDeliveries();
    // With BENCH_TRACE, what bench/event-lag-trace.js joins with the processes' statement timings.
    if (process.env.BENCH_TRACE) {
      const deliveries = await db.query(
        `SELECT d.event_id, d.subscriber, d.created_at, d.enqueued_at, d.done_at, d.attempts, e.name,
                extract(epoch FROM pg_xact_commit_timestamp(e.xmin)) * 1000 AS event_committed_ms, extract(epoch FROM pg_xact_commit_timestamp(d.xmin)) * 1000 AS effect_committed_ms
           FROM event_deliveries d JOIN domain_events e ON e.id = d.event_id`,
      );
      writeFileSync(join(process.env.BENCH_TRACE, 'bench.json'), JSON.stringify({
        idle, loaded, deliveries,
        jobs: deliveryJobs.map((j) => ({ id: j.id, data: j.data, timestamp: j.timestamp, processedOn: j.processedOn, finishedOn: j.finishedOn, attemptsMade: j.attemptsMade })),
        bare: jobs.map((j) => ({ data: j.data, timestamp: j.timestamp, processedOn: j.processedOn })),
      }));
    }
    const results = [];
    for (const w of [idle, loaded]) {
      const lags = (await db.query(
        `SELECT d.subscriber,
                extract(epoch FROM pg_xact_commit_timestamp(d.xmin) - pg_xact_commit_timestamp(e.xmin)) * 1000 AS ms,
                extract(epoch FROM d.done_at - d.created_at) * 1000 AS bound_ms, extract(epoch FROM d.enqueued_at - d.created_at) * 1000 AS relay_ms
           FROM event_deliveries d JOIN domain_events e ON e.id = d.event_id
          WHERE d.created_at BETWEEN $1 AND $2 ORDER BY 2`,
        [w.from, w.to],
      )).map((r) => ({ subscriber: r.subscriber, ms: Number(r.ms), boundMs: Number(r.bound_ms), relayMs: Number(r.relay_ms) }));
      // The figure is the spec's effects (the journey entry, the stored notification); the
      // statistics' deliveries gather for a second by design (5 s bound) and show in bySubscriber.
      const effects = lags.filter((l) => EFFECTS.has(l.subscriber));
      const all = effects.map((l) => l.ms);
      const bySubscriber = Object.fromEntries([...new Set(lags.map((l) => l.subscriber))].map((s) => [s, summary(lags.filter((l) => l.subscriber === s).map((l) => l.ms))]));
      const bare = jobs.filter((j) => j.data.phase === w.phase).map((j) => j.processedOn - j.timestamp).sort((a, b) => a - b);
      const ratio = percentile(all, 0.99) / Math.max(1, percentile(bare, 0.99));
      // Jobs of deliveries that ran in another job's batch leave the queue; these are the jobs that ran.
      const ran = deliveryJobs.filter((j) => j.timestamp >= w.from.getTime() && j.timestamp <= w.to.getTime() + 1000);
      const sorted = (xs) => xs.sort((a, b) => a - b);
      const jobFigures = (js) => ({ queueWaitMs: summary(sorted(js.map((j) => j.processedOn - j.timestamp))), runMs: summary(sorted(js.map((j) => j.finishedOn - j.processedOn))) });
      results.push({
        name: 'event-lag', figure: `p99 commit-to-effect ÷ bare BullMQ enqueue-to-start p99, ${w.phase}`, value: round(ratio), target: '<= 3', met: ratio <= 3,
        details: {
          effectMs: summary(all), upperBoundMs: summary(effects.map((l) => l.boundMs).sort((a, b) => a - b)), relayedMs: summary(effects.map((l) => l.relayMs).sort((a, b) => a - b)), bySubscriber,
          deliveryJobs: { ...jobFigures(ran), bySubscriber: Object.fromEntries([...new Set(ran.map((j) => j.data.subscriber))].map((s) => [s, jobFigures(ran.filter((j) => j.data.subscriber === s))])) }, walSync: w.walSync, bareJobMs: summary(bare), bareFloorMs: 'a bare p99 under 1 ms counts as 1 ms', ...(w.phase === 'load' ? { submitLoad: loadDetails } : { probes }) },
      });
    }
    return results;
  } finally {
    await queue.close();
    await Promise.all(deliveryQueues.map((q) => q.close()));
    connection.disconnect();
    await noop.stop();
    await stack.stop();
    await db.drop();
    await redis.stop();
  }
}
