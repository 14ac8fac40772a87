import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Injectable, type INestApplication } from '@nestjs/common';
import { JobHandler, JOBS, QueuesService } from '@medjourney/platform';
import { anApplication, aSponsor, completedJob, startTestApp, startTestWorker, until, type TestApp } from '@medjourney/testing';
import request from 'supertest';

describe('worker', () => {
  let t: TestApp;
  let worker: INestApplication;

  beforeAll(async () => {
    t = await startTestApp();
    worker = await startTestWorker(t.config, t.clock);
  });
  afterAll(async () => {
    await worker.close();
    await t.close();
  });

  it('relays a committed change\'s event from the outbox and runs its job once', async () => {
    const admin = await t.user('admin');
    const created = await t.http
      .post('/api/v1/users')
      .set('Authorization', `Bearer ${admin.token}`)
      .send({ email: 'relayed@immigration.go.kr', name: 'Relayed', role: 'officer', password: 'long enough password' })
      .expect(201);
    const queue = t.app.get(QueuesService).get('notifications');
    const job = await completedJob(queue, `email.account-created.${created.body.id}`);
    // No SMTP_URL in tests: the handler re-read the user and kept the mail in the development mailbox.
    expect(job.returnvalue).toBe('kept in the development mailbox');
    const [{ published }] = await t.db.query(`SELECT count(*)::int AS published FROM outbox WHERE job_id = $1 AND published_at IS NOT NULL`, [job.id]);
    expect(published).toBe(1);
  });

  it('declares its job schedulers', async () => {
    const schedulers = await t.app.get(QueuesService).get('maintenance').getJobSchedulers();
    expect(schedulers.map((s) => s.key ?? s.id)).toContain('purge-expired-hourly');
  });

  it('purges expired idempotency keys', async () => {
    await t.db.query(
      `INSERT INTO idempotency_keys (scope, key, request_hash, state, locked_until, created_at, expires_at) VALUES ('u', 'old', 'h', 'in_progress', now(), now() - interval '2 days', now() - interval '1 day')`,
    );
    const queue = t.app.get(QueuesService).get('maintenance');
    await queue.add(JOBS.purgeExpired.name, {}, { jobId: 'purge-now' });
    const job = await completedJob(queue, 'purge-now');
    expect(job.returnvalue).toMatchObject({ idempotencyKeys: 1 });
  });

  it('purges invitations expired for 30 days, in identity\'s own job', async () => {
    const officer = await t.user('officer');
    await t.db.query(
      `INSERT INTO invitations (user_id, token_hash, created_at, expires_at) VALUES ($1, 'stale', now() - interval '60 days', now() - interval '40 days'), ($1, 'recent', now() - interval '20 days', now() - interval '6 days')`,
      [officer.id],
    );
    const queue = t.app.get(QueuesService).get('maintenance');
    await queue.add(JOBS.purgeInvitations.name, {}, { jobId: 'purge-invitations-now' });
    const job = await completedJob(queue, 'purge-invitations-now');
    expect(job.returnvalue).toEqual({ invitations: 1, registrations: 0, passwordResets: 0 });
    expect((await t.db.query(`SELECT token_hash FROM invitations WHERE user_id = $1`, [officer.id])).map((r: { token_hash: string }) => r.token_hash)).toEqual(['recent']);
    expect((await queue.getJobSchedulers()).map((s) => s.key ?? s.id)).toContain('purge-invitations-hourly');
  });

  it('runs the designation lifecycle job', async () => {
    const queue = t.app.get(QueuesService).get('hospitals');
    await queue.add(JOBS.designationLifecycle.name, {}, { jobId: 'lifecycle-now' });
    const job = await completedJob(queue, 'lifecycle-now');
    expect(job.returnvalue).toEqual({ reinstated: 0, expired: 0, reminded: 0 });
    const schedulers = await queue.getJobSchedulers();
    expect(schedulers.map((s) => s.key ?? s.id)).toContain('designation-lifecycle-hourly');
  });

  it('tells the sponsor\'s coordinators, in the notification centre, when a patient asks for sponsorship', async () => {
    const admin = (await t.user('admin')).token;
    const sponsor = await aSponsor(t, admin, false);
    const patient = await t.user('patient');
    const draft = (await t.http.post('/api/v1/visa-applications').set('Authorization', `Bearer ${patient.token}`).send(anApplication({ sponsorHospitalId: sponsor.id })).expect(201)).body;
    await t.http.post(`/api/v1/visa-applications/${draft.id}/request-sponsorship`).set('Authorization', `Bearer ${patient.token}`).expect(200);
    await until(async () => (await t.db.query(`SELECT 1 FROM notifications WHERE kind = 'sponsorship_requested' AND refs->>'applicationId' = $1`, [draft.id])).length > 0, 10_000);
    const inbox = (await t.http.get('/api/v1/me/notifications').set('Authorization', `Bearer ${sponsor.coordinator}`).expect(200)).body;
    expect(inbox.unreadCount).toBe(1);
    expect(inbox.items[0]).toMatchObject({ kind: 'sponsorship_requested', refs: { applicationId: draft.id }, readAt: null });
    expect(inbox.items[0].title).toContain(draft.reference);
    expect(inbox.items[0].body).toMatch(/submit it to immigration, or decline it/);
    expect(inbox.items[0].link).toBe(`${t.config.publicBaseUrl}/coordinator/applications/${draft.id}`);
    // The patient asked; the patient is not told.
    expect((await t.http.get('/api/v1/me/notifications').set('Authorization', `Bearer ${patient.token}`).expect(200)).body.unreadCount).toBe(0);
  });

  it('serves no API routes, only health and metrics', async () => {
    await request(worker.getHttpServer()).get('/hospitals').expect(404);
    await request(worker.getHttpServer()).get('/visa-applications').expect(404);
    await request(worker.getHttpServer()).post('/auth/login').send({}).expect(404);
    await request(worker.getHttpServer()).get('/metrics').expect(200);
  });

  it('serves its own health endpoint', async () => {
    const res = await request(worker.getHttpServer()).get('/health/ready').expect(200);
    expect(res.body.details.redis.status).toBe('up');
  });

  it('refuses to start when a job has two handlers', async () => {
    @Injectable()
    class SecondEmailHandler {
      @JobHandler(JOBS.email)
      async send() {
        return 'twice';
      }
    }
    await expect(startTestWorker(t.config, t.clock, [SecondEmailHandler])).rejects.toThrow(/notifications\/email has 2 handlers/);
  });
});
