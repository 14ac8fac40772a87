import type { INestApplication, Provider } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Job, Queue } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { Agent, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Redis } from 'ioredis';
import type { DestinationStream } from 'pino';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AppModule } from '../../../apps/api/src/app.module.js';
import { WorkerModule } from '../../../apps/worker/src/worker.module.js';
import { UsersService, type NewUser } from '@medjourney/identity';
import { configureHttpApp, ManualClock, SystemClock, type AppConfig, type Clock, type Role } from '@medjourney/platform';
import { createTestDatabase, testConfig } from './test-env.js';

export const TEST_PASSWORD = 'correct horse battery staple';

export interface TestApp {
  app: INestApplication;
  http: ReturnType<typeof request>;
  server: Parameters<typeof request>[0];
  config: AppConfig;
  clock: ManualClock;
  db: DataSource;
  /** Creates a user directly (no HTTP) and returns a bearer token for them. */
  user(role: Role, extra?: Partial<NewUser>): Promise<{ id: string; token: string; email: string }>;
  close(): Promise<void>;
}

let counter = 0;

/**
 * The real API (every module, real PostgreSQL and Redis, the production HTTP set-up) on a
 * database of its own, with a ManualClock.
 */
export async function startTestApp(opts: { env?: Record<string, string>; logStream?: DestinationStream; clock?: ManualClock; realClock?: boolean } = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const config = testConfig(database.url, opts.env);
  const clock = opts.clock ?? new ManualClock(new Date());
  // Timers that BullMQ fires for real need the real clock on both sides.
  const appClock = opts.realClock ? new SystemClock() : clock;
  const app = await NestFactory.create(AppModule.forRoot({ config, clock: appClock, logStream: opts.logStream }), { bodyParser: false, logger: false });
  configureHttpApp(app, config);
  await app.init();
  const server = app.getHttpServer();
  const db = app.get(DataSource);
  const users = app.get(UsersService);

  return {
    app,
    server,
    http: request(server),
    config,
    clock,
    db,
    async user(role, extra = {}) {
      const email = extra.email ?? `${role}.${++counter}.${Date.now()}@test.medjourney.dev`;
      const scope: Partial<NewUser> =
        role === 'hospital_coordinator' || role === 'clinician'
          ? { hospitalId: extra.hospitalId ?? '00000000-0000-4000-8000-00000000000a' }
          : role === 'care_provider'
            ? { careProviderId: extra.careProviderId ?? '00000000-0000-4000-8000-00000000000b' }
            : {};
      if (scope.hospitalId) await ensureHospital(db, scope.hospitalId);
      if (scope.careProviderId) await ensureCareProvider(db, scope.careProviderId);
      const { user } = await users.create({ name: `Test ${role}`, role, password: TEST_PASSWORD, ...scope, ...extra, email }, null);
      const res = await request(server).post('/api/v1/auth/login').send({ email, password: TEST_PASSWORD }).expect(200);
      return { id: user.id, token: res.body.accessToken as string, email };
    },
    async close() {
      await app.close();
      await clearRedisPrefix(config.redisUrl, config.queuePrefix);
      await database.drop();
    },
  };
}

/**
 * Requests to the test app over a real socket whose source address is `localAddress` (any of
 * 127.0.0.0/8 on Linux), so the app sees that client address with no proxy header involved.
 */
export async function httpFrom(t: TestApp, localAddress: string): Promise<{ get: (path: string) => request.Test; post: (path: string) => request.Test; close: () => void }> {
  const server = t.server as Server;
  if (!server.listening) await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const agent = new Agent({ localAddress });
  return { get: (path) => request(base).get(path).agent(agent), post: (path) => request(base).post(path).agent(agent), close: () => agent.destroy() };
}

/** A minimal registered hospital with this id, for users that must belong to one. */
export async function ensureHospital(db: DataSource, id: string, extra: { type?: string; bedCount?: number; region?: string } = {}): Promise<void> {
  await db.query(
    `INSERT INTO hospitals (id, name, license_number, type, bed_count, region, address, registration_number, registration_valid_until)
     VALUES ($1, $2, $3, $4, $5, $6, 'Test address', $7, '2099-12-31') ON CONFLICT (id) DO NOTHING`,
    [id, `Test hospital ${id.slice(0, 8)}`, `LIC-${id}`, extra.type ?? 'clinic', extra.bedCount ?? 10, extra.region ?? 'Seoul', `REG-${id.slice(0, 8)}`],
  );
}

/** A minimal caregiver with this id (inactive, no availability), for accounts that must belong to one. */
export async function ensureCareProvider(db: DataSource, id: string): Promise<void> {
  await db.query(`INSERT INTO care_providers (id, kind, name) VALUES ($1, 'caregiver', $2) ON CONFLICT (id) DO NOTHING`, [id, `Test provider ${id.slice(0, 8)}`]);
}

/** Deletes a test's keys; a Redis that a test stopped on purpose is simply skipped. */
export async function clearRedisPrefix(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url, { maxRetriesPerRequest: 1, retryStrategy: () => null, lazyConnect: true });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
    await redis.quit();
  } catch {
    redis.disconnect();
  }
}


/** The real worker (relay, schedulers, every job handler) against a test app's database and Redis prefix. */
export async function startTestWorker(config: AppConfig, clock?: Clock, extraProviders: Provider[] = []): Promise<INestApplication> {
  const worker = await NestFactory.create(
    { module: class TestWorkerModule {}, imports: [WorkerModule.forRoot({ config, clock })], providers: extraProviders },
    { logger: false },
  );
  try {
    await worker.init();
  } catch (e) {
    // A worker that refused to start must not leave its relay or pool running.
    await worker.close().catch(() => undefined);
    throw e;
  }
  return worker;
}

/**
 * Waits until a BullMQ job has completed and returns it. `finishedOn` and `returnvalue` are
 * written together, so one read sees both (a getState() after getJob() could see a job
 * completed after it was read, with no return value yet).
 */
export async function completedJob(queue: Queue, id: string, ms = 10_000): Promise<Job> {
  const deadline = Date.now() + ms;
  for (;;) {
    const job = await queue.getJob(id);
    if (job?.finishedOn && !job.failedReason) return job;
    if (job?.failedReason) throw new Error(`job ${id} failed: ${job.failedReason}`);
    if (Date.now() > deadline) throw new Error(`job ${id} did not complete in time`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * The patient with this id (made when missing, with an account) as one whose submitted
 * application this hospital sponsors: what makes it a treating hospital, whose coordinators act
 * for them (book their care). A draft's sponsor would not be one (spec/journey.md).
 */
export async function ensureSponsoredPatient(db: DataSource, hospitalId: string, patientId: string): Promise<void> {
  const email = `sponsored.${patientId}@test.medjourney.dev`;
  await ensureHospital(db, hospitalId);
  await db.query(`INSERT INTO patients (id, email, name) VALUES ($1, $2, 'Sponsored patient') ON CONFLICT (id) DO NOTHING`, [patientId, email]);
  await db.query(`INSERT INTO users (email, name, role, patient_id) VALUES ($1, 'Sponsored patient', 'patient', $2) ON CONFLICT (email) DO NOTHING`, [email, patientId]);
  const [user] = await db.query('SELECT id FROM users WHERE email = $1', [email]);
  await db.query(
    `INSERT INTO visa_applications (reference, sponsor_hospital_id, patient_id, patient_user_id, created_by, status, track, submitted_at, category, entries, stay_from, stay_until, treatment)
     VALUES ($1, $2, $3, $4, $4, 'submitted', 'e_visa', now(), 'C-3-3', 'single', '2031-01-01', '2031-01-10', '{}')`,
    [`MV-T-${randomUUID().slice(0, 13)}`, hospitalId, patientId, user.id],
  );
}
