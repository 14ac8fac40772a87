import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { benchDatabase, percentile, privateRedis, ROOT, sleep, startApi, survivesDrop } from '../lib.js';

const LANGUAGES = ['ru', 'mn', 'zh', 'ja', 'vi', 'ar', 'en', 'kk'];
const LEVELS = ['native', 'fluent', 'professional'];
const REGIONS = ['Seoul', 'Busan', 'Incheon', 'Gyeonggi', 'Daegu', 'Jeju'];
// With the summaries that grow with the registry. The count tables hold a row per key (kind, language,
// certificate day, range), the same few hundred at every size here, which PostgreSQL may rightly read whole;
// the buffers check shows whether they grow.
const MATCHING_TABLES = ['care_providers', 'care_provider_languages', 'care_provider_certifications', 'care_provider_availability', 'provider_bookings', 'match_providers', 'match_facets', 'match_busy', 'match_week_hours'];
const HOUR = 3_600_000;
// Monday 09:00 in Seoul (00:00Z), the second Monday from today: ahead of the bench's own clock yet
// well inside BOOKING_HORIZON (a fixed date years ahead is refused with BEYOND_BOOKING_HORIZON).
const MONDAY = (() => {
  const today = new Date();
  const midnight = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
  const daysToMonday = (8 - today.getUTCDay()) % 7 || 7;
  return midnight + (daysToMonday + 7) * 24 * HOUR;
})();
/** A provider's id from its number: an md5 with the bits of a version-4 UUID, which the API's validation expects. */
const PID = "overlay(overlay(md5('p' || i) placing '4' from 13) placing '8' from 17)::uuid";

/** The built API with an admin, a coordinator of a hospital, and a login helper. */
async function matchingStack() {
  const redis = await privateRedis();
  const db = await benchDatabase();
  const admin = { email: 'bench.admin@bench.medjourney.dev', password: randomBytes(12).toString('hex') };
  const api = await startApi({ DATABASE_URL: db.url, REDIS_URL: redis.url, QUEUE_PREFIX: 'bench', ADMIN_EMAIL: admin.email, ADMIN_PASSWORD: admin.password, DATABASE_POOL_SIZE: '20' }).catch(async (e) => {
    await db.drop();
    await redis.stop();
    throw e;
  });
  const login = async (email, password) =>
    (await (await fetch(`${api.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) })).json()).accessToken;
  const [hospital] = await db.query(
    `INSERT INTO hospitals (name, license_number, type, bed_count, region, address, registration_number, registration_valid_until)
     VALUES ('Match bench', 'L-MATCH', 'tertiary_general', 900, 'Seoul', 'Bench', 'R-MATCH', '2099-01-01') RETURNING id`,
  );
  const coordinator = { email: 'match.coordinator@bench.medjourney.dev', password: randomBytes(12).toString('hex') };
  const created = await fetch(`${api.url}/api/v1/users`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${await login(admin.email, admin.password)}` },
    body: JSON.stringify({ ...coordinator, name: 'Match coordinator', role: 'hospital_coordinator', hospitalId: hospital.id }),
  });
  if (created.status !== 201) throw new Error(`creating the coordinator answered ${created.status}`);
  return {
    api, db, hospitalId: hospital.id, token: await login(coordinator.email, coordinator.password),
    async stop() {
      await api.stop();
      await db.drop();
      await redis.stop();
    },
  };
}

/**
 * Providers `from` to `to` written in bulk (the numbers decide everything, so a second call adds
 * to the first): 80 % interpreters; one to three of the programme's languages each; most
 * certified; weekday hours 09:00-18:00 Seoul (00:00-09:00Z) for four weeks from MONDAY as
 * availability instants; a booking on every fifth provider's Monday morning. Matching's triggers
 * keep its summaries as the rows arrive; their count deltas are folded afterwards, as the hourly job does.
 */
async function seedProviders(db, to, hospitalId, from = 1) {
  await db.query(
    `INSERT INTO care_providers (id, kind, name, regions, hospital_ids, specialties, max_hours_per_week, rating, rating_count, rating_sum, active, verified_at)
     SELECT ${PID}, CASE WHEN i % 5 = 0 THEN 'caregiver' ELSE 'interpreter' END, 'Provider ' || i,
            ARRAY[($2::text[])[1 + i % 6]], CASE WHEN i % 7 = 0 THEN ARRAY[$3::uuid] ELSE '{}' END,
            CASE WHEN i % 3 = 0 THEN ARRAY['oncology'] ELSE ARRAY['dermatology'] END, 40,
            CASE WHEN i % 4 = 0 THEN NULL ELSE 3 + (i % 3) END, CASE WHEN i % 4 = 0 THEN 0 ELSE 1 END, CASE WHEN i % 4 = 0 THEN 0 ELSE 3 + (i % 3) END,
            i % 50 <> 0, now()
       FROM generate_series($4::int, $1) i`,
    [to, REGIONS, hospitalId, from],
  );
  await db.query(
    `INSERT INTO care_provider_languages (provider_id, code, level)
     SELECT DISTINCT ON (${PID}, ($2::text[])[1 + (i * k * 7 + k) % 8]) ${PID}, ($2::text[])[1 + (i * k * 7 + k) % 8], ($3::text[])[1 + (i + k) % 3]
       FROM generate_series($4::int, $1) i, generate_series(1, 1 + i % 3) k`,
    [to, LANGUAGES, LEVELS, from],
  );
  await db.query(
    `INSERT INTO care_provider_certifications (provider_id, type, number, valid_until)
     SELECT ${PID}, CASE WHEN i % 5 = 0 THEN 'care_worker' ELSE 'medical_interpreter' END, 'C-' || i, CASE WHEN i % 9 = 0 THEN DATE '2025-12-31' ELSE DATE '2035-12-31' END
       FROM generate_series($2::int, $1) i WHERE i % 6 <> 0`,
    [to, from],
  );
  await db.query(
    `INSERT INTO care_provider_availability (provider_id, during)
     SELECT ${PID}, tstzrange($2::timestamptz + make_interval(days => d), $2::timestamptz + make_interval(days => d, hours => 9), '[)')
       FROM generate_series($3::int, $1) i, generate_series(0, 27) d WHERE d % 7 < 5`,
    [to, new Date(MONDAY), from],
  );
  await db.query(
    `INSERT INTO provider_bookings (provider_id, during, source, source_id)
     SELECT ${PID}, tstzrange($2::timestamptz, $2::timestamptz + interval '3 hours', '[)'), 'care_assignment', gen_random_uuid()
       FROM generate_series($3::int, $1) i WHERE i % 5 = 1`,
    [to, new Date(MONDAY), from],
  );
  await db.query('SELECT match_compact()');
  await db.query('VACUUM ANALYZE');
}

/** The requests of the load: every language, morning windows over the first week. */
function requestBodies(hospitalId) {
  return LANGUAGES.flatMap((language, l) =>
    [0, 1, 2, 3, 4].map((day) => ({
      kind: 'interpreter', language, specialty: 'oncology', hospitalId, region: 'Seoul',
      start: new Date(MONDAY + day * 24 * HOUR + ((l + day) % 6) * HOUR).toISOString(),
      end: new Date(MONDAY + day * 24 * HOUR + ((l + day) % 6 + 2) * HOUR).toISOString(),
    })),
  );
}

/** Plan nodes that read one of matching's tables sequentially, from EXPLAIN (FORMAT JSON). */
function seqScans(plan, found = []) {
  if (plan['Node Type'] === 'Seq Scan' && MATCHING_TABLES.includes(plan['Relation Name'])) found.push(plan['Relation Name']);
  for (const child of plan.Plans ?? []) seqScans(child, found);
  return found;
}

/** A plan's nodes that read a table, with their loops, rows and shared buffers: what the README cites. */
function planSummary(plan, found = []) {
  if (plan['Relation Name']) {
    found.push(`${plan['Node Type']} ${plan['Index Name'] ?? plan['Relation Name']}: loops ${plan['Actual Loops']}, rows ${plan['Actual Rows']}, buffers ${plan['Shared Hit Blocks'] + plan['Shared Read Blocks']}`);
  }
  for (const child of plan.Plans ?? []) planSummary(child, found);
  return found;
}

/** A request body as the API completes it (a coordinator's request, certified by default). */
const asRequest = (b) => ({ ...b, requireCertified: true, patientId: null });

/**
 * Every statement of each request under EXPLAIN (ANALYZE, BUFFERS): the shared buffers its
 * execution touches (hit or read; planning not counted) and any sequential scan of matching's tables.
 */
async function explainRequests(url, query, bodies) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('SET jit = off');
    const perRequest = [];
    const seq = [];
    const firstPlans = [];
    for (const body of bodies) {
      let buffers = 0;
      let statements = 0;
      const explained = async (sql, params) => {
        const [{ 'QUERY PLAN': [plan] }] = (await client.query(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${sql}`, params)).rows;
        buffers += plan.Plan['Shared Hit Blocks'] + plan.Plan['Shared Read Blocks'];
        statements++;
        if (perRequest.length === 0) firstPlans.push(planSummary(plan.Plan));
        seq.push(...seqScans(plan.Plan));
        return (await client.query(sql, params)).rows;
      };
      await query.runMatch(explained, asRequest(body));
      perRequest.push({ language: body.language, start: body.start, buffers, statements });
    }
    return { perRequest, total: perRequest.reduce((a, r) => a + r.buffers, 0), seq, firstPlans };
  } finally {
    await client.end();
  }
}

/** The API's answers under autocannon at `connections`. */
async function loadApi(stack, bodies, connections, seconds) {
  const run = await autocannon({
    url: `${stack.api.url}/api/v1/matches`, connections, duration: seconds,
    requests: bodies.map((b) => ({ method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${stack.token}` }, body: JSON.stringify(b) })),
  });
  return { p50: run.latency.p50, p99: run.latency.p99, requestsPerSecond: run.requests.average, non2xx: run.non2xx };
}

/** The same statements through bare pg at `connections`: the ranking's rounds, the counts and the stored match, in one transaction. */
async function loadRaw(url, query, bodies, connections, seconds) {
  const pool = survivesDrop(new pg.Pool({ connectionString: url, max: connections }));
  const latencies = [];
  const deadline = Date.now() + seconds * 1000;
  let k = 0;
  await Promise.all(Array.from({ length: connections }, async () => {
    while (Date.now() < deadline) {
      const r = asRequest(bodies[k++ % bodies.length]);
      const started = process.hrtime.bigint();
      const c = await pool.connect();
      try {
        const run = async (sql, params) => (await c.query(sql, params)).rows;
        await c.query('BEGIN');
        await c.query('SET LOCAL jit = off');
        const { rows, excluded } = await query.runMatch(run, r);
        await c.query('INSERT INTO matches (requested_by, hospital_id, request, candidates, excluded) VALUES (gen_random_uuid(), $1, $2, $3, $4)', [r.hospitalId, JSON.stringify(r), JSON.stringify(rows), JSON.stringify(excluded)]);
        await c.query('COMMIT');
      } finally {
        c.release();
      }
      latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
  }));
  await pool.end();
  latencies.sort((a, b) => a - b);
  return { p50: Math.round(percentile(latencies, 0.5) * 10) / 10, p99: Math.round(percentile(latencies, 0.99) * 10) / 10, requests: latencies.length };
}

/**
 * match: POST /matches through the built API with 50,000 providers, then with 200,000 (the same
 * database, grown; `BENCH_MATCH_PROVIDERS=50000,200000` sets the sizes), each at 1 and 20
 * connections, beside the same statements through bare `pg` at the same concurrency. Figures:
 * the ratio of the p99s at 20 connections (the worse size), and how the cost grows: the shared
 * buffers the statements touch for the same 40 requests (EXPLAIN (ANALYZE, BUFFERS)) at the
 * largest size ÷ at the smallest. The plans must read matching's tables through indexes, and
 * PostgreSQL's counters must show no sequential scan during the loads.
 */
export async function match({ sizes = (process.env.BENCH_MATCH_PROVIDERS ?? '50000,200000').split(',').map(Number), seconds = 8, connections = 20 } = {}) {
  const stack = await matchingStack();
  try {
    const query = await import(join(ROOT, 'dist/apps/api/libs/matching/src/services/match-query.js'));
    const bodies = requestBodies(stack.hospitalId);
    const counters = async () => Object.fromEntries((await stack.db.query(`SELECT relname, seq_scan::bigint AS seq FROM pg_stat_user_tables WHERE relname = ANY($1)`, [MATCHING_TABLES])).map((r) => [r.relname, Number(r.seq)]));
    const bySize = [];
    let seeded = 0;
    for (const providers of sizes) {
      const started = Date.now();
      await seedProviders(stack.db, providers, stack.hospitalId, seeded + 1);
      seeded = providers;
      const seedSeconds = Math.round((Date.now() - started) / 1000);

      const first = await (await fetch(`${stack.api.url}/api/v1/matches`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${stack.token}` }, body: JSON.stringify(bodies[0]) })).json();
      if (!Array.isArray(first.candidates) || first.candidates.length !== 10) throw new Error(`the match answered ${JSON.stringify(first).slice(0, 300)}`);
      const explained = await explainRequests(stack.db.url, query, bodies);

      await sleep(1500);
      const before = await counters();
      const api1 = await loadApi(stack, bodies, 1, seconds);
      const api = await loadApi(stack, bodies, connections, seconds);
      await sleep(1500);
      const after = await counters();
      const seqDuringLoad = Object.fromEntries(MATCHING_TABLES.map((t) => [t, (after[t] ?? 0) - (before[t] ?? 0)]));
      const raw1 = await loadRaw(stack.db.url, query, bodies, 1, seconds);
      const raw = await loadRaw(stack.db.url, query, bodies, connections, seconds);
      bySize.push({
        providers, seedSeconds,
        ratio: Math.round((api.p99 / raw.p99) * 100) / 100,
        api: { connections1: api1, [`connections${connections}`]: api },
        rawPg: { connections1: raw1, [`connections${connections}`]: raw },
        buffers: { total: explained.total, perRequest: explained.perRequest, firstRequestPlans: explained.firstPlans },
        sequentialScansInPlans: explained.seq,
        sequentialScansDuringLoad: seqDuringLoad,
      });
    }
    const [smallest, largest] = [bySize[0], bySize.at(-1)];
    const growth = Math.round((largest.buffers.total / smallest.buffers.total) * 100) / 100;
    const worstRequest = Math.max(...largest.buffers.perRequest.map((r, i) => r.buffers / smallest.buffers.perRequest[i].buffers));
    const ratio = Math.max(...bySize.map((s) => s.ratio));
    const noSeq = bySize.every((s) => s.sequentialScansInPlans.length === 0 && Object.values(s.sequentialScansDuringLoad).every((v) => v === 0));
    const allAnswered = bySize.every((s) => Object.values(s.api).every((a) => a.non2xx === 0));
    return [{
      name: 'match',
      figure: `p99 via the API ÷ p99 of raw pg (20 connections, worse size); shared buffers at ${largest.providers} ÷ at ${smallest.providers} providers`,
      value: `${ratio}, ${growth}`,
      target: '<= 3; <= 1.5, no sequential scan',
      met: ratio <= 3 && growth <= 1.5 && noSeq && allAnswered,
      details: {
        connections,
        buffersGrowth: { total: growth, worstRequest: Math.round(worstRequest * 100) / 100 },
        sizes: bySize,
      },
    }];
  } finally {
    await stack.stop();
  }
}

/**
 * booking-race (the providers' half): 20 providers, one window each, ten coordinators' requests
 * per window at once through the built API (200 concurrent bookings): exactly 20 may succeed,
 * and the database must hold no two overlapping live bookings of a provider.
 */
export async function bookingRace({ windows = 20, perWindow = 10 } = {}) {
  const stack = await matchingStack();
  try {
    await seedProviders(stack.db, windows, stack.hospitalId);
    // Every one of them a verified interpreter, free on Tuesday morning.
    await stack.db.query(`UPDATE care_providers SET kind = 'interpreter', active = true`);
    const all = (await stack.db.query('SELECT id FROM care_providers ORDER BY id')).map((r) => r.id);
    const start = new Date(MONDAY + 24 * HOUR + 4 * HOUR).toISOString();
    const end = new Date(MONDAY + 24 * HOUR + 6 * HOUR).toISOString();
    // The patient, whose submitted application the bench's hospital sponsors: a coordinator books only for a patient their hospital treats.
    const [patient] = await stack.db.query(`INSERT INTO patients (email, name) VALUES ('race.patient@bench.medjourney.dev', 'Race patient') RETURNING id`);
    const [account] = await stack.db.query(`INSERT INTO users (email, name, role, patient_id) VALUES ('race.patient@bench.medjourney.dev', 'Race patient', 'patient', $1) RETURNING id`, [patient.id]);
    await stack.db.query(
      `INSERT INTO visa_applications (reference, sponsor_hospital_id, patient_id, patient_user_id, created_by, status, track, submitted_at, category, entries, stay_from, stay_until, treatment)
       VALUES ('MV-RACE-000001', $1, $2, $3, $3, 'submitted', 'e_visa', now(), 'C-3-3', 'single', '2031-01-01', '2031-01-10', '{}')`,
      [stack.hospitalId, patient.id, account.id],
    );
    const attempts = all.flatMap((providerId) => Array.from({ length: perWindow }, () => providerId));
    const started = Date.now();
    const statuses = await Promise.all(attempts.map((providerId) =>
      fetch(`${stack.api.url}/api/v1/care-assignments`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${stack.token}` },
        body: JSON.stringify({ providerId, patientId: patient.id, hospitalId: stack.hospitalId, kind: 'interpreter', start, end }),
      }).then(async (r) => `${r.status}${r.status === 201 ? '' : ` ${(await r.json()).code}`}`)));
    const seconds = (Date.now() - started) / 1000;
    const [{ overlaps }] = await stack.db.query(
      `SELECT count(*)::int AS overlaps FROM provider_bookings a JOIN provider_bookings b ON a.provider_id = b.provider_id AND a.id < b.id AND a.during && b.during WHERE a.live AND b.live`,
    );
    const succeeded = statuses.filter((s) => s === '201').length;
    const byStatus = statuses.reduce((acc, s) => ({ ...acc, [s]: (acc[s] ?? 0) + 1 }), {});
    return [{
      name: 'booking-race',
      figure: 'successful bookings of 20 windows, overlaps (providers)',
      value: `${succeeded}, ${overlaps}`,
      target: 'exactly 20, 0',
      met: succeeded === all.length && overlaps === 0 && all.length === windows,
      details: { concurrentBookings: attempts.length, windows: all.length, byStatus, seconds },
    }];
  } finally {
    await stack.stop();
  }
}
