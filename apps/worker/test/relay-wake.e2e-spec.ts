import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { anApplication, aSponsor, startTestApp, startTestWorker, until, uploadAllDocuments, type TestApp } from '@medjourney/testing';
import { OutboxRelayService } from '../src/outbox-relay.service.js';

/**
 * With the relay's poll and every reconciler set to an hour, only the commit's notification can
 * get a delivery made within seconds.
 */
describe('relay wake-up on commit', () => {
  let t: TestApp;
  let worker: INestApplication;

  beforeAll(async () => {
    t = await startTestApp({ env: { OUTBOX_POLL_INTERVAL_MS: '3600000', SLA_RECONCILE_EVERY: 'PT1H' } });
    worker = await startTestWorker(t.config, t.clock);
  });
  afterAll(async () => {
    await worker.close();
    await t.close();
  });

  /** Asks for sponsorship (a journey entry and a coordinator's notice) and returns ms until both exist, or null after 5 s. */
  async function requestSponsorship(): Promise<number | null> {
    const admin = (await t.user('admin')).token;
    const sponsor = await aSponsor(t, admin, false);
    const patient = await t.user('patient');
    const draft = (await t.http.post('/api/v1/visa-applications').set('Authorization', `Bearer ${patient.token}`).send(anApplication({ sponsorHospitalId: sponsor.id })).expect(201)).body;
    // Let the start-up passes and this set-up's own deliveries settle, so what follows is one commit's wake-up.
    await new Promise((r) => setTimeout(r, 300));
    const started = Date.now();
    await t.http.post(`/api/v1/visa-applications/${draft.id}/request-sponsorship`).set('Authorization', `Bearer ${patient.token}`).expect(200);
    while (Date.now() - started < 5000) {
      const [{ notices, entries }] = await t.db.query(
        `SELECT (SELECT count(*)::int FROM notifications WHERE kind = 'sponsorship_requested' AND refs->>'applicationId' = $1) AS notices,
                (SELECT count(*)::int FROM journey_entries WHERE type = 'sponsorship_requested' AND refs->>'applicationId' = $1) AS entries`,
        [draft.id],
      );
      if (notices === 1 && entries === 1) return Date.now() - started;
      await new Promise((r) => setTimeout(r, 20));
    }
    return null;
  }

  it('makes a delivery (the journey and the notification centre) within 5 seconds with the poll at an hour', async () => {
    expect(await requestSponsorship()).not.toBeNull();
  });

  it('listens again after its connection is killed, and catches up', async () => {
    const killed = await t.db.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'medjourney-listener' AND datname = current_database()`);
    expect(killed).toHaveLength(1);
    expect(await requestSponsorship()).not.toBeNull();
  });
});

/**
 * As in production (EVENTS_ENQUEUE_ON_COMMIT and OUTBOX_ENQUEUE_ON_COMMIT, the defaults): the API
 * adds the delivery jobs and its outbox jobs right after its commit, so neither the poll (an hour)
 * nor the relay's wake-up is needed.
 */
describe('delivery and outbox jobs added by the publisher right after its commit', () => {
  let t: TestApp;
  let worker: INestApplication;

  beforeAll(async () => {
    t = await startTestApp({ env: { OUTBOX_POLL_INTERVAL_MS: '3600000', SLA_RECONCILE_EVERY: 'PT1H', EVENTS_ENQUEUE_ON_COMMIT: 'true', OUTBOX_ENQUEUE_ON_COMMIT: 'true' } });
    worker = await startTestWorker(t.config, t.clock);
  });
  afterAll(async () => {
    await worker.close();
    await t.close();
  });

  it('makes the journey entry and the notice within 5 seconds with the relay stopped', async () => {
    const admin = (await t.user('admin')).token;
    const sponsor = await aSponsor(t, admin, false);
    const patient = await t.user('patient');
    const draft = (await t.http.post('/api/v1/visa-applications').set('Authorization', `Bearer ${patient.token}`).send(anApplication({ sponsorHospitalId: sponsor.id })).expect(201)).body;
    // The relay stops: only the publisher's own add can bring the jobs.
    await worker.get(OutboxRelayService).relay.stop();
    const started = Date.now();
    await t.http.post(`/api/v1/visa-applications/${draft.id}/request-sponsorship`).set('Authorization', `Bearer ${patient.token}`).expect(200);
    let made = false;
    while (!made && Date.now() - started < 5000) {
      const [{ notices, entries }] = await t.db.query(
        `SELECT (SELECT count(*)::int FROM notifications WHERE kind = 'sponsorship_requested' AND refs->>'applicationId' = $1) AS notices,
                (SELECT count(*)::int FROM journey_entries WHERE type = 'sponsorship_requested' AND refs->>'applicationId' = $1) AS entries`,
        [draft.id],
      );
      made = notices === 1 && entries === 1;
      if (!made) await new Promise((r) => setTimeout(r, 20));
    }
    expect(made).toBe(true);
  });

  it('assigns a submitted application (its outbox job) within 5 seconds with the relay stopped, and marks the rows published', async () => {
    await t.user('officer');
    const admin = (await t.user('admin')).token;
    const sponsor = await aSponsor(t, admin, true);
    const as = { Authorization: `Bearer ${sponsor.coordinator}` };
    const draft = (await t.http.post('/api/v1/visa-applications').set(as).send(anApplication()).expect(201)).body;
    await uploadAllDocuments(t, sponsor.coordinator, draft);
    await worker.get(OutboxRelayService).relay.stop();
    await t.http.post(`/api/v1/visa-applications/${draft.id}/submit`).set(as).expect(200);
    await until(async () => (await t.db.query('SELECT 1 FROM visa_applications WHERE id = $1 AND assigned_officer_id IS NOT NULL', [draft.id])).length === 1, 5000, 'the assignment');
    await until(async () => (await t.db.query('SELECT 1 FROM outbox WHERE published_at IS NULL')).length === 0, 5000, 'every row marked');
  });
});
