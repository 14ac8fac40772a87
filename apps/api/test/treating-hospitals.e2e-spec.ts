import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ManualClock } from '@medjourney/platform';
import { aPatientApplication, aPerson, aSponsor, anApplication, deliverPending, startTestApp, uploadAllDocuments, type TestApp } from '@medjourney/testing';
import { randomUUID } from 'node:crypto';

/**
 * Treating hospitals (spec/journey.md) and what immigration reads of a journey: only a
 * treating hospital records an admission (any other: 404, nothing recorded); a referral makes
 * the referred hospital a treating one (and no other); a hospital filing for an existing
 * patient's account waits for their consent; officers and supervisors read visa and border
 * entries only, and never a draft (security.md).
 */
describe('treating hospitals', () => {
  let t: TestApp;
  let admin: string;
  let officer: string;
  let supervisor: string;
  let sponsor: Awaited<ReturnType<typeof aSponsor>>;
  let unrelated: Awaited<ReturnType<typeof aSponsor>>;
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });
  const counts = async (patientId: string) =>
    (
      await t.db.query(
        `SELECT (SELECT count(*)::int FROM journey_events WHERE patient_id = $1) AS events,
                (SELECT count(*)::int FROM journey_admissions WHERE patient_id = $1) AS admissions,
                (SELECT count(*)::int FROM domain_events WHERE payload->>'patientId' = $1::text) AS published,
                (SELECT count(*)::int FROM audit_log WHERE entity_id = $1::text) AS audited`,
        [patientId],
      )
    )[0];

  beforeAll(async () => {
    t = await startTestApp({ clock: new ManualClock('2026-11-23T03:00:00Z'), env: { JWT_TTL: 'P3Y' } });
    admin = (await t.user('admin')).token;
    officer = (await t.user('officer')).token;
    supervisor = (await t.user('supervisor')).token;
    sponsor = await aSponsor(t, admin, false);
    unrelated = await aSponsor(t, admin, false);
  });
  afterAll(() => t.close());

  it('an admission by a hospital that does not treat the patient is 404 and records nothing; the sponsor\'s is recorded', async () => {
    const x = await aPatientApplication(t, { coordinator: sponsor.coordinator, officer });
    await t.http.post(`/api/v1/patients/${x.patientId}/journey-events`).set(as(officer)).send({ type: 'arrived' }).expect(201);
    const before = await counts(x.patientId);
    const refused = await t.http.post(`/api/v1/patients/${x.patientId}/journey-events`).set(as(unrelated.coordinator)).send({ type: 'admitted', hospitalId: unrelated.id });
    expect(refused.status).toBe(404);
    expect(refused.body.code).toBe('NOT_FOUND');
    expect(await counts(x.patientId)).toEqual(before);
    await t.http.post(`/api/v1/patients/${x.patientId}/journey-events`).set(as(sponsor.coordinator)).send({ type: 'admitted', hospitalId: sponsor.id }).expect(201);
    expect((await counts(x.patientId)).admissions).toBe(before.admissions + 1);
    // Nor may the unrelated hospital read what the admission made of the journey, or discharge.
    expect((await t.http.get(`/api/v1/patients/${x.patientId}/journey`).set(as(unrelated.coordinator))).status).toBe(404);
    expect((await t.http.post(`/api/v1/patients/${x.patientId}/journey-events`).set(as(unrelated.coordinator)).send({ type: 'discharged', hospitalId: unrelated.id })).status).toBe(404);
  });

  it('officers and supervisors read the visa and border entries, never the care; admins read everything', async () => {
    const x = await aPatientApplication(t, { coordinator: sponsor.coordinator, officer });
    await t.http.post(`/api/v1/patients/${x.patientId}/journey-events`).set(as(officer)).send({ type: 'arrived' }).expect(201);
    await t.http.post(`/api/v1/patients/${x.patientId}/journey-events`).set(as(sponsor.coordinator)).send({ type: 'admitted', hospitalId: sponsor.id }).expect(201);
    await deliverPending(t, ['journey.timeline']);
    const types = async (token: string) => {
      const res = await t.http.get(`/api/v1/patients/${x.patientId}/journey`).set(as(token)).expect(200);
      return { types: res.body.entries.map((e: { type: string }) => e.type) as string[], stage: res.body.stage as string };
    };
    const full = await types(admin);
    expect(full.types).toEqual(expect.arrayContaining(['application_submitted', 'visa_issued', 'arrived', 'admitted']));
    expect(full.stage).toBe('in_treatment');
    for (const token of [officer, supervisor]) {
      const seen = await types(token);
      expect(seen.types).toEqual(expect.arrayContaining(['application_submitted', 'visa_issued', 'arrived']));
      expect(seen.types).not.toContain('admitted');
      // The stage would tell of the admission: immigration sees the patient in Korea.
      expect(seen.stage).toBe('in_korea');
    }
  });

  it('officers never see a draft: not listed, not by id, not by passport number, not its patient\'s journey', async () => {
    const person = aPerson();
    const draft = (await t.http.post('/api/v1/visa-applications').set(as(sponsor.coordinator)).send(anApplication({ patient: { ...person, email: `draft.${Date.now()}@example.kz` } })).expect(201)).body;
    expect((await t.http.get(`/api/v1/visa-applications/${draft.id}`).set(as(officer))).status).toBe(404);
    expect((await t.http.get(`/api/v1/visa-applications/${draft.id}/documents`).set(as(officer))).status).toBe(404);
    const listed = (await t.http.get('/api/v1/visa-applications?limit=100').set(as(officer)).expect(200)).body.items.map((a: { id: string }) => a.id);
    expect(listed).not.toContain(draft.id);
    const found = (await t.http.get(`/api/v1/visa-applications?q=${person.passportNumber}`).set(as(officer)).expect(200)).body.items;
    expect(found).toEqual([]);
    await deliverPending(t, ['journey.timeline']);
    expect((await t.http.get(`/api/v1/patients/${draft.patientId}/journey`).set(as(officer))).status).toBe(404);
    expect((await t.http.post(`/api/v1/patients/${draft.patientId}/journey-events`).set(as(officer)).send({ type: 'arrived' })).status).toBe(404);
    // Nor is the draft's sponsor a treating hospital yet.
    expect((await t.http.get(`/api/v1/patients/${draft.patientId}/journey`).set(as(sponsor.coordinator))).status).toBe(404);
    expect((await t.http.get(`/api/v1/visa-applications/${draft.id}`).set(as(sponsor.coordinator))).status).toBe(200);
  });

  it('a referral by the sponsor makes the referred hospital a treating one; a third hospital stays 404', async () => {
    const referred = await aSponsor(t, admin, false);
    const third = await aSponsor(t, admin, false);
    const x = await aPatientApplication(t, { coordinator: sponsor.coordinator, officer });
    const base = `/api/v1/patients/${x.patientId}`;
    const refer = (token: string, body: Record<string, unknown>, key?: string) => {
      const req = t.http.post(`${base}/referrals`).set(as(token));
      return key ? req.set('Idempotency-Key', key).send(body) : req.send(body);
    };
    expect((await t.http.get(`${base}/journey`).set(as(referred.coordinator))).status).toBe(404);
    // Only a sponsor's coordinator refers; other roles 403, other hospitals 404.
    expect((await refer(third.coordinator, { hospitalId: referred.id })).status).toBe(404);
    expect((await refer(referred.coordinator, { hospitalId: referred.id })).status).toBe(404);
    for (const token of [x.patientToken, officer, admin]) expect((await refer(token, { hospitalId: referred.id })).status).toBe(403);
    const unknown = await refer(sponsor.coordinator, { hospitalId: randomUUID() });
    expect(unknown.status).toBe(422);
    expect(unknown.body.code).toBe('REFERRAL_TARGET_NOT_REGISTERED');
    expect((await refer(sponsor.coordinator, { hospitalId: sponsor.id })).body.code).toBe('ALREADY_TREATING');

    const key = randomUUID();
    const made = await refer(sponsor.coordinator, { hospitalId: referred.id, reason: 'Proton therapy is done there' }, key);
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ patientId: x.patientId, hospitalId: referred.id, referredByHospitalId: sponsor.id, reason: 'Proton therapy is done there' });
    const again = await refer(sponsor.coordinator, { hospitalId: referred.id, reason: 'Proton therapy is done there' }, key);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(made.body);
    const twice = await refer(sponsor.coordinator, { hospitalId: referred.id });
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('ALREADY_TREATING');
    expect((await t.db.query('SELECT count(*)::int AS n FROM journey_referrals WHERE patient_id = $1', [x.patientId]))[0].n).toBe(1);
    expect((await t.db.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'journey.referred' AND entity_id = $1::text`, [x.patientId]))[0].n).toBe(1);
    expect((await t.db.query(`SELECT count(*)::int AS n FROM domain_events WHERE name = 'journey.referred' AND payload->>'patientId' = $1::text`, [x.patientId]))[0].n).toBe(1);

    await deliverPending(t, ['journey.timeline', 'notifications.notices']);
    const journey = await t.http.get(`${base}/journey`).set(as(referred.coordinator)).expect(200);
    expect(journey.body.entries.find((e: { type: string }) => e.type === 'referred')).toMatchObject({ refs: { referralId: made.body.id, hospitalId: referred.id } });
    // Immigration does not read referrals.
    expect((await t.http.get(`${base}/journey`).set(as(officer)).expect(200)).body.entries.map((e: { type: string }) => e.type)).not.toContain('referred');
    const inbox = await t.http.get('/api/v1/me/notifications').set(as(referred.coordinator)).expect(200);
    expect(inbox.body.items.map((n: { kind: string }) => n.kind)).toContain('referral');
    // The referred hospital reads the profile, books and admits; it neither edits the profile nor refers on.
    expect((await t.http.get(base).set(as(referred.coordinator))).status).toBe(200);
    expect((await t.http.patch(base).set(as(referred.coordinator)).send({ languages: ['en'] })).status).toBe(404);
    expect((await refer(referred.coordinator, { hospitalId: third.id })).status).toBe(404);
    await t.http.post(`${base}/journey-events`).set(as(officer)).send({ type: 'arrived' }).expect(201);
    await t.http.post(`${base}/journey-events`).set(as(referred.coordinator)).send({ type: 'admitted', hospitalId: referred.id }).expect(201);

    for (const token of [x.patientToken, sponsor.coordinator, referred.coordinator, admin]) {
      const list = await t.http.get(`${base}/referrals`).set(as(token)).expect(200);
      expect(list.body).toEqual({ items: [made.body], nextCursor: null });
    }
    expect((await t.http.get(`${base}/referrals`).set(as(officer))).status).toBe(403);
    expect((await t.http.get(`${base}/referrals?cursor=${Buffer.from('[1,2]').toString('base64url')}`).set(as(sponsor.coordinator))).status).toBe(400);
    // The third hospital still sees nothing and changes nothing.
    expect((await t.http.get(`${base}/referrals`).set(as(third.coordinator))).status).toBe(404);
    expect((await t.http.get(`${base}/journey`).set(as(third.coordinator))).status).toBe(404);
    expect((await t.http.get(base).set(as(third.coordinator))).status).toBe(404);
    expect((await t.http.post(`${base}/journey-events`).set(as(third.coordinator)).send({ type: 'discharged', hospitalId: third.id })).status).toBe(404);
  });

  it('a second hospital filing for an existing patient sees only its own application until the patient accepts, and cannot submit before', async () => {
    const second = await aSponsor(t, admin, false);
    const x = await aPatientApplication(t, { coordinator: sponsor.coordinator, officer });
    const email = (await t.http.get(`/api/v1/patients/${x.patientId}`).set(as(x.patientToken)).expect(200)).body.email;
    const filed = await t.http.post('/api/v1/visa-applications').set(as(second.coordinator)).send(anApplication({ patient: { ...aPerson(), email } }));
    expect(filed.status).toBe(201);
    expect(filed.body).toMatchObject({ patientConsent: 'awaiting', patientId: null });
    expect(filed.body.invitationToken).toBeUndefined();
    const app = filed.body;
    await uploadAllDocuments(t, second.coordinator, app);

    // Before consent: its own application, nothing else of the patient.
    const base = `/api/v1/patients/${x.patientId}`;
    expect((await t.http.get(`/api/v1/visa-applications/${app.id}`).set(as(second.coordinator))).status).toBe(200);
    expect((await t.http.get(`${base}/journey`).set(as(second.coordinator))).status).toBe(404);
    expect((await t.http.get(base).set(as(second.coordinator))).status).toBe(404);
    expect((await t.http.get(`/api/v1/visa-applications/${x.application.id}`).set(as(second.coordinator))).status).toBe(404);
    const listed = (await t.http.get('/api/v1/visa-applications?limit=100').set(as(second.coordinator)).expect(200)).body.items.map((a: { id: string }) => a.id);
    expect(listed).toEqual([app.id]);
    const early = await t.http.post(`/api/v1/visa-applications/${app.id}/submit`).set(as(second.coordinator));
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('AWAITING_PATIENT_CONSENT');
    // The patient is told, sees the application, and it is not on their journey yet.
    await deliverPending(t, ['journey.timeline', 'notifications.notices']);
    const inbox = (await t.http.get('/api/v1/me/notifications').set(as(x.patientToken)).expect(200)).body.items;
    expect(inbox.find((n: { kind: string }) => n.kind === 'sponsorship_consent_requested')).toMatchObject({ refs: { applicationId: app.id } });
    expect((await t.http.get(`/api/v1/visa-applications/${app.id}`).set(as(x.patientToken)).expect(200)).body).toMatchObject({ patientConsent: 'awaiting', patientId: x.patientId });
    const before = (await t.http.get(`${base}/journey`).set(as(x.patientToken)).expect(200)).body.entries;
    expect(before.some((e: { refs: { applicationId?: string } }) => e.refs.applicationId === app.id)).toBe(false);

    // Only the patient accepts, once.
    expect((await t.http.post(`/api/v1/visa-applications/${app.id}/accept-sponsorship`).set(as(second.coordinator))).status).toBe(403);
    const accepted = await t.http.post(`/api/v1/visa-applications/${app.id}/accept-sponsorship`).set(as(x.patientToken));
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ patientConsent: 'accepted', patientId: x.patientId, status: 'draft' });
    const repeat = await t.http.post(`/api/v1/visa-applications/${app.id}/accept-sponsorship`).set(as(x.patientToken));
    expect(repeat.status).toBe(409);
    expect((await t.http.post(`/api/v1/visa-applications/${x.application.id}/accept-sponsorship`).set(as(x.patientToken))).status).toBe(409);

    // Accepted but not submitted: still not a treating hospital. Submitted: it is.
    expect((await t.http.get(`${base}/journey`).set(as(second.coordinator))).status).toBe(404);
    await t.http.post(`/api/v1/visa-applications/${app.id}/submit`).set(as(second.coordinator)).expect(200);
    expect((await t.http.get(base).set(as(second.coordinator))).status).toBe(200);
    await deliverPending(t, ['journey.timeline', 'notifications.notices']);
    const after = (await t.http.get(`${base}/journey`).set(as(second.coordinator)).expect(200)).body.entries.map((e: { type: string }) => e.type);
    expect(after).toEqual(expect.arrayContaining(['sponsorship_accepted', 'application_submitted']));
    expect((await t.http.get('/api/v1/me/notifications').set(as(second.coordinator)).expect(200)).body.items.map((n: { kind: string }) => n.kind)).toContain('sponsorship_accepted');

    // A hospital that has filed for the patient before needs no new consent.
    const again = await t.http.post('/api/v1/visa-applications').set(as(second.coordinator)).send(anApplication({ patient: { ...aPerson(), email } }));
    expect(again.body).toMatchObject({ patientConsent: null, patientId: x.patientId });
  });
});
