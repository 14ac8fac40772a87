import { randomBytes } from 'node:crypto';
import autocannon from 'autocannon';
import { benchDatabase, privateRedis, startApi } from '../lib.js';
import { captureStatements, replay } from './officer-queue.js';

const NATIONALITIES = [
  'CHN', 'JPN', 'USA', 'VNM', 'MNG', 'RUS', 'KAZ', 'THA', 'UZB', 'PHL', 'ARE', 'TWN', 'SGP', 'CAN', 'AUS', 'DEU', 'FRA', 'GBR', 'IDN', 'MYS',
  'IND', 'SAU', 'KGZ', 'TJK', 'TKM', 'AZE', 'UKR', 'BLR', 'POL', 'TUR', 'EGY', 'QAT', 'KWT', 'OMN', 'BHR', 'JOR', 'ISR', 'MEX', 'BRA', 'ARG',
  'CHL', 'PER', 'COL', 'NZL', 'ITA', 'ESP', 'NLD', 'SWE', 'NOR', 'FIN', 'DNK', 'CHE', 'AUT', 'BEL', 'IRL', 'PRT', 'GRC', 'HUN', 'CZE', 'ROU',
];
const SPECIALTIES = ['plastic_surgery', 'dermatology', 'internal_medicine', 'health_screening', 'oncology', 'cardiology', 'orthopedics', 'neurology', 'obstetrics_gynecology', 'ophthalmology', 'dentistry', 'korean_medicine', 'organ_transplant', 'fertility', 'rehabilitation', 'pediatrics'];
const REGIONS = ['Seoul', 'Busan', 'Daegu', 'Incheon', 'Gwangju', 'Daejeon', 'Ulsan', 'Sejong', 'Gyeonggi', 'Gangwon', 'Chungbuk', 'Chungnam', 'Jeonbuk', 'Jeonnam', 'Gyeongbuk', 'Gyeongnam', 'Jeju'];
const HOSPITALS = 300;
const MONTHS = 36;
const STATISTICS_TABLES = ['statistics_monthly', 'statistics_histograms', 'statistics_patient_months', 'statistics_applied_chains'];

/**
 * statistics: the programme figures for 36 months grouped by nationality through the built API,
 * at 100,000 and then 1,000,000 applications (spec/performance.md). The read model is written as
 * the subscriber leaves it for that many applications (a fifth of the patients apply twice, the
 * second time one to six months later), 60 nationalities, 16 specialties, 300 hospitals over 17 regions, decisions with counted
 * hours, arrivals; every (dimension, key, patient, month) row the subscriber keeps is there too,
 * so the rows stored grow with the applications. Other modules' tables are not read by these
 * statements and are not seeded. Per size: the API's p99 at one connection ÷ bare pg's p99 for the
 * statements the API sent (captured from a second API process), and the shared buffers those
 * statements touch (EXPLAIN (ANALYZE, BUFFERS)); the figure is the buffers at 1,000,000 ÷ at 100,000.
 */
export async function statistics({ sizes = [100_000, 1_000_000], seconds = 10 } = {}) {
  const redis = await privateRedis();
  const db = await benchDatabase();
  const admin = { email: 'bench.admin@bench.medjourney.dev', password: randomBytes(12).toString('hex') };
  const env = { DATABASE_URL: db.url, REDIS_URL: redis.url, QUEUE_PREFIX: 'bench', PII_KEY: randomBytes(32).toString('base64'), ADMIN_EMAIL: admin.email, ADMIN_PASSWORD: admin.password, JWT_SECRET: randomBytes(24).toString('hex') };
  let api;
  try {
    api = await startApi(env);
    const login = async (email, password) =>
      (await (await fetch(`${api.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) })).json()).accessToken;
    const adminToken = await login(admin.email, admin.password);
    const reviewer = { email: 'figures.reviewer@bench.medjourney.dev', password: randomBytes(12).toString('hex') };
    const created = await fetch(`${api.url}/api/v1/users`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
      body: JSON.stringify({ email: reviewer.email, name: 'Figures reviewer', role: 'ministry_reviewer', password: reviewer.password }),
    });
    if (created.status !== 201) throw new Error(`creating the reviewer answered ${created.status}`);
    const token = await login(reviewer.email, reviewer.password);
    const now = new Date();
    const last = `${now.getUTCFullYear()}-${String(now.getUTCMonth() + 1).padStart(2, '0')}`;
    const firstDate = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - (MONTHS - 1), 1));
    const first = firstDate.toISOString().slice(0, 7);
    const path = `/api/v1/statistics/programme?from=${first}&to=${last}&groupBy=nationality`;

    const perSize = [];
    let seeded = 0;
    for (const size of sizes) {
      const started = Date.now();
      // A fifth of the patients apply twice: size ÷ 1.2 patients make about `size` applications.
      await seedFigures(db, Math.round((size - seeded) / 1.2), seeded, `${first}-01`);
      seeded = size;
      for (const t of STATISTICS_TABLES) await db.query(`VACUUM ANALYZE ${t}`);
      const seedSeconds = Math.round((Date.now() - started) / 1000);
      const answer = await (await fetch(`${api.url}${path}`, { headers: { authorization: `Bearer ${token}` } })).json();
      if (!(answer.totals?.applicationsSubmitted > 0.9 * size * (MONTHS / (MONTHS + 1)))) throw new Error(`the figures answered ${JSON.stringify(answer.totals).slice(0, 200)} for ${size}`);
      const statements = (await captureStatements(env, path, token)).filter((s) => /^\s*(SELECT|WITH)/i.test(s.text) && /statistics_/.test(s.text));
      const plans = [];
      for (const st of statements) {
        const [row] = await db.query(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${st.text}`, st.values);
        const plan = row['QUERY PLAN'][0];
        plans.push({ statement: st.text.replace(/\s+/g, ' ').slice(0, 110), sharedBuffers: plan.Plan['Shared Hit Blocks'] + plan.Plan['Shared Read Blocks'], rows: plan.Plan['Actual Rows'], ms: plan['Execution Time'] });
      }
      const load = await autocannon({ url: `${api.url}${path}`, connections: 1, duration: seconds, headers: { authorization: `Bearer ${token}` } });
      const raw = await replay(db.url, statements, 1, seconds);
      const [{ stored }] = await db.query(`SELECT (SELECT count(*) FROM statistics_patient_months) + (SELECT count(*) FROM statistics_monthly) + (SELECT count(*) FROM statistics_histograms) + (SELECT count(*) FROM statistics_applied_chains) AS stored`);
      perSize.push({
        applications: size,
        rowsStored: Number(stored),
        seedSeconds,
        sharedBuffers: plans.reduce((s, p) => s + p.sharedBuffers, 0),
        plans,
        api: { p50: load.latency.p50, p99: load.latency.p99, requestsPerSecond: load.requests.average, non2xx: load.non2xx },
        rawPg: raw,
        p99Ratio: Math.round((load.latency.p99 / raw.p99) * 100) / 100,
        rows: answer.rows.length,
      });
    }
    const [small, big] = [perSize[0], perSize.at(-1)];
    const buffersRatio = Math.round((big.sharedBuffers / small.sharedBuffers) * 100) / 100;
    const details = { perSize };
    return [
      { name: 'statistics', figure: `p99 at ${big.applications}: API ÷ raw pg`, value: big.p99Ratio, target: '<= 3', met: big.p99Ratio <= 3 && big.api.non2xx === 0, details },
      { name: 'statistics', figure: `shared buffers at ${big.applications} ÷ at ${small.applications}`, value: buffersRatio, target: '<= 1.5', met: buffersRatio <= 1.5, details: { buffers: perSize.map((p) => ({ applications: p.applications, rowsStored: p.rowsStored, sharedBuffers: p.sharedBuffers })) } },
    ];
  } finally {
    await api?.stop();
    await db.drop();
    await redis.stop();
  }
}

/** `n` more applications' worth of read model, as the subscriber writes it, in set-based SQL. */
async function seedFigures(db, n, offset, firstMonth) {
  await db.query(`CREATE UNLOGGED TABLE IF NOT EXISTS bench_figures (patient uuid, month date, nat text, spec text, hosp text, region text, persons int, granted int, arrived int, hours int, again date, batch int)`);
  const batch = offset;
  await db.query(
    `INSERT INTO bench_figures
     SELECT gen_random_uuid(), m, ($2::text[])[1 + floor(power(random(), 2.5) * array_length($2::text[], 1))::int], ($3::text[])[1 + floor(random() * array_length($3::text[], 1))::int],
            'h' || h, ($4::text[])[1 + h % array_length($4::text[], 1)], 1 + floor(random() * 2.2)::int, g, (g = 1 AND random() < 0.85)::int, floor(random() * random() * 90)::int,
            CASE WHEN random() < 0.2 THEN (m + make_interval(months => 1 + floor(random() * 6)::int))::date END, $5
       FROM generate_series(1, $1::int) i,
            LATERAL (SELECT ($6::date + make_interval(months => floor(random() * ${MONTHS} + 0 * i)::int))::date AS m, floor(random() * ${HOSPITALS} + 0 * i)::int AS h, (random() + 0 * i < 0.95)::int AS g) x`,
    [n, NATIONALITIES, SPECIALTIES, REGIONS, batch, firstMonth],
  );
  const keys = `(VALUES ('all', 'all'), ('nationality', b.nat), ('specialty', b.spec), ('hospital', b.hosp), ('region', b.region)) d(dim, key)`;
  await db.query(
    `INSERT INTO statistics_monthly (dimension, key, month, metric, value)
     SELECT d.dim, d.key, b.month, v.metric, sum(v.val) FROM bench_figures b CROSS JOIN LATERAL ${keys}
       CROSS JOIN LATERAL (VALUES ('applications_submitted', 1), ('persons_submitted', b.persons), ('applications_granted', b.granted), ('applications_refused', 1 - b.granted),
                                  ('persons_granted', b.granted * b.persons), ('persons_refused', (1 - b.granted) * b.persons), ('evisa_decided', 1), ('evisa_within_target', (b.hours < 72)::int),
                                  ('patients_arrived', b.arrived)) v(metric, val)
      WHERE b.batch = $1 GROUP BY 1, 2, 3, 4
     ON CONFLICT (dimension, month, key, metric) DO UPDATE SET value = statistics_monthly.value + EXCLUDED.value`,
    [batch],
  );
  await db.query(
    `INSERT INTO statistics_monthly (dimension, key, month, metric, value)
     SELECT d.dim, d.key, b.again, v.metric, sum(v.val) FROM bench_figures b CROSS JOIN LATERAL ${keys}
       CROSS JOIN LATERAL (VALUES ('applications_submitted', 1), ('persons_submitted', b.persons)) v(metric, val)
      WHERE b.batch = $1 AND b.again IS NOT NULL GROUP BY 1, 2, 3, 4
     ON CONFLICT (dimension, month, key, metric) DO UPDATE SET value = statistics_monthly.value + EXCLUDED.value`,
    [batch],
  );
  // One row per key and month, its hour buckets an array (counts[h + 1]), added bucket by bucket to what is there.
  await db.query(
    `WITH cells AS (SELECT d.dim, d.key, b.month, b.hours AS bucket, count(*)::int AS n FROM bench_figures b CROSS JOIN LATERAL ${keys} WHERE b.batch = $1 GROUP BY 1, 2, 3, 4),
          sized AS (SELECT dim, key, month, max(bucket) AS top FROM cells GROUP BY 1, 2, 3)
     INSERT INTO statistics_histograms (dimension, key, month, metric, counts)
     SELECT s.dim, s.key, s.month, 'decision_hours', array_agg(coalesce(c.n, 0) ORDER BY g.i)
       FROM sized s CROSS JOIN LATERAL generate_series(0, s.top) AS g(i)
       LEFT JOIN cells c ON (c.dim, c.key, c.month, c.bucket) = (s.dim, s.key, s.month, g.i)
      GROUP BY 1, 2, 3
     ON CONFLICT (dimension, month, key, metric) DO UPDATE SET counts = (
       SELECT array_agg(coalesce(statistics_histograms.counts[i], 0) + coalesce(EXCLUDED.counts[i], 0) ORDER BY i)
         FROM generate_series(1, greatest(cardinality(statistics_histograms.counts), cardinality(EXCLUDED.counts))) AS i)`,
    [batch],
  );
  // Each patient's months (a fifth apply again later) and the chains counted from them.
  await db.query(
    `INSERT INTO statistics_patient_months (dimension, key, patient_id, month)
     SELECT d.dim, d.key, b.patient, mo FROM bench_figures b CROSS JOIN LATERAL ${keys} CROSS JOIN LATERAL unnest(array_remove(ARRAY[b.month, b.again], NULL)) mo
      WHERE b.batch = $1 ON CONFLICT DO NOTHING`,
    [batch],
  );
  await db.query(
    `INSERT INTO statistics_applied_chains (dimension, key, month, previous, count)
     SELECT d.dim, d.key, c.mo, c.prev, count(*) FROM bench_figures b CROSS JOIN LATERAL ${keys}
       CROSS JOIN LATERAL (VALUES (b.month, '0001-01-01'::date), (b.again, b.month)) c(mo, prev)
      WHERE b.batch = $1 AND c.mo IS NOT NULL GROUP BY 1, 2, 3, 4
     ON CONFLICT (dimension, month, key, previous) DO UPDATE SET count = statistics_applied_chains.count + EXCLUDED.count`,
    [batch],
  );
}
