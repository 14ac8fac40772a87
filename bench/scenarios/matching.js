import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { benchDatabase, percentile, privateRedis, ROOT, sleep, startApi, survivesDrop } from '../lib.js';

const LANGUAGES = ['ru', 'mn', 'zh', 'ja', 'vi', 'ar', 'en', 'kk'];
const LEVELS = ['native', 'fluent', 'professional'];
const REGIONS = ['Seoul', 'Busan', 'Incheon', 'Gyeonggi', 'Daegu', 'Jeju'];
const MATCHING_TABLES = ['care_providers', 'care_provider_languages', 'care_provider_certifications', 'care_provider_availability', 'provider_bookings'];
// Monday 09:00 in Seoul, a week ahead of any real date the bench runs on (availability is seeded from here).
const MONDAY = Date.UTC(2031, 0, 6, 0, 0, 0);
const HOUR = 3_600_000;
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
 * `n` verified providers written in bulk: 80 % interpreters; one to three of the programme's
 * languages each; most certified; weekday hours 09:00-18:00 Seoul (00:00-09:00Z) for four
 * weeks from MONDAY as availability instants; a booking on every fifth provider's Monday morning.
 */
async function seedProviders(db, n, hospitalId) {
  await db.query(
    `INSERT INTO care_providers (id, kind, name, regions, hospital_ids, specialties, max_hours_per_week, rating, rating_count, rating_sum, active, verified_at)
     SELECT ${PID}, CASE WHEN i % 5 = 0 THEN 'caregiver' ELSE 'interpreter' END, 'Provider ' || i,
            ARRAY[($2::text[])[1 + i % 6]], CASE WHEN i % 7 = 0 THEN ARRAY[$3::uuid] ELSE '{}' END,
            CASE WHEN i % 3 = 0 THEN ARRAY['oncology'] ELSE ARRAY['dermatology'] END, 40,
            CASE WHEN i % 4 = 0 THEN NULL ELSE 3 + (i % 3) END, CASE WHEN i % 4 = 0 THEN 0 ELSE 1 END, CASE WHEN i % 4 = 0 THEN 0 ELSE 3 + (i % 3) END,
            i % 50 <> 0, now()
       FROM generate_series(1, $1) i`,
    [n, REGIONS, hospitalId],
  );
  await db.query(
    `INSERT INTO care_provider_languages (provider_id, code, level)
     SELECT DISTINCT ON (${PID}, ($2::text[])[1 + (i * k * 7 + k) % 8]) ${PID}, ($2::text[])[1 + (i * k * 7 + k) % 8], ($3::text[])[1 + (i + k) % 3]
       FROM generate_series(1, $1) i, generate_series(1, 1 + i % 3) k`,
    [n, LANGUAGES, LEVELS],
  );
  await db.query(
    `INSERT INTO care_provider_certifications (provider_id, type, number, valid_until)
     SELECT ${PID}, CASE WHEN i % 5 = 0 THEN 'care_worker' ELSE 'medical_interpreter' END, 'C-' || i, CASE WHEN i % 9 = 0 THEN DATE '2025-12-31' ELSE DATE '2035-12-31' END
       FROM generate_series(1, $1) i WHERE i % 6 <> 0`,
    [n],
  );
  await db.query(
    `INSERT INTO care_provider_availability (provider_id, during)
     SELECT ${PID}, tstzrange($2::timestamptz + make_interval(days => d), $2::timestamptz + make_interval(days => d, hours => 9), '[)')
       FROM generate_series(1, $1) i, generate_series(0, 27) d WHERE d % 7 < 5`,
    [n, new Date(MONDAY)],
  );
  await db.query(
    `INSERT INTO provider_bookings (provider_id, during, source, source_id)
     SELECT ${PID}, tstzrange($2::timestamptz, $2::timestamptz + interval '3 hours', '[)'), 'care_assignment', gen_random_uuid()
       FROM generate_series(1, $1) i WHERE i % 5 = 1`,
    [n, new Date(MONDAY)],
  );
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

/**
 * match: POST /matches through the built API, 20 connections, with 50,000 providers; then the
 * same statement (ranking and exclusion counts in one pass) and the insert of the match through
 * bare `pg`, 20 clients. The figure is the ratio of the p99s; the plans must read matching's
 * tables through indexes, and PostgreSQL's counters must show no sequential scan during the load.
 */
export async function match({ providers = 50_000, seconds = 10, connections = 20 } = {}) {
  const stack = await matchingStack();
  try {
    const seeded = Date.now();
    await seedProviders(stack.db, providers, stack.hospitalId);
    const seedSeconds = (Date.now() - seeded) / 1000;
    const { MatchingService } = await import(join(ROOT, 'dist/apps/api/libs/matching/src/services/matching.service.js'));
    const bodies = requestBodies(stack.hospitalId);
    const asRequest = (b) => ({ ...b, requireCertified: true, specialty: b.specialty, hospitalId: b.hospitalId, region: b.region });

    const first = await (await fetch(`${stack.api.url}/api/v1/matches`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${stack.token}` }, body: JSON.stringify(bodies[0]) })).json();
    if (!Array.isArray(first.candidates) || first.candidates.length !== 10) throw new Error(`the match answered ${JSON.stringify(first).slice(0, 300)}`);

    const client = new pg.Client({ connectionString: stack.db.url });
    await client.connect();
    const plans = [];
    for (const body of bodies) {
      const [{ 'QUERY PLAN': [plan] }] = (await client.query(`EXPLAIN (FORMAT JSON) ${MatchingService.SQL}`, MatchingService.params(asRequest(body)))).rows;
      plans.push(...seqScans(plan.Plan));
    }
    await client.end();

    const counters = async () => Object.fromEntries((await stack.db.query(`SELECT relname, seq_scan::bigint AS seq FROM pg_stat_user_tables WHERE relname = ANY($1)`, [MATCHING_TABLES])).map((r) => [r.relname, Number(r.seq)]));
    await sleep(1500);
    const before = await counters();
    const viaApi = await autocannon({
      url: `${stack.api.url}/api/v1/matches`, connections, duration: seconds,
      requests: bodies.map((b) => ({ method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${stack.token}` }, body: JSON.stringify(b) })),
    });
    await sleep(1500);
    const after = await counters();
    const seqDuringLoad = Object.fromEntries(MATCHING_TABLES.map((t) => [t, (after[t] ?? 0) - (before[t] ?? 0)]));

    // The same statements through bare pg: the ranking, the counts and the stored match.
    const pool = survivesDrop(new pg.Pool({ connectionString: stack.db.url, max: connections }));
    const latencies = [];
    const deadline = Date.now() + seconds * 1000;
    let k = 0;
    await Promise.all(Array.from({ length: connections }, async () => {
      while (Date.now() < deadline) {
        const r = asRequest(bodies[k++ % bodies.length]);
        const started = process.hrtime.bigint();
        const c = await pool.connect();
        try {
          await c.query('BEGIN');
          await c.query('SET LOCAL jit = off');
          const [{ candidates, excluded }] = (await c.query(MatchingService.SQL, MatchingService.params(r))).rows;
          await c.query('INSERT INTO matches (requested_by, hospital_id, request, candidates, excluded) VALUES (gen_random_uuid(), $1, $2, $3, $4)', [r.hospitalId, JSON.stringify(r), JSON.stringify(candidates), JSON.stringify(excluded)]);
          await c.query('COMMIT');
        } finally {
          c.release();
        }
        latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
      }
    }));
    await pool.end();
    latencies.sort((a, b) => a - b);
    const rawP99 = percentile(latencies, 0.99);
    const ratio = Math.round((viaApi.latency.p99 / rawP99) * 100) / 100;
    const noSeq = plans.length === 0 && Object.values(seqDuringLoad).every((v) => v === 0);
    return [{
      name: 'match',
      figure: 'p99 via the API ÷ p99 of raw pg',
      value: ratio,
      target: '<= 3, no sequential scan',
      met: ratio <= 3 && noSeq && viaApi.non2xx === 0,
      details: {
        providers,
        connections,
        api: { p50: viaApi.latency.p50, p99: viaApi.latency.p99, requestsPerSecond: viaApi.requests.average, non2xx: viaApi.non2xx },
        rawPg: { p50: Math.round(percentile(latencies, 0.5) * 10) / 10, p99: Math.round(rawP99 * 10) / 10, requests: latencies.length },
        sequentialScansInPlans: plans,
        sequentialScansDuringLoad: seqDuringLoad,
        seedSeconds: Math.round(seedSeconds),
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
