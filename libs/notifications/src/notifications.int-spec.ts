import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { EventBus, EventDeliveries, JOBS, OutboxRelay, QueuesService, SystemClock, type DomainEvent } from '@medjourney/platform';
import { aSponsor, deliverMail, freePort, mailTo, startPrivateRedis, startTestApp, startTestWorker, until, type TestApp } from '@medjourney/testing';
import { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import { SMTPServer } from 'smtp-server';
import { NotificationEmailsProcessor } from './jobs/notification-emails.processor.js';
import type { Audience, Notice } from './domain/notification-texts.js';
import { NotificationsService } from './services/notifications.service.js';

const as = (token: string) => ({ Authorization: `Bearer ${token}` });

describe('notification inbox', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp()));
  afterAll(() => t.close());

  /** A notice for these users, as a subscriber would store it, at the test clock's time. */
  async function notify(userIds: string[], title: string, eventId = randomUUID()) {
    const event = { id: eventId, name: 'officer.deactivated', payload: { officerId: 'x' }, occurredAt: t.clock.now() } as DomainEvent;
    return t.db.transaction((m) =>
      t.app.get(NotificationsService).store(m, [{ event, notice: { kind: 'test_notice', title, body: 'Do the next thing.', refs: { thing: eventId }, target: { page: 'application', id: eventId }, audience: [{ kind: 'users', ids: userIds }] } }]),
    );
  }

  it('lists unread first, then newest, in keyset pages with the unread count; read, read-all; others 404', async () => {
    const me = await t.user('officer');
    const other = await t.user('officer');
    for (const title of ['first', 'second', 'third', 'fourth']) {
      await notify([me.id], title);
      t.clock.advance(60_000);
    }
    await notify([other.id], 'not mine');
    const all = (await t.http.get('/api/v1/me/notifications').set(as(me.token)).expect(200)).body;
    expect(all.unreadCount).toBe(4);
    expect(all.items.map((n: { title: string }) => n.title)).toEqual(['fourth', 'third', 'second', 'first']);
    const second = all.items[2];
    const read = (await t.http.post(`/api/v1/me/notifications/${second.id}/read`).set(as(me.token)).expect(200)).body;
    expect(read.readAt).toEqual(t.clock.now().toISOString());
    // Read again: no change.
    expect((await t.http.post(`/api/v1/me/notifications/${second.id}/read`).set(as(me.token)).expect(200)).body.readAt).toBe(read.readAt);

    const titles: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { title: string }[]; nextCursor: string | null; unreadCount: number } = (
        await t.http.get('/api/v1/me/notifications').query({ limit: 1, ...(cursor ? { cursor } : {}) }).set(as(me.token)).expect(200)
      ).body;
      expect(page.unreadCount).toBe(3);
      titles.push(...page.items.map((i) => i.title));
      cursor = page.nextCursor;
    } while (cursor);
    expect(titles).toEqual(['fourth', 'third', 'first', 'second']);

    await t.http.post(`/api/v1/me/notifications/${second.id}/read`).set(as(other.token)).expect(404);
    await t.http.post(`/api/v1/me/notifications/not-a-uuid/read`).set(as(me.token)).expect(404);
    expect((await t.http.post('/api/v1/me/notifications/read-all').set(as(me.token)).expect(200)).body).toEqual({ marked: 3, unreadCount: 0 });
    expect((await t.http.get('/api/v1/me/notifications').set(as(me.token)).expect(200)).body.unreadCount).toBe(0);
    expect((await t.http.get('/api/v1/me/notifications').set(as(other.token)).expect(200)).body.unreadCount).toBe(1);
    await t.http.get('/api/v1/me/notifications').expect(401);
    const unknown = await t.http.post('/api/v1/me/notifications/read-all').set(as(me.token)).send({ everything: true }).expect(400);
    expect(unknown.body.code).toBe('VALIDATION_FAILED');
  });

  it('stores one notification per recipient, source event and kind, however often the subscriber runs', async () => {
    const me = await t.user('supervisor');
    const eventId = randomUUID();
    expect(await notify([me.id, me.id], 'once', eventId)).toBe(1);
    expect(await notify([me.id], 'once', eventId)).toBe(0);
    expect((await t.http.get('/api/v1/me/notifications').set(as(me.token)).expect(200)).body.items).toHaveLength(1);
  });

  it('stores a batch of notices for different audiences in one go: each account gets what is meant for it, once', async () => {
    const [officerA, officerB, supervisor, asleep] = [await t.user('officer'), await t.user('officer'), await t.user('supervisor'), await t.user('supervisor')];
    const [hospitalA, hospitalB] = [randomUUID(), randomUUID()];
    const [coordinatorA, coordinatorB] = [await t.user('hospital_coordinator', { hospitalId: hospitalA }), await t.user('hospital_coordinator', { hospitalId: hospitalB })];
    await t.db.query('UPDATE users SET active = false WHERE id = $1', [asleep.id]);
    const event = (n: number) => ({ id: randomUUID(), name: 'officer.deactivated', payload: { officerId: `x${n}` }, occurredAt: t.clock.now() }) as DomainEvent;
    const notice = (kind: string, audience: Audience[]): Notice => ({ kind, title: kind, body: 'Act.', refs: {}, target: { page: 'designation', id: randomUUID() }, audience });
    const batch = [
      { event: event(1), notice: notice('to_a', [{ kind: 'users', ids: [officerA.id] }]) },
      { event: event(2), notice: notice('to_b', [{ kind: 'users', ids: [officerB.id, null] }]) },
      { event: event(3), notice: notice('to_supervisors', [{ kind: 'roles', roles: ['supervisor'] }]) },
      { event: event(4), notice: notice('to_hospital_a', [{ kind: 'coordinators', hospitalId: hospitalA }, { kind: 'users', ids: [coordinatorA.id] }]) },
    ];
    // Earlier tests made supervisors too: every active one hears of the supervisors' notice.
    const supervisors: string[] = (await t.db.query(`SELECT id FROM users WHERE role = 'supervisor' AND active ORDER BY id`)).map((r: { id: string }) => r.id);
    expect(supervisors).toContain(supervisor.id);
    expect(supervisors).not.toContain(asleep.id);
    expect(await t.db.transaction((m) => t.app.get(NotificationsService).store(m, batch))).toBe(3 + supervisors.length);
    expect(await t.db.transaction((m) => t.app.get(NotificationsService).store(m, batch))).toBe(0);
    const got: { recipient_id: string; kind: string }[] = await t.db.query('SELECT recipient_id, kind FROM notifications WHERE source_event_id = ANY($1) ORDER BY kind, recipient_id', [
      batch.map((b) => b.event.id),
    ]);
    expect(got).toEqual([
      { recipient_id: officerA.id, kind: 'to_a' },
      { recipient_id: officerB.id, kind: 'to_b' },
      { recipient_id: coordinatorA.id, kind: 'to_hospital_a' },
      ...supervisors.map((id) => ({ recipient_id: id, kind: 'to_supervisors' })),
    ]);
    expect(got.map((g) => g.recipient_id)).not.toContain(coordinatorB.id);
  });

  it('links each recipient to the page of their own desk that shows the notice\'s subject, or to their desk when it has none', async () => {
    const hospital = randomUUID();
    const [officer, coordinator, patient, admin] = [await t.user('officer'), await t.user('hospital_coordinator', { hospitalId: hospital }), await t.user('patient'), await t.user('admin')];
    const applicationId = randomUUID();
    const event = { id: randomUUID(), name: 'officer.deactivated', payload: { officerId: 'x' }, occurredAt: t.clock.now() } as DomainEvent;
    const notice: Notice = { kind: 'about_application', title: 't', body: 'b', refs: {}, target: { page: 'application', id: applicationId }, audience: [{ kind: 'users', ids: [officer.id, patient.id, admin.id] }, { kind: 'coordinators', hospitalId: hospital }] };
    expect(await t.db.transaction((m) => t.app.get(NotificationsService).store(m, [{ event, notice }]))).toBe(4);
    const link = async (token: string) => (await t.http.get('/api/v1/me/notifications').set(as(token)).expect(200)).body.items[0].link;
    const base = t.config.publicBaseUrl.replace(/\/$/, '');
    expect(await link(officer.token)).toBe(`${base}/officer/applications/${applicationId}`);
    expect(await link(coordinator.token)).toBe(`${base}/coordinator/applications/${applicationId}`);
    expect(await link(patient.token)).toBe(`${base}/patient/applications/${applicationId}`);
    expect(await link(admin.token)).toBe(`${base}/admin`);
  });

  it('without SMTP_URL, outside production, e-mails each notification once into the development mailbox', async () => {
    const me = await t.user('officer');
    await notify([me.id], 'kept for the developer');
    const [row] = await t.db.query('SELECT email_to FROM notifications WHERE recipient_id = $1', [me.id]);
    expect(row.email_to).toBe(me.email);
    const letters = await mailTo(t, me.email);
    expect(letters.filter((l) => l.subject === 'kept for the developer')).toHaveLength(1);
    expect(letters.find((l) => l.subject === 'kept for the developer')!.links[0]).toMatch(new RegExp(`^${t.config.publicBaseUrl}/officer/applications/`));
    await deliverMail(t);
    expect((await mailTo(t, me.email)).filter((l) => l.subject === 'kept for the developer')).toHaveLength(1);
  });
});

describe('notification e-mails (a real SMTP server, a private Redis)', () => {
  let redis: Awaited<ReturnType<typeof startPrivateRedis>>;
  let smtp: SMTPServer;
  let t: TestApp;
  let worker: INestApplication | undefined;
  const received: { to: string; subject: string }[] = [];

  beforeAll(async () => {
    redis = await startPrivateRedis();
    const port = await freePort();
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, session, done) {
        let raw = '';
        stream.on('data', (c: Buffer) => (raw += c.toString()));
        stream.on('end', () => {
          received.push({ to: session.envelope.rcptTo.map((r) => r.address).join(','), subject: /^Subject: (.*)$/m.exec(raw.replace(/\r?\n[ \t]+/g, ' '))?.[1]?.trim() ?? '' });
          done();
        });
      },
    });
    await new Promise<void>((r) => smtp.listen(port, '127.0.0.1', () => r()));
    t = await startTestApp({ realClock: true, env: { REDIS_URL: redis.url, SMTP_URL: `smtp://127.0.0.1:${port}` } });
  });
  afterAll(async () => {
    await worker?.close();
    await t.close();
    await new Promise((r) => smtp.close(() => r(undefined)));
    await redis.stop();
  });

  /** Notification e-mails (the account e-mail that creating a user sends is not one). */
  const mailsTo = (email: string) => received.filter((r) => r.to === email && r.subject !== 'Your MedJourney account');

  async function askSponsorship(sponsor: { id: string }) {
    const applicationId = randomUUID();
    await t.db.transaction((m) =>
      t.app.get(EventBus).publish(m, 'visa-application.sponsorship-requested', {
        applicationId, reference: 'MV-2026-999999', sponsorHospitalId: sponsor.id, patientUserId: null, fromStatus: 'draft', toStatus: 'sponsor_review', actorRole: 'patient',
      }),
    );
    return applicationId;
  }

  it('sends each notification once, also when its delivery job runs twice', async () => {
    worker = await startTestWorker(t.config, new SystemClock());
    const sponsor = await aSponsor(t, (await t.user('admin')).token, false);
    const [{ email }] = await t.db.query('SELECT email FROM users WHERE id = $1', [sponsor.coordinatorId]);
    const applicationId = await askSponsorship(sponsor);
    await until(async () => mailsTo(email).length === 1, 10_000);
    expect(mailsTo(email)[0].subject).toBe('A patient asks your hospital to sponsor visa application MV-2026-999999');
    // The mail leaves before its transaction marks it sent and commits: the mark comes a moment after the mail.
    const marked = async () => (await t.db.query(`SELECT id, email_sent_at, email_attempts FROM notifications WHERE refs->>'applicationId' = $1`, [applicationId]))[0];
    await until(async () => (await marked())?.email_sent_at !== null, 10_000);
    const n = await marked();
    expect(n.email_attempts).toBe(1);
    // The job again, directly and through the queue under a new id.
    const emails = worker.get(NotificationEmailsProcessor);
    expect(await emails.deliver({ data: { notificationId: n.id } } as never)).toBe('already sent');
    await worker.get(QueuesService).get('notifications').add(JOBS.notificationEmail.name, { notificationId: n.id }, { jobId: `again-${n.id}` });
    await until(async () => (await worker!.get(QueuesService).get('notifications').getJob(`again-${n.id}`))?.returnvalue === 'already sent', 10_000);
    expect(mailsTo(email)).toHaveLength(1);
  });

  it('sends the e-mail once after a FLUSHALL took its job', async () => {
    await worker?.close();
    worker = undefined;
    const sponsor = await aSponsor(t, (await t.user('admin')).token, false);
    const [{ email }] = await t.db.query('SELECT email FROM users WHERE id = $1', [sponsor.coordinatorId]);
    // While no worker runs: the subscriber stores the notification, the relay hands its e-mail job to Redis...
    const applicationId = await askSponsorship(sponsor);
    const [event] = await t.db.query(`SELECT id FROM domain_events WHERE payload->>'applicationId' = $1`, [applicationId]);
    expect(await t.app.get(EventDeliveries).deliver(event.id, 'notifications.notices')).toBe('done');
    const relay = new OutboxRelay(t.db, t.app.get(QueuesService), new SystemClock(), { pollIntervalMs: 10 });
    while ((await relay.relayOnce()) > 0);
    // ...and Redis loses it.
    const flusher = new Redis(redis.url);
    await flusher.flushall();
    await flusher.quit();
    worker = await startTestWorker(t.config, new SystemClock());
    await new Promise((r) => setTimeout(r, 500));
    expect(mailsTo(email)).toHaveLength(0);
    await t.db.query(`UPDATE notifications SET created_at = created_at - interval '1 minute' WHERE source_event_id = $1`, [event.id]);
    expect(await worker.get(NotificationEmailsProcessor).sweep()).toEqual({ requeued: 1 });
    await until(async () => mailsTo(email).length === 1, 10_000);
    // Once its transaction has marked it sent (a moment after the mail left), the next sweep finds it sent.
    await until(async () => (await t.db.query(`SELECT 1 FROM notifications WHERE source_event_id = $1 AND email_sent_at IS NOT NULL`, [event.id])).length === 1, 10_000);
    expect(await worker.get(NotificationEmailsProcessor).sweep()).toEqual({ requeued: 0 });
    await new Promise((r) => setTimeout(r, 300));
    expect(mailsTo(email)).toHaveLength(1);
  });
});
