import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { JOBS, QueuesService, TimersService } from '@medjourney/platform';
import { aTreatedPatient, buildWorker, startPrivateRedis, startTestApp, spawnWorker, until, workerEnv, type TestApp, type WorkerProcess } from '@medjourney/testing';
import { randomUUID } from 'node:crypto';

const DAY = 86_400_000;
const EVERY_HOUR = { timezone: 'Asia/Seoul', slotMinutes: 60, weekly: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '00:00', end: '24:00' })), exceptions: [] };

/** The worker's reconciling sweep and job locks short, so a lost reminder is found within seconds. */
const QUICK = { SLA_RECONCILE_EVERY: 'PT1S', QUEUE_LOCK_DURATION: 'PT2S' };

/**
 * Appointments booked through the API, on the real clock; their reminders are then brought
 * forward to a few seconds from now by re-arming the same timer keys (what a reschedule does),
 * so the real worker fires them without the test waiting a day.
 */
async function appointments(t: TestApp, n: number): Promise<{ id: string; start: string }[]> {
  const hospitalId = randomUUID();
  const clinician = await t.user('clinician', { hospitalId });
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });
  await t.http.put(`/api/v1/clinicians/${clinician.id}/schedule`).set(as(clinician.token)).send(EVERY_HOUR).expect(200);
  const firstHour = Math.ceil((Date.now() + 2 * DAY) / 3_600_000) * 3_600_000;
  const out = [];
  for (let i = 0; i < n; i++) {
    const p = await aTreatedPatient(t, hospitalId, { treatedAt: new Date(Date.now() - 5 * DAY).toISOString() });
    const start = new Date(firstHour + i * 3_600_000).toISOString();
    out.push((await t.http.post('/api/v1/telemedicine/appointments').set(as(p.token)).send({ clinicianId: clinician.id, patientId: p.patientId, start }).expect(201)).body);
  }
  return out;
}

async function bringForward(t: TestApp, list: { id: string; start: string }[], inMs: number): Promise<void> {
  const timers = t.app.get(TimersService);
  await t.db.transaction((m) =>
    timers.schedule(m, list.flatMap((a, i) => (['24h', '1h'] as const).map((lead, j) => ({
      kind: 'telemedicine.reminder', key: `telemedicine.${a.id}.${lead}`, at: new Date(Date.now() + inMs + i * 200 + j * 1000), payload: { appointmentId: a.id, lead, start: a.start },
    })))),
  );
}

const reminders = async (t: TestApp, ids: string[]) =>
  (await t.db.query(`SELECT payload->>'appointmentId' AS id, payload->>'lead' AS lead FROM domain_events WHERE name = 'telemedicine.reminder-due' AND payload->>'appointmentId' = ANY($1)`, [ids])) as { id: string; lead: string }[];
const notices = async (t: TestApp, ids: string[]) =>
  (await t.db.query(`SELECT recipient_id, refs->>'appointmentId' AS id, refs->>'lead' AS lead FROM notifications WHERE kind = 'appointment_reminder' AND refs->>'appointmentId' = ANY($1)`, [ids])) as { recipient_id: string; id: string; lead: string }[];

let main: string;
beforeAll(async () => {
  main = await buildWorker();
}, 420_000);

describe('reminders through two worker processes and a FLUSHALL', () => {
  let t: TestApp;
  let workers: WorkerProcess[] = [];
  let redis: Awaited<ReturnType<typeof startPrivateRedis>>;

  beforeAll(async () => {
    redis = await startPrivateRedis();
    t = await startTestApp({ realClock: true, env: { REDIS_URL: redis.url, SLA_RECONCILE_EVERY: 'PT1S' } });
    // Generous readiness: the machine the suite runs on may be busy.
    workers = await Promise.all([spawnWorker(main, workerEnv(t, QUICK), 60_000), spawnWorker(main, workerEnv(t, QUICK), 60_000)]);
  }, 120_000);
  afterAll(async () => {
    await Promise.all(workers.map((w) => w.stop()));
    await t?.close();
    await redis?.stop();
  });

  it('every reminder of 8 appointments is sent once to each participant, with the Redis keys wiped halfway', async () => {
    const list = await appointments(t, 8);
    const ids = list.map((a) => a.id);
    await bringForward(t, list, 2000);
    await until(async () => (await reminders(t, ids)).length > 0, 20_000, 'the first reminder');
    await t.app.get(QueuesService).connection.flushall();
    expect((await reminders(t, ids)).length).toBeLessThan(16);
    await until(async () => (await notices(t, ids)).length === 32, 60_000, 'all 32 notifications');
    const events = await reminders(t, ids);
    expect(new Set(events.map((e) => `${e.id}.${e.lead}`)).size).toBe(16);
    expect(events).toHaveLength(16);
    const sent = await notices(t, ids);
    expect(new Set(sent.map((n) => `${n.recipient_id}.${n.id}.${n.lead}`)).size).toBe(32);
    expect(await t.db.query(`SELECT key FROM timers WHERE key LIKE 'telemedicine.%'`)).toEqual([]);
  }, 200_000);
});

describe('a worker killed in the middle of a reminder', () => {
  let t: TestApp;
  let worker: WorkerProcess | undefined;
  let locker: pg.Client;

  beforeAll(async () => {
    t = await startTestApp({ realClock: true, env: { SLA_RECONCILE_EVERY: 'PT1S', QUEUE_LOCK_DURATION: 'PT2S' } });
    locker = new pg.Client({ connectionString: t.config.databaseUrl });
    locker.on('error', () => undefined);
    await locker.connect();
  }, 60_000);
  afterAll(async () => {
    await locker?.end();
    await worker?.stop();
    await t?.close();
  });

  it('is sent once after a restart, and the redelivered job changes nothing', async () => {
    const [a] = await appointments(t, 1);
    worker = await spawnWorker(main, workerEnv(t, QUICK), 60_000);
    // Hold the appointment, so the reminder that falls due blocks inside its transaction.
    await locker.query('BEGIN');
    await locker.query('SELECT 1 FROM telemedicine_appointments WHERE id = $1 FOR UPDATE', [a.id]);
    await bringForward(t, [a], 500);
    const blocked = async () =>
      (await t.db.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query ILIKE '%telemedicine_appointments%'`))[0].n as number;
    await until(async () => (await blocked()) > 0, 20_000, 'the worker to block in the reminder');
    const queue = t.app.get(QueuesService).get(JOBS.timerDue.queue);
    const inFlight = await queue.getActive();
    expect(inFlight.length).toBeGreaterThan(0);

    await worker.kill('SIGKILL');
    await locker.query('ROLLBACK');
    await until(async () => (await blocked()) === 0, 10_000, 'the dead transaction to end');
    expect(await reminders(t, [a.id])).toEqual([]);

    worker = await spawnWorker(main, workerEnv(t, QUICK), 60_000);
    await until(async () => (await notices(t, [a.id])).length === 4, 60_000, 'both reminders to both participants');
    // BullMQ hands a dead worker's job on once its lock lapses; it then finds nothing to do.
    for (const job of inFlight) {
      await until(async () => {
        const now = await queue.getJob(job.id!);
        if (now?.failedReason) throw new Error(`job ${job.id} failed: ${now.failedReason}`);
        return !now || !!now.finishedOn;
      }, 90_000, `job ${job.id} to finish or go`);
    }
    expect((await reminders(t, [a.id])).map((r) => r.lead).sort()).toEqual(['1h', '24h']);
    expect(await notices(t, [a.id])).toHaveLength(4);
  }, 240_000);
});
