import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { benchDatabase, percentile, privateRedis, ROOT, sleep, startApi, survivesDrop } from '../lib.js';

const OFFICERS = 1000;
const STATUSES = ['in_review', 'in_review', 'submitted', 'supplement_requested', 'approved', 'approved', 'approved', 'approved', 'rejected', 'withdrawn'];

/**
 * officer-queue: an officer's work queue (50 rows by due time, one status) through the built
 * API with `applications` in the database, spread over 1,000 officers and every status, against
 * its raw baseline (spec/performance.md): bare pg running the statements the API ran for that
 * request, captured from a second API process, in order, at the same concurrency. The plan
 * check reads PostgreSQL's own counters: sequential and index scans of visa_applications
 * during the load.
 */
export async function officerQueue({ applications = 1_000_000, seconds = 10 } = {}) {
  const redis = await privateRedis();
  const db = await benchDatabase();
  const piiKey = randomBytes(32).toString('base64');
  const admin = { email: 'bench.admin@bench.medjourney.dev', password: randomBytes(12).toString('hex') };
  const env = { DATABASE_URL: db.url, REDIS_URL: redis.url, QUEUE_PREFIX: 'bench', PII_KEY: piiKey, ADMIN_EMAIL: admin.email, ADMIN_PASSWORD: admin.password };
  // Both API processes must accept the same tokens.
  const secrets = { JWT_SECRET: randomBytes(24).toString('hex') };
  let api;
  try {
    api = await startApi({ ...env, ...secrets });
    const login = async (email, password) =>
      (await (await fetch(`${api.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) })).json()).accessToken;
    const adminToken = await login(admin.email, admin.password);
    const officer = { email: 'queue.officer@bench.medjourney.dev', password: randomBytes(12).toString('hex') };
    const created = await fetch(`${api.url}/api/v1/users`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
      body: JSON.stringify({ email: officer.email, name: 'Queue officer', role: 'officer', password: officer.password }),
    });
    if (created.status !== 201) throw new Error(`creating the officer answered ${created.status}`);
    const officerId = (await created.json()).id;
    const token = await login(officer.email, officer.password);

    const seeded = Date.now();
    await seedQueue(db, applications, officerId, piiKey);
    const seedSeconds = (Date.now() - seeded) / 1000;

    const path = '/api/v1/visa-applications?assignedOfficerId=me&status=in_review&sort=dueAt&limit=50';
    const first = await (await fetch(`${api.url}${path}`, { headers: { authorization: `Bearer ${token}` } })).json();
    if (first.items?.length !== 50) throw new Error(`the queue answered ${JSON.stringify(first).slice(0, 200)}`);
    const statements = await captureStatements({ ...env, ...secrets }, path, token);

    const scans = async () => (await db.query(`SELECT seq_scan::bigint AS seq, idx_scan::bigint AS idx FROM pg_stat_user_tables WHERE relname = 'visa_applications'`))[0];
    const load = (connections) => autocannon({ url: `${api.url}${path}`, connections, duration: seconds, headers: { authorization: `Bearer ${token}` } });
    await sleep(1500); // PostgreSQL flushes table counters about once a second
    const before = await scans();
    // One officer loading the page, then ten at once, which saturates this 2-core machine (API,
    // PostgreSQL and the load generator share it).
    const single = await load(1);
    const busy = await load(10);
    await sleep(1500);
    const after = await scans();
    const seqScans = Number(after.seq) - Number(before.seq);
    await api.stop();
    api = undefined;
    const rawSingle = await replay(db.url, statements, 1, seconds);
    const rawBusy = await replay(db.url, statements, 10, seconds);

    const p99Ratio = Math.round((single.latency.p99 / rawSingle.p99) * 100) / 100;
    const rpsRatio = Math.round((busy.requests.average / rawBusy.requestsPerSecond) * 100) / 100;
    const healthy = seqScans === 0 && single.non2xx + busy.non2xx === 0;
    const figures = (r) => ({ p50: r.latency.p50, p90: r.latency.p90, p99: r.latency.p99, max: r.latency.max, requestsPerSecond: r.requests.average, non2xx: r.non2xx });
    const details = {
      applications,
      api: { oneConnection: figures(single), tenConnections: figures(busy) },
      rawPg: { oneConnection: rawSingle, tenConnections: rawBusy, statementsPerRequest: statements.length, statements: statements.map((st) => st.text.replace(/\s+/g, ' ').slice(0, 120)) },
      sequentialScans: seqScans,
      indexScans: Number(after.idx) - Number(before.idx),
      seedSeconds: Math.round(seedSeconds),
    };
    return [
      { name: 'officer-queue', figure: 'p99, one connection: API ÷ raw pg', value: p99Ratio, target: '<= 3, no sequential scan', met: p99Ratio <= 3 && healthy, details },
      { name: 'officer-queue', figure: 'requests/s, ten connections: API ÷ raw pg', value: rpsRatio, target: '>= 0.3', met: rpsRatio >= 0.3 && healthy, details: { api: details.api.tenConnections, rawPg: rawBusy } },
    ];
  } finally {
    await api?.stop();
    await db.drop();
    await redis.stop();
  }
}

/**
 * The statements the API runs for one request of `path`: a second API process with
 * bench/statement-capture.cjs preloaded answers it twice (the first warms its caches), and the
 * lines the second request added are its statements, parameters included.
 */
export async function captureStatements(env, path, token) {
  const dir = mkdtempSync(join(tmpdir(), 'mj-capture-'));
  const file = join(dir, 'statements.jsonl');
  const capturing = await startApi({ ...env, BENCH_CAPTURE_STATEMENTS: file }, { nodeArgs: ['--require', join(ROOT, 'bench/statement-capture.cjs')] });
  try {
    const get = async () => {
      const res = await fetch(`${capturing.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
      if (res.status !== 200) throw new Error(`the capturing API answered ${res.status} ${await res.text()}`);
      await res.arrayBuffer();
    };
    await get();
    const before = readFileSync(file, 'utf8').length;
    await get();
    const lines = readFileSync(file, 'utf8').slice(before).trim().split('\n');
    return lines.map((l) => JSON.parse(l));
  } finally {
    await capturing.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs the captured statements in order on one pooled client per request, `connections` at once, for `seconds`. */
export async function replay(url, statements, connections, seconds) {
  const pool = survivesDrop(new pg.Pool({ connectionString: url, max: connections }));
  const latencies = [];
  const deadline = Date.now() + seconds * 1000;
  const started = Date.now();
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (Date.now() < deadline) {
        const t0 = process.hrtime.bigint();
        const c = await pool.connect();
        try {
          for (const st of statements) await c.query(st.text, st.values);
        } finally {
          c.release();
        }
        latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
      }
    }),
  );
  const elapsed = (Date.now() - started) / 1000;
  await pool.end();
  latencies.sort((a, b) => a - b);
  const round = (v) => Math.round(v * 100) / 100;
  return { p50: round(percentile(latencies, 0.5)), p90: round(percentile(latencies, 0.9)), p99: round(percentile(latencies, 0.99)), max: round(latencies.at(-1)), requestsPerSecond: round(latencies.length / elapsed), requests: latencies.length };
}

/**
 * The applications in bulk: every status, due times over three days for the open ones, one
 * officer in a thousand holding each. The bench officer's applications get three persons each
 * (sealed with the API's key, as the list decrypts them to mask) and their submit history (for
 * the `sla` block); the rest only need to be there for the index to skip.
 */
export async function seedQueue(db, n, officerId, piiKey) {
  const { PiiCipher } = await import(join(ROOT, 'dist/apps/api/libs/platform/src/crypto/pii-cipher.js'));
  const cipher = new PiiCipher({ piiKey: Buffer.from(piiKey, 'base64') });
  const [hospital] = await db.query(
    `INSERT INTO hospitals (name, license_number, type, bed_count, region, address, registration_number, registration_valid_until)
     VALUES ('Queue bench', 'L-QUEUE', 'tertiary_general', 900, 'Seoul', 'Bench', 'R-QUEUE', '2099-01-01') RETURNING id`,
  );
  const [user] = await db.query(`INSERT INTO users (email, name, role) VALUES ('queue.patient@bench.medjourney.dev', 'P', 'patient') RETURNING id`);
  const [patient] = await db.query(`INSERT INTO patients (email, name) VALUES ('queue.patient@bench.medjourney.dev', 'P') RETURNING id`);
  await db.query(`INSERT INTO users (email, name, role) SELECT 'officer' || i || '@bench.medjourney.dev', 'Officer ' || i, 'officer' FROM generate_series(1, $1 - 1) i`, [OFFICERS]);
  const officers = (await db.query(`SELECT id FROM users WHERE role = 'officer' AND id <> $1 ORDER BY email`, [officerId])).map((r) => r.id);
  officers.push(officerId);
  const chunk = 100_000;
  for (let from = 0; from < n; from += chunk) {
    await db.query(
      `INSERT INTO visa_applications (reference, sponsor_hospital_id, patient_id, patient_user_id, created_by, status, track, category, entries, stay_from, stay_until, treatment,
                                      submitted_at, assigned_officer_id, assigned_at, due_at, decided_at, closed_at)
       SELECT 'MV-Q-' || i, $1, $2, $3, $3, st, 'e_visa', 'C-3-3', 'single', '2031-01-01', '2031-01-10', '{"specialty":"oncology","summary":"bench"}',
              now() - make_interval(secs => i % 250000), ($4::uuid[])[1 + i % $5], now(),
              CASE WHEN st IN ('submitted', 'in_review') THEN now() + make_interval(secs => (i::bigint * 7919 % 259200)::float8) END,
              CASE WHEN st IN ('approved', 'rejected') THEN now() END,
              CASE WHEN st IN ('approved', 'rejected', 'withdrawn') THEN now() END
         FROM generate_series($6::int, $7::int) i, LATERAL (SELECT ($8::text[])[1 + (i / $5) % 10] AS st) s`,
      [hospital.id, patient.id, user.id, officers, OFFICERS, from, Math.min(n, from + chunk) - 1, STATUSES],
    );
  }
  const mine = await db.query('SELECT id, submitted_at FROM visa_applications WHERE assigned_officer_id = $1', [officerId]);
  await db.query(`INSERT INTO visa_application_events (application_id, action, to_status, occurred_at) SELECT id, 'submit', 'submitted', submitted_at FROM unnest($1::uuid[], $2::timestamptz[]) AS u(id, submitted_at)`, [
    mine.map((a) => a.id),
    mine.map((a) => a.submitted_at),
  ]);
  // The page's sla blocks read the clock's own record of what moved it.
  await db.query(`INSERT INTO sla_clock_events (application_id, action, occurred_at, actor_role) SELECT id, 'submit', submitted_at, 'hospital_coordinator' FROM unnest($1::uuid[], $2::timestamptz[]) AS u(id, submitted_at)`, [
    mine.map((a) => a.id),
    mine.map((a) => a.submitted_at),
  ]);
  const persons = mine.flatMap((a, k) =>
    [0, 1, 2].map((ordinal) => {
      const passport = `Q${String(k * 3 + ordinal).padStart(8, '0')}`;
      return [a.id, ordinal, ordinal === 0 ? 'patient' : 'companion', ordinal === 0 ? null : 'spouse', cipher.encrypt('1980-01-01'), cipher.encrypt(passport), cipher.hash('KAZ', passport), cipher.hash(passport), `${passport.slice(0, 5)}****`];
    }),
  );
  const col = (i) => persons.map((p) => p[i]);
  await db.query(
    `INSERT INTO visa_persons (application_id, ordinal, role, relationship, surname, given_names, sex, date_of_birth_sealed, nationality, passport_number_sealed, passport_hash, passport_search_hash, passport_expiry, passport_number_masked)
     SELECT a, o, r, rel, 'BENCH', 'PERSON', 'X', dob, 'KAZ', pn, ph, psh, '2035-01-01', pm
       FROM unnest($1::uuid[], $2::int[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[]) AS u(a, o, r, rel, dob, pn, ph, psh, pm)`,
    [col(0), col(1), col(2), col(3), col(4), col(5), col(6), col(7), col(8)],
  );
  await db.query('ANALYZE');
}
