import { randomBytes } from 'node:crypto';
import argon2 from 'argon2';
import autocannon from 'autocannon';
import pg from 'pg';
import { benchDatabase, privateRedis, sleep, startApi } from '../lib.js';
import { captureStatements, replay } from './officer-queue.js';

const DAY = 86_400_000;
// The tables the scenario gives a size: these must never be read sequentially.
const SIZED_TABLES = ['telemedicine_appointments', 'care_providers', 'care_provider_languages', 'care_provider_certifications', 'care_provider_availability', 'provider_bookings'];
// 09:00-18:00 in Seoul, every day: the clinicians' weekly hours and the interpreters' availability.
const EVERY_DAY = (start, end) => [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start, end }));
/** 00:00Z of the UTC day `days` from today: 09:00 in Seoul, the first slot of that Seoul day. */
const seoulMorning = (days) => new Date(Math.floor(Date.now() / DAY) * DAY + days * DAY);

/**
 * The built API with a hospital and its coordinator (an account written with an argon2 hash, as
 * the API writes them), logged in through the API; `clinician()` adds a clinician and their
 * schedule. `env` starts a second API process on the same database (statement capture).
 */
async function telemedicineStack(env = {}) {
  const redis = await privateRedis();
  const db = await benchDatabase();
  const apiEnv = { DATABASE_URL: db.url, REDIS_URL: redis.url, QUEUE_PREFIX: 'bench', DATABASE_POOL_SIZE: '20', ...env };
  const api = await startApi(apiEnv).catch(async (e) => {
    await db.drop();
    await redis.stop();
    throw e;
  });
  try {
    const password = randomBytes(12).toString('hex');
    const hash = await argon2.hash(password, { type: argon2.argon2id });
    const [hospital] = await db.query(
      `INSERT INTO hospitals (name, license_number, type, bed_count, region, address, registration_number, registration_valid_until)
       VALUES ('Telemedicine bench', 'L-TELE', 'tertiary_general', 900, 'Seoul', 'Bench', 'R-TELE', '2099-01-01') RETURNING id`,
    );
    const [coordinator] = await db.query(`INSERT INTO users (email, password_hash, name, role, hospital_id) VALUES ('tele.coordinator@bench.medjourney.dev', $1, 'Tele coordinator', 'hospital_coordinator', $2) RETURNING id`, [hash, hospital.id]);
    const login = async (email) => {
      const res = await fetch(`${api.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
      if (res.status !== 200 && res.status !== 201) throw new Error(`login of ${email} answered ${res.status}`);
      return (await res.json()).accessToken;
    };
    const token = await login('tele.coordinator@bench.medjourney.dev');
    const clinician = async (n, weekly) => {
      const [c] = await db.query(`INSERT INTO users (email, name, role, hospital_id) VALUES ($1, $2, 'clinician', $3) RETURNING id`, [`clinician${n}@bench.medjourney.dev`, `Dr. Bench ${n}`, hospital.id]);
      const res = await fetch(`${api.url}/api/v1/clinicians/${c.id}/schedule`, {
        method: 'PUT', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ timezone: 'Asia/Seoul', slotMinutes: 30, weekly, exceptions: [] }),
      });
      if (res.status !== 200) throw new Error(`the schedule answered ${res.status} ${await res.text()}`);
      return c.id;
    };
    return {
      api, db, env: apiEnv, hospitalId: hospital.id, coordinatorId: coordinator.id, token, hash, login, clinician,
      async stop() {
        await api.stop();
        await db.drop();
        await redis.stop();
      },
    };
  } catch (e) {
    await api.stop();
    await db.drop();
    await redis.stop();
    throw e;
  }
}

/**
 * `n` eligible patients in bulk: a record, a patient account, an application the bench hospital
 * sponsors (its coordinators act for them) and a discharge there yesterday (within
 * FOLLOW_UP_WINDOW). Returns their ids.
 */
async function seedTreatedPatients(db, n, hospitalId, tag, hash = null) {
  const rows = await db.query(
    `WITH p AS (INSERT INTO patients (email, name) SELECT $2 || i || '@bench.medjourney.dev', 'Patient ' || i FROM generate_series(1, $1) i RETURNING id, email),
          u AS (INSERT INTO users (email, password_hash, name, role, patient_id) SELECT email, $4, 'Patient', 'patient', id FROM p RETURNING id, patient_id),
          a AS (INSERT INTO visa_applications (reference, sponsor_hospital_id, patient_id, patient_user_id, created_by, status, track, category, entries, stay_from, stay_until, treatment, submitted_at, decided_at)
                SELECT 'MV-' || $5 || '-' || row_number() OVER (), $3, patient_id, id, id, 'approved', 'e_visa', 'C-3-3', 'single', '2026-01-01', '2026-01-31', '{}', now() - interval '60 days', now() - interval '50 days' FROM u),
          e AS (INSERT INTO journey_events (patient_id, type, at, hospital_id, recorded_by, recorded_role, created_at)
                SELECT patient_id, 'discharged', now() - interval '1 day', $3, id, 'hospital_coordinator', now() - interval '1 day' FROM u)
     SELECT patient_id AS id FROM u ORDER BY patient_id`,
    [n, `${tag}.patient`, hospitalId, hash, tag.toUpperCase()],
  );
  return rows.map((r) => r.id);
}

/**
 * `n` verified, certified interpreters of four languages (a quarter each), available
 * 09:00-18:00 Seoul every day from yesterday for 40 days as availability instants, every fifth of
 * them held by a care assignment the first three hours of each day.
 */
async function seedInterpreters(db, n) {
  await db.query(
    `INSERT INTO care_providers (kind, name, regions, hospital_ids, specialties, max_hours_per_week, rating_count, rating_sum, active, verified_at)
     SELECT 'interpreter', 'Interpreter ' || i, ARRAY['Seoul'], '{}', '{}', 40, 0, 0, true, now() FROM generate_series(1, $1) i`,
    [n],
  );
  await db.query(`INSERT INTO care_provider_languages (provider_id, code, level) SELECT id, (ARRAY['ru','mn','zh','ja'])[1 + (hashtext(id::text) & 3)], 'native' FROM care_providers`);
  await db.query(`INSERT INTO care_provider_certifications (provider_id, type, number, valid_until) SELECT id, 'medical_interpreter', 'MI-' || id, DATE '2099-12-31' FROM care_providers`);
  await db.query(
    `INSERT INTO care_provider_availability (provider_id, during)
     SELECT id, tstzrange($1::timestamptz + make_interval(days => d), $1::timestamptz + make_interval(days => d, hours => 9), '[)') FROM care_providers, generate_series(0, 40) d`,
    [seoulMorning(-1)],
  );
  await db.query(
    `INSERT INTO provider_bookings (provider_id, during, source, source_id)
     SELECT id, tstzrange($1::timestamptz + make_interval(days => d), $1::timestamptz + make_interval(days => d, hours => 3), '[)'), 'care_assignment', gen_random_uuid()
       FROM (SELECT id, row_number() OVER (ORDER BY id) k FROM care_providers) p, generate_series(0, 40) d WHERE k % 5 = 0`,
    [seoulMorning(-1)],
  );
}

/** The tables a plan reads sequentially, from EXPLAIN (FORMAT JSON). */
function seqScans(plan, found = []) {
  if (plan['Node Type'] === 'Seq Scan') found.push(plan['Relation Name']);
  for (const child of plan.Plans ?? []) seqScans(child, found);
  return found;
}

/**
 * slots: a month of a clinician's free slots, asked by a patient whose profile says
 * America/New_York, with `interpreterLanguage`, while the clinician has 10,000 appointments
 * (three years of hours, 09:00-18:00 Seoul on the hour, to a month ahead; a tenth cancelled).
 * Through the built API with one connection for `seconds`; then the statements the API sent
 * (captured from a second API process) replayed through bare pg, one connection, in the same
 * run. Every captured statement is EXPLAINed twice: as planned, no sequential scan of a sized
 * table (the appointments, matching's registry of `interpreters`), and PostgreSQL's counters
 * during the load must agree; with `enable_seqscan = off`, none at all, so that an index serves
 * every read (a one-row table such as the schedules is rightly read sequentially as planned).
 */
export async function slots({ appointments = 10_000, interpreters = 10_000, seconds = 10 } = {}) {
  const secrets = { JWT_SECRET: randomBytes(24).toString('hex'), PII_KEY: randomBytes(32).toString('base64') };
  const stack = await telemedicineStack(secrets);
  try {
    const { db } = stack;
    const clinicianId = await stack.clinician(1, EVERY_DAY('09:00', '18:00'));
    const [patientId] = await seedTreatedPatients(db, 1, stack.hospitalId, 'slots', stack.hash);
    await db.query(`INSERT INTO journey_profiles (patient_id, timezone, languages, updated_at) VALUES ($1, 'America/New_York', '{ru}', now())`, [patientId]);
    const perDay = 9;
    const firstDay = 31 - Math.ceil(appointments / perDay);
    const seeded = Date.now();
    await db.query(
      `INSERT INTO telemedicine_appointments (id, clinician_id, hospital_id, patient_id, start_at, end_at, status, policy, room_token, created_by, created_at, updated_at)
       SELECT gen_random_uuid(), $1, $2, gen_random_uuid(), s, s + interval '30 minutes',
              CASE WHEN k % 10 = 0 THEN 'cancelled' WHEN s < now() THEN 'fulfilled' ELSE 'booked' END,
              'direct_follow_up', md5(random()::text || k), $3, now(), now()
         FROM generate_series(0, $4 - 1) k, LATERAL (SELECT $5::timestamptz + make_interval(days => k / $6, hours => k % $6) AS s) t`,
      [clinicianId, stack.hospitalId, stack.coordinatorId, appointments, seoulMorning(firstDay), perDay],
    );
    await seedInterpreters(db, interpreters);
    await db.query('VACUUM ANALYZE');
    const seedSeconds = (Date.now() - seeded) / 1000;

    const token = await stack.login('slots.patient1@bench.medjourney.dev');
    const from = seoulMorning(1).toISOString();
    const to = seoulMorning(31).toISOString();
    const path = `/api/v1/telemedicine/slots?clinicianId=${clinicianId}&from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}&interpreterLanguage=ru`;
    const first = await (await fetch(`${stack.api.url}${path}`, { headers: { authorization: `Bearer ${token}` } })).json();
    if (first.timezone !== 'America/New_York' || !(first.items?.length > 0)) throw new Error(`the slots answered ${JSON.stringify(first).slice(0, 300)}`);

    const counters = async () => Object.fromEntries((await db.query('SELECT relname, seq_scan::bigint AS seq FROM pg_stat_user_tables WHERE relname = ANY($1)', [SIZED_TABLES])).map((r) => [r.relname, Number(r.seq)]));
    await sleep(1500);
    const before = await counters();
    const viaApi = await autocannon({ url: `${stack.api.url}${path}`, connections: 1, duration: seconds, headers: { authorization: `Bearer ${token}` } });
    await sleep(1500);
    const after = await counters();
    const seqDuringLoad = Object.fromEntries(SIZED_TABLES.map((t) => [t, (after[t] ?? 0) - (before[t] ?? 0)]));

    const again = await fetch(`${stack.api.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
    if (again.status !== 200) throw new Error(`after the load the API answered ${again.status} ${await again.text()}`);
    const statements = await captureStatements(stack.env, path, token);
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    const plans = [];
    try {
      const explain = async (st) => seqScans((await client.query(`EXPLAIN (FORMAT JSON) ${st.text}`, st.values)).rows[0]['QUERY PLAN'][0].Plan);
      for (const st of statements.filter((s) => /^\s*(SELECT|WITH)/i.test(s.text))) {
        const planned = await explain(st);
        await client.query('SET enable_seqscan = off');
        const indexOnly = await explain(st);
        await client.query('RESET enable_seqscan');
        plans.push({ statement: st.text.replace(/\s+/g, ' ').slice(0, 100), seqScans: planned, seqScansWithSeqscanOff: indexOnly });
      }
    } finally {
      await client.end();
    }
    const raw = await replay(db.url, statements, 1, seconds);
    const ratio = Math.round((viaApi.latency.p99 / raw.p99) * 100) / 100;
    const seqOfSized = plans.flatMap((p) => p.seqScans).filter((t) => SIZED_TABLES.includes(t));
    const noIndex = plans.flatMap((p) => p.seqScansWithSeqscanOff);
    const noSeq = seqOfSized.length === 0 && noIndex.length === 0 && Object.values(seqDuringLoad).every((v) => v === 0);
    return [{
      name: 'slots',
      figure: 'p99, one connection: API ÷ raw pg',
      value: ratio,
      target: '<= 3, no sequential scan',
      met: ratio <= 3 && noSeq && viaApi.non2xx === 0,
      details: {
        appointments,
        interpreters,
        sequentialScansOfSizedTablesInPlans: seqOfSized,
        tablesWithoutAnIndexPath: noIndex,
        slotsAnswered: first.items.length,
        api: { p50: viaApi.latency.p50, p99: viaApi.latency.p99, requestsPerSecond: viaApi.requests.average, non2xx: viaApi.non2xx },
        rawPg: { ...raw, statementsPerRequest: statements.length },
        plans,
        sequentialScansDuringLoad: seqDuringLoad,
        seedSeconds: Math.round(seedSeconds),
      },
    }];
  } finally {
    await stack.stop();
  }
}

/**
 * booking-race (the clinicians' half): a clinician with 20 free slots on one day, 200 eligible
 * patients, and their hospital's coordinator booking ten patients onto each slot at once through
 * the built API (200 concurrent bookings): exactly 20 may succeed, the rest SLOT_TAKEN, and the
 * database must hold no two overlapping booked appointments of the clinician.
 */
export async function clinicianBookingRace({ slotCount = 20, perSlot = 10 } = {}) {
  const stack = await telemedicineStack();
  try {
    // 09:00-19:00 Seoul: twenty 30-minute slots a day.
    const clinicianId = await stack.clinician(1, EVERY_DAY('09:00', '19:00'));
    const patients = await seedTreatedPatients(stack.db, slotCount * perSlot, stack.hospitalId, 'race');
    const day = seoulMorning(2).getTime();
    const attempts = patients.map((patientId, i) => ({ patientId, start: new Date(day + (i % slotCount) * 30 * 60_000).toISOString() }));
    const started = Date.now();
    const answers = await Promise.all(attempts.map((a) =>
      fetch(`${stack.api.url}/api/v1/telemedicine/appointments`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${stack.token}` },
        body: JSON.stringify({ clinicianId, ...a }),
      }).then(async (r) => `${r.status}${r.status === 201 ? '' : ` ${(await r.json()).code}`}`)));
    const seconds = (Date.now() - started) / 1000;
    const [{ overlaps }] = await stack.db.query(
      `SELECT count(*)::int AS overlaps FROM telemedicine_appointments a JOIN telemedicine_appointments b
          ON a.clinician_id = b.clinician_id AND a.id < b.id AND tstzrange(a.start_at, a.end_at, '[)') && tstzrange(b.start_at, b.end_at, '[)')
       WHERE a.status = 'booked' AND b.status = 'booked' AND a.clinician_id = $1`,
      [clinicianId],
    );
    const [{ booked, distinctStarts }] = await stack.db.query(`SELECT count(*)::int AS booked, count(DISTINCT start_at)::int AS "distinctStarts" FROM telemedicine_appointments WHERE clinician_id = $1 AND status = 'booked'`, [clinicianId]);
    const succeeded = answers.filter((s) => s === '201').length;
    const byAnswer = answers.reduce((acc, s) => ({ ...acc, [s]: (acc[s] ?? 0) + 1 }), {});
    return [{
      name: 'booking-race',
      figure: 'successful bookings of 20 slots, overlaps (clinicians)',
      value: `${succeeded}, ${overlaps}`,
      target: 'exactly 20, 0',
      met: succeeded === slotCount && booked === slotCount && distinctStarts === slotCount && overlaps === 0,
      details: { concurrentBookings: attempts.length, slots: slotCount, byAnswer, bookedInDatabase: booked, distinctStarts, seconds },
    }];
  } finally {
    await stack.stop();
  }
}
