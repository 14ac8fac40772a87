import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { benchDatabase, percentile, privateRedis, startApi } from '../lib.js';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const PATIENT_DOCUMENTS = ['passport_copy', 'medical_confirmation', 'diagnosis', 'treatment_plan', 'proof_of_funds'];
const COMPANION_DOCUMENTS = ['passport_copy', 'relationship_proof'];
let passports = 0;
const person = (over = {}) => ({
  surname: 'BENCH',
  givenNames: 'PERSON',
  sex: 'X',
  dateOfBirth: '1985-03-14',
  nationality: 'KAZ',
  passportNumber: `B${String(++passports).padStart(8, '0')}`,
  passportExpiry: '2035-01-01',
  ...over,
});

/**
 * submit and memory: coordinators of a designated hospital create and submit applications of
 * three persons through the built API (create, the nine documents, submit: eleven requests,
 * each with its audit record and outbox event), `connections` at once for `seconds`. The
 * baseline writes the same rows with raw `pg` (the application, three persons, nine document
 * rows, two history lines, eleven audit rows, eleven outbox rows) in one transaction per
 * application, at the same concurrency, with no files, no audit chain and no HTTP.
 */
export async function submit({ seconds = 20, connections = 50 } = {}) {
  const redis = await privateRedis();
  const db = await benchDatabase();
  const admin = { email: 'bench.admin@bench.medjourney.dev', password: randomBytes(12).toString('hex') };
  let api;
  try {
    api = await startApi({ DATABASE_URL: db.url, DATABASE_POOL_SIZE: '20', REDIS_URL: redis.url, QUEUE_PREFIX: 'bench', ADMIN_EMAIL: admin.email, ADMIN_PASSWORD: admin.password });
    const call = async (method, path, token, body) => {
      const res = await fetch(`${api.url}/api/v1${path}`, {
        method,
        headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body instanceof FormData || body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body instanceof FormData ? body : body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : null };
    };
    const adminToken = (await call('POST', '/auth/login', null, admin)).body.accessToken;
    const hospital = await call('POST', '/hospitals', adminToken, {
      name: 'Bench General', licenseNumber: 'L-BENCH-SUBMIT', type: 'tertiary_general', bedCount: 900, region: 'Seoul', address: 'Bench 1',
      specialties: ['oncology'], languages: ['en'], registration: { number: 'R-BENCH', validUntil: '2099-12-31' },
    });
    const coordinatorLogin = { email: 'coordinator@bench.medjourney.dev', password: randomBytes(12).toString('hex') };
    await call('POST', '/users', adminToken, { ...coordinatorLogin, name: 'Bench coordinator', role: 'hospital_coordinator', hospitalId: hospital.body.id });
    const coordinator = (await call('POST', '/auth/login', null, coordinatorLogin)).body.accessToken;
    const now = new Date();
    const year = now.getUTCMonth() >= 9 ? now.getUTCFullYear() : now.getUTCFullYear() - 1;
    const designation = await call('POST', `/hospitals/${hospital.body.id}/designation-applications`, coordinator, { year });
    if (designation.status !== 201) throw new Error(`designation answered ${designation.status}: ${JSON.stringify(designation.body)}`);

    const latencies = [];
    let failures = 0;
    let submitted = 0;
    const timed = async (...args) => {
      const started = performance.now();
      const res = await call(...args);
      latencies.push(performance.now() - started);
      if (res.status >= 300) failures++;
      return res;
    };
    const stayFrom = new Date(Date.now() + 30 * 86400_000).toISOString().slice(0, 10);
    const stayUntil = new Date(Date.now() + 59 * 86400_000).toISOString().slice(0, 10);
    const one = async () => {
      const draft = await timed('POST', '/visa-applications', coordinator, {
        category: 'C-3-3', entries: 'single', stayFrom, stayUntil,
        treatment: { specialty: 'oncology', summary: 'Bench', plannedStart: stayFrom, plannedEnd: stayUntil },
        patient: { ...person(), email: `p${passports}@bench.medjourney.dev` },
        companions: [person({ relationship: 'spouse' }), person({ relationship: 'child' })],
      });
      if (draft.status !== 201) return;
      for (const p of draft.body.persons) {
        for (const type of p.role === 'patient' ? PATIENT_DOCUMENTS : COMPANION_DOCUMENTS) {
          const form = new FormData();
          form.set('type', type);
          form.set('personId', p.id);
          form.set('file', new Blob([PDF], { type: 'application/pdf' }), `${type}.pdf`);
          await timed('POST', `/visa-applications/${draft.body.id}/documents`, coordinator, form);
        }
      }
      if ((await timed('POST', `/visa-applications/${draft.body.id}/submit`, coordinator)).status === 200) submitted++;
    };
    const idleRss = rssOf(api.pid);
    const deadline = Date.now() + seconds * 1000;
    const started = Date.now();
    let peakRss = 0;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, rssOf(api.pid))), 200);
    await Promise.all(Array.from({ length: connections }, async () => {
      while (Date.now() < deadline) await one();
    }));
    clearInterval(sampler);
    const elapsed = (Date.now() - started) / 1000;
    peakRss = Math.max(peakRss, highWaterOf(api.pid));
    await api.stop();
    api = undefined;

    const baseline = await rawBaseline(db, seconds, connections);
    const apiRate = submitted / elapsed;
    const ratio = apiRate / baseline;
    latencies.sort((a, b) => a - b);
    const p99 = percentile(latencies, 0.99);
    const peakMb = peakRss / 1024;
    return [
      { name: 'submit', figure: 'throughput ratio to raw pg', value: round(ratio), target: '>= 0.5; p99 < 150 ms', met: ratio >= 0.5 && p99 < 150 && failures === 0,
        details: { connections, seconds: Math.round(elapsed), applicationsSubmitted: submitted, applicationsPerSecond: round(apiRate), baselineApplicationsPerSecond: round(baseline), requests: latencies.length, failedRequests: failures,
          requestLatencyMs: { p50: round(percentile(latencies, 0.5)), p90: round(percentile(latencies, 0.9)), p99: round(p99), max: round(latencies.at(-1)) } } },
      { name: 'memory', figure: 'API peak RSS under the submit load (MB)', value: Math.round(peakMb), target: '< 300', met: peakMb < 300, details: { source: '/proc/<pid>/status VmHWM', idleBeforeLoadMb: Math.round(idleRss / 1024) } },
    ];
  } finally {
    await api?.stop();
    await db.drop();
    await redis.stop();
  }
}

/** The same rows as one submitted application, written by bare pg clients, one transaction each. */
async function rawBaseline(db, seconds, connections) {
  const pool = new pg.Pool({ connectionString: db.url, max: connections });
  try {
    const [{ hospital, user, patient }] = await db.query(
      `SELECT (SELECT id FROM hospitals LIMIT 1) AS hospital, (SELECT id FROM users WHERE role = 'hospital_coordinator' LIMIT 1) AS user,
              (SELECT id FROM patients LIMIT 1) AS patient`,
    );
    let done = 0;
    let n = 0;
    const deadline = Date.now() + seconds * 1000;
    const started = Date.now();
    await Promise.all(Array.from({ length: connections }, async () => {
      const client = await pool.connect();
      try {
        while (Date.now() < deadline) {
          const k = ++n;
          await client.query('BEGIN');
          const { rows: [app] } = await client.query(
            `INSERT INTO visa_applications (reference, sponsor_hospital_id, patient_id, patient_user_id, created_by, status, track, category, entries, stay_from, stay_until, treatment, submitted_at)
             VALUES ($1, $2, $3, $4, $4, 'submitted', 'e_visa', 'C-3-3', 'single', '2031-01-01', '2031-01-30', '{"specialty":"oncology"}', now()) RETURNING id`,
            [`MV-RAW-${k}`, hospital, patient, user],
          );
          const persons = [];
          for (let o = 0; o < 3; o++) {
            const passport = `R${String(k * 3 + o).padStart(8, '0')}`;
            const { rows: [p] } = await client.query(
              `INSERT INTO visa_persons (application_id, ordinal, role, relationship, surname, given_names, sex, date_of_birth_sealed, nationality, passport_number_sealed, passport_hash, passport_search_hash, passport_expiry, open_passport_hash)
               VALUES ($1, $2, $3, $4, 'RAW', 'PERSON', 'X', $5, 'KAZ', $6, $7, $8, '2035-01-01', $7) RETURNING id`,
              [app.id, o, o === 0 ? 'patient' : 'companion', o === 0 ? null : 'spouse', randomBytes(40).toString('base64'), randomBytes(40).toString('base64'), hash(`KAZ${passport}`), hash(passport)],
            );
            persons.push(p.id);
          }
          for (const [i, personId] of [0, 0, 0, 0, 0, 1, 1, 2, 2].map((p, i) => [i, persons[p]])) {
            await client.query(
              `INSERT INTO visa_documents (application_id, person_id, type, filename, content_type, size, sha256, storage_key, uploaded_by, uploaded_at)
               VALUES ($1, $2, 'passport_copy', 'f.pdf', 'application/pdf', 50, $3, $4, $5, now())`,
              [app.id, personId, hash(`${k}.${i}`), `raw/${k}/${i}`, user],
            );
          }
          for (const action of ['create', 'submit']) {
            await client.query(`INSERT INTO visa_application_events (application_id, action, to_status, occurred_at) VALUES ($1, $2, 'submitted', now())`, [app.id, action]);
          }
          for (let i = 0; i < 11; i++) {
            await client.query(
              `INSERT INTO audit_log (occurred_at, action, entity_type, entity_id, after, prev_hash, hash) VALUES (now(), 'raw', 'visa_application', $1, '{"status":"submitted"}', 'x', 'y')`,
              [app.id],
            );
            await client.query(`INSERT INTO outbox (queue, job_name, job_id, payload) VALUES ('visas', 'application-event', $1, $2)`, [`raw.${k}.${i}`, { applicationId: app.id }]);
          }
          await client.query('COMMIT');
          done++;
        }
      } finally {
        client.release();
      }
    }));
    return done / ((Date.now() - started) / 1000);
  } finally {
    await pool.end();
  }
}

const hash = (s) => createHash('sha256').update(s).digest('hex');
const round = (x) => (x === null || x === undefined ? null : Math.round(x * 1000) / 1000);

function statusKb(pid, field) {
  try {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith(`${field}:`));
    return line ? Number(line.split(/\s+/)[1]) : 0;
  } catch {
    return 0;
  }
}
const rssOf = (pid) => statusKb(pid, 'VmRSS');
const highWaterOf = (pid) => statusKb(pid, 'VmHWM');
