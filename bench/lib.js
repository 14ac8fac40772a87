// Shared parts of the benchmark: a throw-away database and Redis, the built worker as real
// processes in production mode, bulk seeding and percentiles. Plain JavaScript on purpose:
// it drives the build in dist/ and needs no compiler of its own.
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { apiHeapArgs } from '../scripts/api-heap.js';

export const ROOT = join(import.meta.dirname, '..');
export const WORKER_MAIN = join(ROOT, 'dist/apps/worker/apps/worker/src/main.js');
export const API_MAIN = join(ROOT, 'dist/apps/api/apps/api/src/main.js');
const MACHINE_PG_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export function freePort() {
  return new Promise((resolve) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

export async function until(check, ms, what) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(250);
  }
}

/** Nearest-rank percentile of a sorted array. */
export function percentile(sorted, p) {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
}

/**
 * The server settings of the bench's private PostgreSQL cluster (see bench/README.md, "A private
 * PostgreSQL"): checkpoints far apart, so that a scenario that writes a hundred thousand stages a
 * minute is not measured through full-page writes after every checkpoint; the rest as a small
 * dedicated server would have them. The product runs on PostgreSQL's defaults; these are for
 * operators to weigh, not a requirement.
 */
export const PRIVATE_PG_SETTINGS = {
  shared_buffers: '1GB',
  max_wal_size: '16GB',
  min_wal_size: '2GB',
  checkpoint_timeout: '30min',
  checkpoint_completion_target: '0.9',
  wal_buffers: '64MB',
  max_connections: '300',
  // event-lag reads each transaction's commit instant (pg_xact_commit_timestamp) instead of bounding it.
  track_commit_timestamp: 'on',
  // event-lag reports how long the WAL's flushes took in each phase (pg_stat_wal).
  track_wal_io_timing: 'on',
};

let privateCluster = null;

/**
 * A PostgreSQL cluster of the bench's own: `initdb` into a temporary directory, started with
 * PRIVATE_PG_SETTINGS on a free port (binaries from /usr/lib/postgresql/<newest>/bin, run as the
 * `postgres` user when the bench runs as root), stopped and deleted when the bench ends. Started
 * once per bench run and shared by the scenarios that use it.
 */
export async function privatePostgres() {
  if (privateCluster) return privateCluster;
  const versions = readdirSync('/usr/lib/postgresql').filter((v) => existsSync(`/usr/lib/postgresql/${v}/bin/initdb`)).sort((a, b) => Number(b) - Number(a));
  if (!versions.length) throw new Error('no PostgreSQL binaries under /usr/lib/postgresql/*/bin for the private cluster');
  const bin = (name) => `/usr/lib/postgresql/${versions[0]}/bin/${name}`;
  const dir = mkdtempSync(join(tmpdir(), 'mj-bench-pg-'));
  const asRoot = process.getuid?.() === 0;
  const owner = asRoot ? { uid: Number(execFileSync('id', ['-u', 'postgres'])), gid: Number(execFileSync('id', ['-g', 'postgres'])) } : {};
  if (asRoot) chownSync(dir, owner.uid, owner.gid);
  const run = (name, args) => execFileSync(bin(name), args, { ...owner, stdio: 'pipe', cwd: dir });
  const data = join(dir, 'data');
  run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8']);
  const port = await freePort();
  const settings = { ...PRIVATE_PG_SETTINGS, port: String(port), listen_addresses: "'127.0.0.1'", unix_socket_directories: `'${dir}'` };
  writeFileSync(join(data, 'postgresql.auto.conf'), Object.entries(settings).map(([k, v]) => `${k} = ${/^[0-9]/.test(v) || v.startsWith("'") ? v : `'${v}'`}\n`).join(''));
  if (asRoot) chownSync(join(data, 'postgresql.auto.conf'), owner.uid, owner.gid);
  run('pg_ctl', ['-D', data, '-l', join(dir, 'server.log'), '-w', 'start']);
  const stop = () => {
    try {
      run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
    } catch {
      // already down
    }
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', stop);
  privateCluster = {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    settings: PRIVATE_PG_SETTINGS,
    stop() {
      process.removeListener('exit', stop);
      stop();
      privateCluster = null;
    },
  };
  return privateCluster;
}

/** Stops the private cluster if a scenario started one (the end of a bench run). */
export function stopPrivatePostgres() {
  privateCluster?.stop();
}

/**
 * Where the bench's databases live: BENCH_PG_URL when set; otherwise the private cluster for the
 * scenarios that need its settings (sla-timers, redis-loss) and for every scenario with
 * BENCH_PRIVATE_PG=1; otherwise the machine's PostgreSQL.
 */
export async function pgAdminUrl({ needsPrivate = false } = {}) {
  if (process.env.BENCH_PG_URL) return process.env.BENCH_PG_URL;
  if (needsPrivate || process.env.BENCH_PRIVATE_PG === '1') return (await privatePostgres()).url;
  return MACHINE_PG_URL;
}

async function adminQuery(adminUrl, sql) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

/** A database of the bench's own, migrated by the built code, dropped afterwards. */
/**
 * A pool of the bench database that a `drop()` right after its `end()` cannot crash: end() does
 * not wait for its clients' sockets to close, so DROP ... WITH (FORCE) can still find one and
 * terminate it, and that idle client's error (57P01) reached the pool with no listener and killed
 * the whole bench run (seen twice in officer-queue).
 */
export function survivesDrop(pool) {
  pool.on('error', (e) => {
    if (e.code !== '57P01') process.stderr.write(`bench pool: ${e.message}\n`);
  });
  return pool;
}

export async function benchDatabase({ needsPrivate = false } = {}) {
  const adminUrl = await pgAdminUrl({ needsPrivate });
  const name = `mj_bench_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  await adminQuery(adminUrl, `CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const { migrate } = await import(join(ROOT, 'dist/apps/worker/libs/platform/src/database/migrate.js'));
  const { MIGRATIONS } = await import(join(ROOT, 'dist/apps/worker/libs/schema/src/index.js'));
  await migrate({ databaseUrl: url.toString(), databasePoolSize: 2, databaseConnectTimeoutMs: 5000 }, MIGRATIONS);
  const pool = survivesDrop(new pg.Pool({ connectionString: url.toString(), max: 4 }));
  return {
    url: url.toString(),
    query: async (sql, params = []) => (await pool.query(sql, params)).rows,
    async drop() {
      await pool.end();
      await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

/** A redis-server of the bench's own on a free port, so a FLUSHALL wipes nobody else's keys. */
export async function privateRedis() {
  const port = await freePort();
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  await sleep(300);
  return {
    url: `redis://127.0.0.1:${port}`,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGKILL');
        await new Promise((r) => child.once('exit', r));
      }
    },
  };
}

/** The production settings a bench process runs with (fresh secrets: production refuses the development ones). */
export function productionEnv(extra) {
  return {
    PATH: process.env.PATH ?? '',
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    JWT_SECRET: randomBytes(24).toString('hex'),
    PII_KEY: randomBytes(32).toString('base64'),
    STORAGE_DIR: join(ROOT, 'var/bench-storage'),
    ...(process.env.BENCH_COUNT_STATEMENTS ? { BENCH_COUNT_STATEMENTS: process.env.BENCH_COUNT_STATEMENTS } : {}),
    ...(process.env.BENCH_TRACE ? { BENCH_TRACE: process.env.BENCH_TRACE } : {}),
    ...extra,
  };
}

/** Starts a node process and resolves once `ready()` says so; `stop()` sends SIGTERM and waits (a minute at most). */
export async function startProcess(args, env, ready, what) {
  const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let printed = '';
  child.stdout.on('data', (d) => (printed += d));
  child.stderr.on('data', (d) => (printed += d));
  const exited = new Promise((r) => child.once('exit', r));
  // BENCH_READY_MS: more time to start on a machine others keep busy.
  const deadline = Date.now() + Number(process.env.BENCH_READY_MS ?? 60_000);
  while (!(await ready(printed))) {
    if (child.exitCode !== null) throw new Error(`${what} exited:\n${printed}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${what} not ready:\n${printed}`);
    }
    await sleep(200);
  }
  return {
    pid: child.pid,
    output: () => printed,
    /** SIGTERM, and SIGKILL if the process has not exited within a minute (a run must end; the output says it hung). */
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => {
          process.stderr.write(`${what} ${child.pid} did not exit within 60 s of SIGTERM; killed\n`);
          child.kill('SIGKILL');
        }, 60_000);
        await exited;
        clearTimeout(timer);
      }
    },
  };
}

/**
 * With BENCH_CPU_PROF=<dir>, every API and worker process writes a V8 CPU profile there when it
 * stops; with BENCH_COUNT_STATEMENTS=<dir>, a count of the SQL statements it sent, by text; with
 * BENCH_TRACE=<dir>, each statement's instants (bench/statement-timing.cjs).
 */
function profiling() {
  return [
    ...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : []),
    ...(process.env.BENCH_COUNT_STATEMENTS ? ['--require', join(ROOT, 'bench/statement-counter.cjs')] : []),
    ...(process.env.BENCH_TRACE ? ['--require', join(ROOT, 'bench/statement-timing.cjs')] : []),
  ];
}

/** The built worker, in production mode, ready once its /health/ready answers 200. */
export async function startWorker(env) {
  const port = await freePort();
  return startProcess(
    [...profiling(), WORKER_MAIN],
    productionEnv({ ...env, WORKER_HEALTH_PORT: String(port) }),
    () => fetch(`http://127.0.0.1:${port}/health/ready`).then((r) => r.ok, () => false),
    'worker',
  );
}

/**
 * The built API, in production mode with the heap cap `npm start` gives it (API_MAX_OLD_SPACE_MB),
 * with the profiling flags unless `nodeArgs` replaces them; ready once its /health/ready answers 200; `url` is its base. */
export async function startApi(env, { nodeArgs = profiling() } = {}) {
  const port = await freePort();
  const api = await startProcess(
    [...apiHeapArgs({ ...process.env, ...env }), ...nodeArgs, API_MAIN],
    productionEnv({ ...env, PORT: String(port) }),
    () => fetch(`http://127.0.0.1:${port}/health/ready`).then((r) => r.ok, () => false),
    'api',
  );
  return { ...api, url: `http://127.0.0.1:${port}` };
}

/**
 * Submitted e-visa applications written in bulk, as `submit` leaves them: the history line,
 * the clock (sla_clocks: next stage and its instant, every stage's instant as start plans them with
 * SLA_ESCALATE_AT 0.8, and what started it), its durable timer and the jobs of the timers' instants in the outbox. `warnings`
 * gives each application's warning instant; the clock counts every second (calendar mode),
 * so the submission is that instant minus half of `targetSeconds`. The journey's backfill is
 * marked done, as it is for applications whose submit events fed the timeline.
 */
export async function seedRunningApplications(db, tag, warnings, targetSeconds) {
  const [sponsor] = await db.query(
    `INSERT INTO hospitals (name, license_number, type, bed_count, region, address, registration_number, registration_valid_until)
     VALUES ($1, $1, 'tertiary_general', 900, 'Seoul', 'Bench', 'R-BENCH', '2099-01-01') RETURNING id`,
    [`Bench ${tag}`],
  );
  const [officer] = await db.query(`INSERT INTO users (email, name, role) VALUES ($1, 'Bench officer', 'officer') RETURNING id`, [`officer.${tag.toLowerCase()}@bench.medjourney.dev`]);
  const [user] = await db.query(`INSERT INTO users (email, name, role) VALUES ($1, 'Bench patient', 'patient') RETURNING id`, [`patient.${tag.toLowerCase()}@bench.medjourney.dev`]);
  const [patient] = await db.query(`INSERT INTO patients (email, name) VALUES ($1, 'Bench patient') RETURNING id`, [`patient.${tag.toLowerCase()}@bench.medjourney.dev`]);
  const half = targetSeconds / 2;
  await db.query(
    `WITH due AS (SELECT ordinality AS i, at FROM unnest($1::timestamptz[]) WITH ORDINALITY AS u(at)),
          apps AS (
            INSERT INTO visa_applications (reference, sponsor_hospital_id, patient_id, patient_user_id, created_by, status, track, category, entries,
                                           stay_from, stay_until, treatment, submitted_at, assigned_officer_id, assigned_at, due_at)
            SELECT $2 || '-' || lpad(i::text, 6, '0'), $3, $4, $5, $5, 'submitted', 'e_visa', 'C-3-3', 'single', '2031-01-01', '2031-01-10', '{}',
                   at - make_interval(secs => $7), $6, at - make_interval(secs => $7), at + make_interval(secs => $7)
              FROM due
            RETURNING id, submitted_at, submitted_at + make_interval(secs => $7) AS warning_at, submitted_at + make_interval(secs => $7 * 1.6) AS escalation_at, due_at),
          events AS (INSERT INTO visa_application_events (application_id, action, to_status, occurred_at) SELECT id, 'submit', 'submitted', submitted_at FROM apps),
          clocks AS (
            INSERT INTO sla_clocks (application_id, track, cycle, state, next_stage, next_stage_at, due_at, warning_at, escalation_at)
            SELECT id, 'e_visa', 1, 'running', 'warning', warning_at, due_at, warning_at, escalation_at FROM apps),
          moves AS (INSERT INTO sla_clock_events (application_id, action, occurred_at, actor_role) SELECT id, 'submit', submitted_at, 'hospital_coordinator' FROM apps),
          timers AS (
            INSERT INTO timers (key, kind, at, payload)
            SELECT 'sla.stage.' || id, 'sla.stage', warning_at, jsonb_build_object('applicationId', id, 'stage', 'warning', 'cycle', 1) FROM apps
            RETURNING key, arming, at),
          -- One job per instant (INSTANT_MS = 100) and 200 timers, as TimersService.schedule arms them.
          instants AS (SELECT ceil(extract(epoch FROM at) * 10)::bigint * 100 AS instant, arming FROM timers),
          numbered AS (SELECT instant, arming, (row_number() OVER (PARTITION BY instant ORDER BY arming) - 1) / 200 AS chunk FROM instants)
     INSERT INTO outbox (queue, job_name, job_id, payload, delay_until)
     SELECT 'timers', 'due', 'timer.' || instant || '.' || min(arming), jsonb_build_object('at', to_json(to_timestamp(instant / 1000.0)) #>> '{}'), to_timestamp(instant / 1000.0)
       FROM numbered GROUP BY instant, chunk`,
    [warnings, `MV-${tag}`, sponsor.id, patient.id, user.id, officer.id, half],
  );
  // Submitted applications fed the journey's timeline through their events at submit time; the
  // journey's backfill of older applications is not theirs to run while their stages fire.
  await db.query(`INSERT INTO journey_backfills (name, done_at) VALUES ('application-history', now()) ON CONFLICT (name) DO NOTHING`);
  return { officerId: officer.id };
}

/** Lateness (seconds) of the warnings fired for one seed tag, sorted, with how many fired. */
export async function warningLateness(db, tag) {
  const rows = await db.query(
    `SELECT e.lateness_seconds AS l FROM sla_stage_effects e JOIN visa_applications a ON a.id = e.application_id
      WHERE e.stage = 'warning' AND a.reference LIKE $1 ORDER BY 1`,
    [`MV-${tag}-%`],
  );
  return rows.map((r) => Number(r.l));
}
