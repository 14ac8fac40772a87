import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import pg from 'pg';
import { benchDatabase, percentile, privateRedis, sleep, startApi, startWorker, survivesDrop, until } from '../lib.js';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const PATIENT_DOCUMENTS = ['passport_copy', 'medical_confirmation', 'diagnosis', 'treatment_plan', 'proof_of_funds'];
const COMPANION_DOCUMENTS = ['passport_copy', 'relationship_proof'];
/**
 * The nine-document upload as the console's FormData sends it (the files' parts, then the
 * `documents` manifest), encoded once: only the manifest's person ids change between applications.
 */
const BOUNDARY = '----formdata-medjourney-bench';
const MULTIPART = `multipart/form-data; boundary=${BOUNDARY}`;
const filePart = (type) => Buffer.concat([
  Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="files"; filename="${type}.pdf"\r\nContent-Type: application/pdf\r\n\r\n`), PDF, Buffer.from('\r\n'),
]);
const FILE_PARTS = { patient: Buffer.concat(PATIENT_DOCUMENTS.map(filePart)), companion: Buffer.concat(COMPANION_DOCUMENTS.map(filePart)) };
const MANIFEST_HEAD = Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="documents"\r\n\r\n`);
const MULTIPART_TAIL = Buffer.from(`\r\n--${BOUNDARY}--\r\n`);
const EMPTY = Buffer.alloc(0);
function documentsUpload(persons) {
  const manifest = [];
  for (const p of persons) for (const type of p.role === 'patient' ? PATIENT_DOCUMENTS : COMPANION_DOCUMENTS) manifest.push({ type, personId: p.id });
  return Buffer.concat([...persons.map((p) => FILE_PARTS[p.role === 'patient' ? 'patient' : 'companion']), MANIFEST_HEAD, Buffer.from(JSON.stringify(manifest)), MULTIPART_TAIL]);
}
let passports = 0;
/** The raw baseline's applications so far (its warm-up's too): each gets its own e-mail, reference and passports. */
let rawApplications = 0;
/** The untimed load before each timed one (the API's and the raw baseline's): steady state, not start-up, is measured. */
const WARM_UP_SECONDS = Number(process.env.BENCH_SUBMIT_WARMUP_SECONDS ?? 5);
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
 * three persons through the built API (create, the nine documents in one request, submit: three
 * requests, with their audit records), `connections` at once for `seconds`, with a worker relaying and
 * linking the audit chain. The baseline writes the same rows with raw `pg` (the patient's record,
 * account, invitation and e-mail job, the application, three persons, nine document rows, two
 * history lines and their two domain events, twelve unlinked audit rows, the clock's timer and
 * the assignment in the outbox) in one transaction per
 * application, at the same concurrency, with no files, no audit chain and no HTTP; the details
 * give the rows the API wrote per application, to check that the two agree.
 */
export async function submit({ seconds = Number(process.env.BENCH_SUBMIT_SECONDS ?? 20), connections = Number(process.env.BENCH_SUBMIT_CONNECTIONS ?? 50) } = {}) {
  const redis = await privateRedis();
  const db = await benchDatabase();
  const stack = new Stack(db, redis);
  try {
    await stack.start(1, 1);
    const warm = await stack.warmUp(connections);
    const run = await stack.load(seconds, connections);
    const chain = await chainAfterLoad(db, stack.admin);
    const rows = await rowsPerApplication(db, warm.submitted + run.submitted);
    await stack.stop();
    await rawBaseline(db, WARM_UP_SECONDS, connections);
    // A long run (BENCH_SUBMIT_SECONDS, for the memory's flatness) keeps the baseline at 20 s.
    const raw = await rawBaseline(db, Math.min(seconds, 20), connections);
    const baseline = raw.rate;
    const ratio = run.rate / baseline;
    const peakMb = run.peakRss / 1024;
    return [
      { name: 'submit', figure: 'throughput ratio to raw pg', value: round(ratio), target: '>= 0.5; p99 < 150 ms', met: ratio >= 0.5 && run.p99 < 150 && run.failures === 0,
        details: { ...run.details, warmUp: { seconds: WARM_UP_SECONDS, applicationsSubmitted: warm.submitted, drainedSeconds: warm.drainedSeconds }, baselineApplicationsPerSecond: round(baseline),
          machineCpuMsPerApplication: { api: round((run.machineCpuSeconds * 1000) / Math.max(1, run.submitted)), rawPg: raw.machineCpuMsPerApplication }, rowsPerApplication: rows } },
      chainEntry(chain),
      { name: 'memory', figure: 'API peak RSS under the submit load (MB)', value: Math.round(peakMb), target: '< 300', met: peakMb < 300, details: { source: '/proc/<pid>/status VmHWM', idleBeforeLoadMb: Math.round(run.idleRss / 1024) } },
    ];
  } finally {
    await stack.stop();
    await db.drop();
    await redis.stop();
  }
}

/**
 * submit-scale-out: the submit load against one API and one worker, then against two APIs and two
 * workers (each connection bound to one API, alternately) on the same PostgreSQL and Redis; then
 * the raw baseline. Every audit record of every request is checked: written once, linked once,
 * and the chain verifies.
 */
export async function submitScaleOut({ seconds = 20, connections = 50 } = {}) {
  const redis = await privateRedis();
  const db = await benchDatabase();
  const stack = new Stack(db, redis);
  try {
    await stack.start(1, 1);
    const single = await stack.load(seconds, connections);
    await chainAfterLoad(db, stack.admin);
    await stack.stop();
    await stack.start(2, 2);
    const double = await stack.load(seconds, connections);
    const chain = await chainAfterLoad(db, stack.admin);
    const [audit] = await db.query(
      `SELECT count(*)::int AS records, count(DISTINCT chain_position)::int AS positions, max(chain_position)::int AS last,
              count(*) FILTER (WHERE action IN ('visa_application.create', 'visa_document.uploaded', 'visa_application.submit'))::int AS requests
         FROM audit_log`,
    );
    await stack.stop();
    const { rate: baseline } = await rawBaseline(db, seconds, connections);
    const lost = single.succeeded + double.succeeded - audit.requests;
    const ok = lost === 0 && audit.positions === audit.records && audit.last === audit.records && chain.verify.valid === true;
    return [
      { name: 'submit-scale-out', figure: 'throughput ratio to raw pg, two APIs and two workers', value: round(double.rate / baseline), target: 'above the single-process ratio; no audit record lost or linked twice; verify valid',
        met: ok && double.rate > single.rate,
        details: { singleProcess: { ...single.details, ratio: round(single.rate / baseline) }, twoProcesses: { ...double.details, ratio: round(double.rate / baseline) }, baselineApplicationsPerSecond: round(baseline),
          audit: { ...audit, successfulAuditedRequests: single.succeeded + double.succeeded, lost }, chain: chainEntry(chain).details } },
    ];
  } finally {
    await stack.stop();
    await db.drop();
    await redis.stop();
  }
}

/** The built APIs and workers on one database and one Redis, and the coordinator's submit load against them. */
export class Stack {
  constructor(db, redis) {
    this.db = db;
    this.redis = redis;
    this.apis = [];
    this.workers = [];
    this.adminLogin = { email: 'bench.admin@bench.medjourney.dev', password: randomBytes(12).toString('hex') };
    // Every process of the stack shares the secrets, as replicas of one deployment do.
    this.env = {
      DATABASE_URL: db.url, REDIS_URL: redis.url, QUEUE_PREFIX: 'bench', ADMIN_EMAIL: this.adminLogin.email, ADMIN_PASSWORD: this.adminLogin.password,
      JWT_SECRET: randomBytes(24).toString('hex'), PII_KEY: randomBytes(32).toString('base64'),
    };
  }

  async start(apis, workers) {
    // BENCH_API_POOL and BENCH_API_NODE_OPTIONS are for experiments; the heap cap is API_MAX_OLD_SPACE_MB's, as in `npm start`.
    const extra = { DATABASE_POOL_SIZE: process.env.BENCH_API_POOL ?? '20', ...(process.env.BENCH_API_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BENCH_API_NODE_OPTIONS } : {}) };
    // Each API's own keep-alive agent, with no socket cap: the load's loops bound the sockets, and a cap
    // would queue event-lag's probe behind them.
    for (let i = 0; i < apis; i++) {
      const api = await startApi({ ...this.env, ...extra });
      this.apis.push({ ...api, port: Number(new URL(api.url).port), agent: new http.Agent({ keepAlive: true }) });
    }
    // The workers relay events and link the audit chain while the load runs, as in production.
    for (let i = 0; i < workers; i++) this.workers.push(await startWorker(this.env));
    this.adminToken = (await this.call(0, 'POST', '/auth/login', null, this.adminLogin)).body.accessToken;
    this.admin = (path) => this.call(0, 'GET', path, this.adminToken);
  }

  /**
   * The same load for WARM_UP_SECONDS, not timed, then a wait until the worker has done what it
   * caused (deliveries, outbox jobs, the audit chain), so the timed load meets a process whose hot
   * code V8 has compiled (its compiler threads were 16–17 % of a fresh API's CPU in the timed
   * run) and charges none of the warm-up's work to its own applications.
   */
  async warmUp(connections) {
    if (WARM_UP_SECONDS <= 0) return { submitted: 0, drainedSeconds: 0 };
    const { submitted } = await this.load(WARM_UP_SECONDS, connections);
    const started = Date.now();
    await until(async () => {
      const [left] = await this.db.query(
        `SELECT (SELECT count(*) FROM event_deliveries WHERE done_at IS NULL) + (SELECT count(*) FROM outbox WHERE published_at IS NULL)
              + (SELECT count(*) FROM audit_log WHERE chain_position IS NULL) AS n`,
      );
      return Number(left.n) === 0;
    }, 120_000, 'the warm-up\'s deliveries, outbox jobs and audit chain');
    return { submitted, drainedSeconds: round((Date.now() - started) / 1000) };
  }

  async stop() {
    for (const p of [...this.apis.splice(0), ...this.workers.splice(0)]) {
      p.agent?.destroy();
      await p.stop();
    }
  }

  /**
   * One request to API `apiIndex` (modulo their number). `body` is JSON, or a Buffer sent as the
   * documents' multipart upload (documentsUpload); with `parse: false` the answer is drained
   * unread and only its status returned. node:http on one keep-alive agent per API, because global
   * fetch (its streams and FormData encoding) cost the load generator 7.5–10 ms of CPU an
   * application, which the machine's CPU per application charges to the API's side of the ratio.
   */
  call(apiIndex, method, path, token, body, { parse = true } = {}) {
    const api = this.apis[apiIndex % this.apis.length];
    const bytes = body === undefined ? EMPTY : Buffer.isBuffer(body) ? body : Buffer.from(JSON.stringify(body));
    const headers = { 'content-length': bytes.length };
    if (token) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = Buffer.isBuffer(body) ? MULTIPART : 'application/json';
    return new Promise((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port: api.port, agent: api.agent, method, path: `/api/v1${path}`, headers }, (res) => {
        res.on('error', reject);
        if (!parse) {
          res.on('end', () => resolve({ status: res.statusCode, body: null })).resume();
          return;
        }
        const chunks = [];
        res.on('data', (c) => chunks.push(c)).on('end', () => {
          try {
            const text = Buffer.concat(chunks).toString();
            resolve({ status: res.statusCode, body: text ? JSON.parse(text) : null });
          } catch (e) {
            reject(e);
          }
        });
      });
      req.on('error', reject);
      req.end(bytes);
    });
  }

  /** A designated hospital's coordinator (made once), then `connections` loops of create, the nine documents in one upload, submit for `seconds`. */
  async load(seconds, connections) {
    if (!this.coordinatorLogin) {
      const hospital = await this.call(0, 'POST', '/hospitals', this.adminToken, {
        name: 'Bench General', licenseNumber: 'L-BENCH-SUBMIT', type: 'tertiary_general', bedCount: 900, region: 'Seoul', address: 'Bench 1',
        specialties: ['oncology'], languages: ['en'], registration: { number: 'R-BENCH', validUntil: '2099-12-31' },
      });
      this.coordinatorLogin = { email: 'coordinator@bench.medjourney.dev', password: randomBytes(12).toString('hex') };
      await this.call(0, 'POST', '/users', this.adminToken, { ...this.coordinatorLogin, name: 'Bench coordinator', role: 'hospital_coordinator', hospitalId: hospital.body.id });
      const coordinator = (await this.call(0, 'POST', '/auth/login', null, this.coordinatorLogin)).body.accessToken;
      const now = new Date();
      const year = now.getUTCMonth() >= 9 ? now.getUTCFullYear() : now.getUTCFullYear() - 1;
      const designation = await this.call(0, 'POST', `/hospitals/${hospital.body.id}/designation-applications`, coordinator, { year });
      if (designation.status !== 201) throw new Error(`designation answered ${designation.status}: ${JSON.stringify(designation.body)}`);
    }
    const coordinator = (await this.call(0, 'POST', '/auth/login', null, this.coordinatorLogin)).body.accessToken;

    const latencies = [];
    let failures = 0;
    let succeeded = 0;
    let submitted = 0;
    const timed = async (...args) => {
      const started = performance.now();
      const res = await this.call(...args);
      latencies.push(performance.now() - started);
      if (res.status >= 300) failures++;
      else succeeded++;
      return res;
    };
    const stayFrom = new Date(Date.now() + 30 * 86400_000).toISOString().slice(0, 10);
    const stayUntil = new Date(Date.now() + 59 * 86400_000).toISOString().slice(0, 10);
    const one = async (api) => {
      const draft = await timed(api, 'POST', '/visa-applications', coordinator, {
        category: 'C-3-3', entries: 'single', stayFrom, stayUntil,
        treatment: { specialty: 'oncology', summary: 'Bench', plannedStart: stayFrom, plannedEnd: stayUntil },
        patient: { ...person(), email: `p${passports}@bench.medjourney.dev` },
        companions: [person({ relationship: 'spouse' }), person({ relationship: 'child' })],
      });
      if (draft.status !== 201) return;
      // The nine documents in one request, as the console's form sends them.
      await timed(api, 'POST', `/visa-applications/${draft.body.id}/documents/batch`, coordinator, documentsUpload(draft.body.persons), { parse: false });
      if ((await timed(api, 'POST', `/visa-applications/${draft.body.id}/submit`, coordinator, undefined, { parse: false })).status === 200) submitted++;
    };
    const idleRss = Math.max(...this.apis.map((a) => rssOf(a.pid)));
    const cpuBefore = { apis: this.apis.map((a) => cpuOf(a.pid)), workers: this.workers.map((w) => cpuOf(w.pid)), bench: process.cpuUsage(), machine: machineCpu(), byCommand: cpuByCommand() };
    const deadline = Date.now() + seconds * 1000;
    const started = Date.now();
    let peakRss = 0;
    // The API's RSS every 10 s, to see whether it grows over a long run.
    const rssTimeline = [];
    let samples = 0;
    const sampler = setInterval(() => {
      const rss = Math.max(...this.apis.map((a) => rssOf(a.pid)));
      peakRss = Math.max(peakRss, rss);
      if (samples++ % 50 === 0) rssTimeline.push(Math.round(rss / 1024));
    }, 200);
    await Promise.all(Array.from({ length: connections }, async (_, c) => {
      while (Date.now() < deadline) await one(c);
    }));
    clearInterval(sampler);
    const elapsed = (Date.now() - started) / 1000;
    peakRss = Math.max(peakRss, ...this.apis.map((a) => highWaterOf(a.pid)));
    const benchCpu = process.cpuUsage(cpuBefore.bench);
    const cpuSeconds = {
      apis: this.apis.map((a, i) => round(cpuOf(a.pid) - cpuBefore.apis[i])),
      workers: this.workers.map((w, i) => round(cpuOf(w.pid) - cpuBefore.workers[i])),
      loadGenerator: round((benchCpu.user + benchCpu.system) / 1e6),
    };
    // Every core's busy time less the processes above: PostgreSQL, Redis, the kernel's share of
    // the loopback traffic, and anything else running on the machine.
    cpuSeconds.restOfMachine = round(machineCpu() - cpuBefore.machine - cpuSeconds.loadGenerator
      - [...cpuSeconds.apis, ...cpuSeconds.workers].reduce((a, b) => a + b, 0));
    const byCommand = cpuByCommand();
    cpuSeconds.byCommand = Object.fromEntries(Object.entries(byCommand).map(([c, s]) => [c, round(s - (cpuBefore.byCommand[c] ?? 0))]).filter(([, s]) => s >= 0.05).sort((a, b) => b[1] - a[1]));
    latencies.sort((a, b) => a - b);
    const p99 = percentile(latencies, 0.99);
    const rate = submitted / elapsed;
    return {
      rate, p99, failures, succeeded, submitted, peakRss, idleRss, machineCpuSeconds: machineCpu() - cpuBefore.machine,
      details: { apis: this.apis.length, workers: this.workers.length, connections, seconds: Math.round(elapsed), applicationsSubmitted: submitted, applicationsPerSecond: round(rate), requests: latencies.length, failedRequests: failures,
        requestLatencyMs: { p50: round(percentile(latencies, 0.5)), p90: round(percentile(latencies, 0.9)), p99: round(p99), max: round(latencies.at(-1)) },
        rssMbEvery10s: rssTimeline, cpuSeconds, apiCpuMsPerRequest: round((cpuSeconds.apis.reduce((a, b) => a + b, 0) * 1000) / Math.max(1, latencies.length)) },
    };
  }
}

function chainEntry(chain) {
  return {
    name: 'audit-chain', figure: 'chain lag p99 under the submit load (s)', value: round(chain.lagP99), target: '< 5; verify valid', met: chain.lagP99 < 5 && chain.verify.valid === true,
    details: { lagSeconds: { p50: round(chain.lagP50), p99: round(chain.lagP99), max: round(chain.lagMax) }, caughtUpSecondsAfterLoad: round(chain.caughtUp), records: chain.records, verify: chain.verify,
      lag: 'linked_at - occurred_at (occurred_at is set before the commit, so this bounds the lag from above)' },
  };
}

/**
 * Waits for the worker's chainer to link every audit record (at most a minute), then measures how
 * long each waited to be linked and asks the API to verify the chain.
 */
async function chainAfterLoad(db, get) {
  const started = Date.now();
  for (;;) {
    const [{ unlinked }] = await db.query('SELECT count(*)::int AS unlinked FROM audit_log WHERE chain_position IS NULL');
    if (unlinked === 0 || Date.now() - started > 60_000) break;
    await sleep(200);
  }
  const caughtUp = (Date.now() - started) / 1000;
  const [lag] = await db.query(
    `SELECT count(*)::int AS records,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM linked_at - occurred_at)) AS p50,
            percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM linked_at - occurred_at)) AS p99,
            max(extract(epoch FROM linked_at - occurred_at)) AS max
       FROM audit_log WHERE linked_at IS NOT NULL`,
  );
  const verify = (await get('/audit/verify')).body;
  return { records: lag.records, lagP50: Number(lag.p50), lagP99: Number(lag.p99), lagMax: Number(lag.max), caughtUp, verify };
}

/** What the API wrote per submitted application, so that the baseline writes the same. */
async function rowsPerApplication(db, submitted) {
  const [c] = await db.query(
    `SELECT (SELECT count(*) FROM audit_log WHERE entity_type IN ('visa_application', 'visa_document'))::int AS audit,
            (SELECT count(*) FROM visa_application_events)::int AS history,
            (SELECT count(*) FROM domain_events WHERE name LIKE 'visa-application.%')::int AS events,
            (SELECT count(*) FROM event_deliveries d JOIN domain_events e ON e.id = d.event_id WHERE e.name LIKE 'visa-application.%')::int AS deliveries,
            (SELECT count(*) FROM outbox)::int AS outbox,
            (SELECT count(*) FROM visa_applications WHERE status <> 'draft')::int AS applications`,
  );
  const per = (n) => round(n / Math.max(1, submitted));
  return { audit: per(c.audit), history: per(c.history), domainEvents: per(c.events), eventDeliveries: per(c.deliveries), outbox: per(c.outbox), note: 'drafts left unsubmitted at the deadline count too' };
}

/** The same rows as one submitted application, written by bare pg clients, one transaction each. */
async function rawBaseline(db, seconds, connections) {
  const pool = survivesDrop(new pg.Pool({ connectionString: db.url, max: connections }));
  try {
    const [{ hospital, user }] = await db.query(
      `SELECT (SELECT id FROM hospitals LIMIT 1) AS hospital, (SELECT id FROM users WHERE role = 'hospital_coordinator' LIMIT 1) AS user`,
    );
    let done = 0;
    const deadline = Date.now() + seconds * 1000;
    const started = Date.now();
    const machineBefore = machineCpu();
    await Promise.all(Array.from({ length: connections }, async () => {
      const client = await pool.connect();
      try {
        while (Date.now() < deadline) {
          const k = ++rawApplications;
          await client.query('BEGIN');
          // Each application's patient: the record, the account, its invitation, its audit record and its e-mail job.
          const email = `raw${k}@bench.medjourney.dev`;
          const { rows: [{ id: patient }] } = await client.query(`INSERT INTO patients (email, name) VALUES ($1, 'RAW PATIENT') RETURNING id`, [email]);
          const { rows: [{ id: patientUser }] } = await client.query(
            `INSERT INTO users (email, name, role, patient_id) VALUES ($1, 'RAW PATIENT', 'patient', $2) RETURNING id`,
            [email, patient],
          );
          await client.query(`INSERT INTO invitations (user_id, token_hash, created_by, created_at, expires_at) VALUES ($1, $2, $3, now(), now() + interval '7 days')`, [
            patientUser, hash(`invite${k}`), user,
          ]);
          await client.query(`INSERT INTO audit_log (occurred_at, action, entity_type, entity_id, after) VALUES (now(), 'user.created', 'user', $1, '{"role":"patient"}')`, [patientUser]);
          await client.query(`INSERT INTO outbox (queue, job_name, job_id, payload) VALUES ('notifications', 'email', $1, $2)`, [`raw.email.${k}`, { userId: patientUser }]);
          const { rows: [app] } = await client.query(
            `INSERT INTO visa_applications (reference, sponsor_hospital_id, patient_id, patient_user_id, created_by, status, track, category, entries, stay_from, stay_until, treatment, submitted_at)
             VALUES ($1, $2, $3, $4, $5, 'submitted', 'e_visa', 'C-3-3', 'single', '2031-01-01', '2031-01-30', '{"specialty":"oncology"}', now()) RETURNING id`,
            [`MV-RAW-${k}`, hospital, patient, patientUser, user],
          );
          const persons = [];
          for (let o = 0; o < 3; o++) {
            const passport = `R${String(k * 3 + o).padStart(8, '0')}`;
            const { rows: [p] } = await client.query(
              `INSERT INTO visa_persons (application_id, ordinal, role, relationship, surname, given_names, sex, date_of_birth_sealed, nationality, passport_number_sealed, passport_hash, passport_search_hash, passport_expiry, open_passport_hash, passport_number_masked)
               VALUES ($1, $2, $3, $4, 'RAW', 'PERSON', 'X', $5, 'KAZ', $6, $7, $8, '2035-01-01', $7, $9) RETURNING id`,
              [app.id, o, o === 0 ? 'patient' : 'companion', o === 0 ? null : 'spouse', randomBytes(40).toString('base64'), randomBytes(40).toString('base64'), hash(`KAZ${passport}`), hash(passport), `${passport.slice(0, 5)}****`],
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
            const { rows: [h] } = await client.query(
              `INSERT INTO visa_application_events (application_id, action, to_status, occurred_at) VALUES ($1, $2, 'submitted', now()) RETURNING id`,
              [app.id, action],
            );
            // The domain event of each state change (visa-application.created and .submitted have no subscriber yet: no delivery rows).
            await client.query(`INSERT INTO domain_events (id, name, payload, occurred_at, dedupe_key) VALUES ($1, $2, $3, now(), $4)`, [
              randomUUID(), `visa-application.${action}`, { applicationId: app.id, reference: `MV-RAW-${k}`, toStatus: 'submitted' }, `visa-application.${h.id}`,
            ]);
          }
          // Audit records are written unlinked, as the app writes them; the chain is the worker's.
          for (let i = 0; i < 11; i++) {
            await client.query(`INSERT INTO audit_log (occurred_at, action, entity_type, entity_id, after) VALUES (now(), 'raw', 'visa_application', $1, '{"status":"submitted"}')`, [app.id]);
          }
          // The processing clock's first timer and the assignment job.
          await client.query(`INSERT INTO outbox (queue, job_name, job_id, payload, delay_until) VALUES ('sla', 'stage-due', $1, $2, now() + interval '1 day')`, [`raw.sla.${k}`, { applicationId: app.id }]);
          await client.query(`INSERT INTO outbox (queue, job_name, job_id, payload) VALUES ('sla', 'assign', $1, $2)`, [`raw.assign.${k}`, { applicationId: app.id }]);
          await client.query('COMMIT');
          done++;
        }
      } finally {
        client.release();
      }
    }));
    return { rate: done / ((Date.now() - started) / 1000), machineCpuMsPerApplication: round(((machineCpu() - machineBefore) * 1000) / Math.max(1, done)) };
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
/** User and system CPU seconds a process has used (/proc/<pid>/stat, in clock ticks of 1/100 s). */
function cpuOf(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}
const highWaterOf = (pid) => statusKb(pid, 'VmHWM');
/**
 * CPU seconds so far of every process of the machine, summed by command name: what the rest of
 * the machine's busy time was (PostgreSQL's backends, Redis). A process that exits between two
 * readings drops out, so only processes that live through a load compare.
 */
function cpuByCommand() {
  const byCommand = {};
  for (const pid of readdirSync('/proc').filter((d) => /^[0-9]+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const command = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const fields = stat.slice(stat.lastIndexOf(') ') + 2).split(' ');
      byCommand[command] = (byCommand[command] ?? 0) + (Number(fields[11]) + Number(fields[12])) / 100;
    } catch {
      // gone between the listing and the read
    }
  }
  return byCommand;
}
/** Busy CPU seconds of the whole machine so far (/proc/stat: every state but idle and iowait). */
function machineCpu() {
  const [, user, nice, system, , , irq, softirq, steal] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).map(Number);
  return (user + nice + system + irq + softirq + steal) / 100;
}
