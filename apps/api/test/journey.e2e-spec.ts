import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { TimelineService } from '@medjourney/journey';
import { DomainEventLog, ManualClock } from '@medjourney/platform';
import { aPatientApplication, aPerson, anApplication, aSponsor, deliverPending, linkTokenMailedTo, recordStatements, startTestApp, TINY_PDF, uploadAllDocuments, type TestApp } from '@medjourney/testing';

const NOW = '2026-11-23T03:00:00Z';
const HOUR = 3600_000;
const DAY = 24 * HOUR;

describe('the patient journey', () => {
  let t: TestApp;
  let admin: string;
  let officer: string;
  let supervisor: string;
  let sponsor: Awaited<ReturnType<typeof aSponsor>>;
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });
  const journey = async (token: string, patientId: string) => {
    await deliverPending(t, ['journey.timeline']);
    return (await t.http.get(`/api/v1/patients/${patientId}/journey`).set(as(token)).expect(200)).body;
  };
  const event = (token: string, patientId: string, body: object) => t.http.post(`/api/v1/patients/${patientId}/journey-events`).set(as(token)).send(body);

  beforeAll(async () => {
    t = await startTestApp({ clock: new ManualClock(NOW), env: { JWT_TTL: 'P3Y' } });
    admin = (await t.user('admin')).token;
    officer = (await t.user('officer')).token;
    supervisor = (await t.user('supervisor')).token;
    sponsor = await aSponsor(t, admin, true);
  });
  afterAll(() => t.close());

  it('follows one patient from a draft to departure, with the stage and next steps at every step', async () => {
    const body = anApplication({ patient: { ...aPerson({ surname: 'SERIKOVA', givenNames: 'DANA' }), email: `dana.${Date.now()}@example.kz` } });
    const draft = (await t.http.post('/api/v1/visa-applications').set(as(sponsor.coordinator)).send(body).expect(201)).body;
    const patientId: string = draft.patientId;
    const invitation = await linkTokenMailedTo(t, body.patient.email, 'accept-invite');
    await t.http.post('/api/v1/auth/accept-invite').send({ token: invitation, password: 'dana chose this password' }).expect(200);
    const patient = (await t.http.post('/api/v1/auth/login').send({ email: body.patient.email, password: 'dana chose this password' }).expect(200)).body.accessToken;
    await t.http.patch(`/api/v1/patients/${patientId}`).set(as(patient)).send({ timezone: 'Asia/Almaty', languages: ['kk', 'ru'], phone: '+77011234567' }).expect(200);

    let j = await journey(patient, patientId);
    expect(j).toMatchObject({ patientId, stage: 'planning', timezone: 'Asia/Almaty' });
    expect(j.nextSteps).toEqual([`Complete application ${draft.reference} with every document, then ask your hospital to sponsor it.`]);

    await uploadAllDocuments(t, sponsor.coordinator, draft);
    t.clock.advance(HOUR);
    await t.http.post(`/api/v1/visa-applications/${draft.id}/submit`).set(as(sponsor.coordinator)).expect(200);
    j = await journey(patient, patientId);
    expect(j.stage).toBe('visa_pending');
    expect(j.nextSteps).toEqual([`Wait for the immigration officer's decision on application ${draft.reference}.`]);

    t.clock.advance(HOUR);
    await t.http.post(`/api/v1/visa-applications/${draft.id}/start-review`).set(as(officer)).expect(200);
    t.clock.advance(HOUR);
    await t.http
      .post(`/api/v1/visa-applications/${draft.id}/request-supplement`)
      .set(as(officer))
      .send({ reason: 'Illegible', items: [{ personId: draft.persons[0].id, documentType: 'medical_confirmation' }] })
      .expect(200);
    j = await journey(patient, patientId);
    expect(j.stage).toBe('visa_pending');
    // Requested at 06:00 UTC on 23 November; the lapse (SUPPLEMENT_LAPSE_AFTER, P30D) in Almaty's time (UTC+5).
    expect(j.nextSteps).toEqual([`Upload the medical confirmation letter for DANA SERIKOVA requested by the officer for application ${draft.reference}, by 23 December 2026 at 11:00 your time.`]);

    t.clock.advance(HOUR);
    await t.http
      .post(`/api/v1/visa-applications/${draft.id}/documents`).set(as(sponsor.coordinator)).field('type', 'medical_confirmation').field('personId', draft.persons[0].id)
      .attach('file', TINY_PDF, { filename: 'letter.pdf', contentType: 'application/pdf' }).expect(201);
    t.clock.advance(HOUR);
    await t.http.post(`/api/v1/visa-applications/${draft.id}/resubmit`).set(as(sponsor.coordinator)).expect(200);
    expect((await journey(patient, patientId)).stage).toBe('visa_pending');

    t.clock.advance(HOUR);
    await t.http.post(`/api/v1/visa-applications/${draft.id}/decision`).set(as(officer)).send({ persons: [{ personId: draft.persons[0].id, outcome: 'approve' }] }).expect(200);
    const visa = (await t.http.get(`/api/v1/visa-applications/${draft.id}/persons/${draft.persons[0].id}/visa`).set(as(officer)).expect(200)).body;
    j = await journey(patient, patientId);
    expect(j.stage).toBe('visa_issued');
    expect(j.nextSteps).toEqual([`Enter Korea by 23 February 2027 and show your visa grant notice (visa ${visa.number}) at the border.`]);

    t.clock.advance(DAY);
    const arrived = await event(officer, patientId, { type: 'arrived' }).expect(201);
    expect(arrived.body).toMatchObject({ type: 'arrived', personIds: [draft.persons[0].id], hospitalId: null });
    j = await journey(patient, patientId);
    expect(j.stage).toBe('in_korea');
    // Arrived on 24 November (Korea); 30 days counting that one.
    expect(j.nextSteps).toEqual(['Go to your hospital to be admitted for your treatment.', 'Your permitted stay in Korea ends on 23 December 2026.']);
    const verify = await t.http.get(`/api/v1/visas/verify?number=${visa.number}&passportNumber=${body.patient.passportNumber}`).expect(200);
    expect(verify.body).toMatchObject({ valid: false, status: 'used' });

    t.clock.advance(HOUR);
    await event(sponsor.coordinator, patientId, { type: 'admitted', hospitalId: sponsor.id }).expect(201);
    j = await journey(patient, patientId);
    expect(j.stage).toBe('in_treatment');
    expect(j.nextSteps[0]).toMatch(/^Follow your treatment at Sponsor /);

    t.clock.advance(10 * DAY);
    await event(sponsor.coordinator, patientId, { type: 'discharged', hospitalId: sponsor.id }).expect(201);
    j = await journey(patient, patientId);
    expect(j.stage).toBe('discharged');
    expect(j.nextSteps).toEqual(['Leave Korea by 23 December 2026, the last day of your permitted stay.']);

    t.clock.advance(2 * DAY);
    await event(supervisor, patientId, { type: 'departed' }).expect(201);
    j = await journey(patient, patientId);
    expect(j.stage).toBe('returned');
    expect(j.nextSteps).toEqual(['Tell your hospital how your recovery goes; follow-up care can continue by video appointment.']);
    expect(j.entries.map((e: { type: string }) => e.type)).toEqual([
      'application_created', 'application_submitted', 'review_started', 'supplement_requested', 'application_resubmitted',
      'application_approved', 'visa_issued', 'arrived', 'admitted', 'discharged', 'departed',
    ]);
    const ats = j.entries.map((e: { at: string }) => e.at);
    expect(ats).toEqual([...ats].sort());
    expect(j.entries.find((e: { type: string }) => e.type === 'visa_issued')).toMatchObject({ summary: 'A visa was issued to DANA SERIKOVA.', refs: { applicationId: draft.id, personId: draft.persons[0].id } });
    expect(j.entries.find((e: { type: string }) => e.type === 'arrived').summary).toBe('DANA SERIKOVA arrived in Korea; the permitted stay lasts until 23 December 2026.');
    // Delivered twice, nothing is added; immigration reads the same timeline without the hospital's entries.
    await t.db.query(`UPDATE event_deliveries SET done_at = NULL WHERE subscriber = 'journey.timeline'`);
    expect((await journey(officer, patientId)).entries).toEqual(j.entries.filter((e: { type: string }) => e.type !== 'admitted' && e.type !== 'discharged'));
    // Each event was audited.
    const audited = await t.db.query(`SELECT action FROM audit_log WHERE entity_type = 'patient' AND entity_id = $1 ORDER BY seq`, [patientId]);
    expect(audited.map((a: { action: string }) => a.action)).toEqual(['patient.profile_updated', 'journey.arrived', 'journey.admitted', 'journey.discharged', 'journey.departed']);
  });

  it('refuses every implausible event with 422 IMPLAUSIBLE_EVENT and the reason', async () => {
    const implausible = async (res: { status: number; body: { code: string; detail: string } }, reason: RegExp) => {
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('IMPLAUSIBLE_EVENT');
      expect(res.body.detail).toMatch(reason);
    };
    // Arrival without a visa: the application is still under review.
    const pending = await aPatientApplication(t, { coordinator: sponsor.coordinator, officer }, { approve: false });
    await implausible(await event(officer, pending.patientId, { type: 'arrived' }), /holds no visa/);

    const p = await aPatientApplication(t, { coordinator: sponsor.coordinator, officer });
    await implausible(await event(officer, p.patientId, { type: 'departed' }), /cannot depart before arriving/);
    await implausible(await event(sponsor.coordinator, p.patientId, { type: 'admitted', hospitalId: sponsor.id }), /cannot be admitted before arriving/);
    await implausible(await event(officer, p.patientId, { type: 'arrived', at: new Date(t.clock.now().getTime() + DAY).toISOString() }), /before it happens/);
    await event(officer, p.patientId, { type: 'arrived' }).expect(201);
    await implausible(await event(officer, p.patientId, { type: 'arrived' }), /already in Korea/);
    await implausible(await event(sponsor.coordinator, p.patientId, { type: 'discharged', hospitalId: sponsor.id }), /cannot be discharged before being admitted/);
    // An admission at a hospital by another hospital's coordinator.
    const other = await aSponsor(t, admin, false);
    await implausible(await event(sponsor.coordinator, p.patientId, { type: 'admitted', hospitalId: other.id }), /their own hospital only/);
    await implausible(await event(officer, p.patientId, { type: 'departed', at: new Date(t.clock.now().getTime() - DAY).toISOString() }), /cannot depart before the arrival/);
    t.clock.advance(HOUR);
    await event(officer, p.patientId, { type: 'departed' }).expect(201);
    // A second arrival on a single-entry visa.
    t.clock.advance(DAY);
    await implausible(await event(officer, p.patientId, { type: 'arrived' }), /allows no further entry \(a single-entry visa\)/);
    // A person of someone else's application.
    await implausible(await event(officer, p.patientId, { type: 'arrived', personIds: [pending.personIds[0]] }), /not in this patient's applications/);
    // Nothing was written by the refused events.
    const [{ n }] = await t.db.query('SELECT count(*)::int AS n FROM journey_events WHERE patient_id = $1', [p.patientId]);
    expect(n).toBe(2);
  });

  it('lets companions arrive and depart with the patient, each on their own visa', async () => {
    const p = await aPatientApplication(t, { coordinator: sponsor.coordinator, officer }, { companions: [aPerson({ givenNames: 'ASKAR', surname: 'NURLANOV', sex: 'M' })] });
    const [patientPerson, companion] = p.personIds;
    const arrived = await event(officer, p.patientId, { type: 'arrived', personIds: [patientPerson, companion] }).expect(201);
    expect(arrived.body.personIds).toEqual([patientPerson, companion]);
    const visas = await t.db.query(`SELECT person_id, status, entries_used FROM visas WHERE person_id = ANY($1) ORDER BY person_id`, [p.personIds]);
    expect(visas.every((v: { status: string; entries_used: number }) => v.status === 'used' && v.entries_used === 1)).toBe(true);
    // The patient departs by default alone; the companion stays until named.
    t.clock.advance(HOUR);
    await event(officer, p.patientId, { type: 'departed', personIds: [companion] }).expect(201);
    t.clock.advance(HOUR);
    await event(officer, p.patientId, { type: 'departed' }).expect(201);
    const j = await journey(p.patientToken, p.patientId);
    expect(j.entries.filter((e: { type: string }) => ['arrived', 'departed'].includes(e.type)).map((e: { summary: string }) => e.summary)).toEqual([
      expect.stringMatching(/^AIGERIM NURLANOVA and ASKAR NURLANOV arrived in Korea; the permitted stay lasts until \d+ \w+ 20\d\d\.$/),
      'ASKAR NURLANOV left Korea.',
      'AIGERIM NURLANOVA left Korea.',
    ]);
    expect(j.stage).toBe('returned');
  });

  it('counts entries: a double-entry visa allows two arrivals and verification says valid until both are used', async () => {
    const patient = aPerson({ nationality: 'DEU' });
    const p = await aPatientApplication(t, { coordinator: sponsor.coordinator, officer }, { entries: 'double', patient });
    const number = (await t.db.query('SELECT number FROM visas WHERE person_id = $1', [p.personIds[0]]))[0].number;
    const verify = async () => (await t.http.get(`/api/v1/visas/verify?number=${number}&passportNumber=${patient.passportNumber}`).expect(200)).body;
    for (let i = 1; i <= 2; i++) {
      t.clock.advance(HOUR);
      await event(officer, p.patientId, { type: 'arrived' }).expect(201);
      expect(await verify()).toMatchObject({ valid: i < 2, status: 'used' });
      t.clock.advance(HOUR);
      await event(officer, p.patientId, { type: 'departed' }).expect(201);
    }
    const third = await event(officer, p.patientId, { type: 'arrived' });
    expect(third.status).toBe(422);
    expect(third.body.detail).toMatch(/allows no further entry \(a double-entry visa\)/);
  });

  it('fills in once the timeline of applications that existed before the module', async () => {
    const p = await aPatientApplication(t, { coordinator: sponsor.coordinator, officer });
    // As before the module: its events never reached the journey, its read model is empty.
    await t.db.query(`UPDATE event_deliveries SET done_at = now() WHERE subscriber = 'journey.timeline' AND done_at IS NULL`);
    await t.db.query('DELETE FROM journey_entries WHERE patient_id = $1', [p.patientId]);
    await t.db.query('DELETE FROM journey_applications WHERE patient_id = $1', [p.patientId]);
    await t.db.query('DELETE FROM journey_backfills');
    const before = (await t.http.get(`/api/v1/patients/${p.patientId}/journey`).set(as(p.patientToken)).expect(200)).body;
    expect(before.entries).toEqual([]);
    const backfill = t.app.get(TimelineService);
    // Two processes starting together: one fills every application in, the other finds it done.
    const [first, second] = (await Promise.all([backfill.backfill(), backfill.backfill()])).sort((a, b) => a - b);
    expect(first).toBe(0);
    expect(second).toBeGreaterThanOrEqual(1);
    expect(await backfill.backfill()).toBe(0);
    const after = await journey(p.patientToken, p.patientId);
    expect(after.stage).toBe('visa_issued');
    expect(after.entries.map((e: { type: string }) => e.type)).toEqual(['application_created', 'application_submitted', 'review_started', 'application_approved', 'visa_issued']);
  });

  it('syncs a delivery batch\'s applications in two statements, each once; a repeat adds nothing; one awaiting the patient\'s consent stays out', async () => {
    const patient = { ...aPerson({ surname: 'OMAROVA' }), email: `omarova.${Date.now()}@example.kz` };
    const first = (await t.http.post('/api/v1/visa-applications').set(as(sponsor.coordinator)).send(anApplication({ patient })).expect(201)).body;
    const second = (await t.http.post('/api/v1/visa-applications').set(as(sponsor.coordinator)).send(anApplication({ patient: { ...aPerson({ surname: 'ALIEVA' }), email: `alieva.${Date.now()}@example.kz` } })).expect(201)).body;
    // Another hospital files for the first patient: it waits for their consent (spec/security.md).
    const other = await aSponsor(t, admin, true);
    const awaiting = (await t.http.post('/api/v1/visa-applications').set(as(other.coordinator)).send(anApplication({ patient })).expect(201)).body;
    expect(awaiting.patientConsent).toBe('awaiting');
    await uploadAllDocuments(t, sponsor.coordinator, first);
    t.clock.advance(HOUR);
    await t.http.post(`/api/v1/visa-applications/${first.id}/submit`).set(as(sponsor.coordinator)).expect(200);
    const ids = [first.id, second.id, awaiting.id];
    // Their events as one batch delivers them (the first application's twice: created and submitted).
    const events = (await t.db.transaction((m) => t.app.get(DomainEventLog).page(m, ['visa-application.created', 'visa-application.submitted'], '0', 1000)))
      .map((p) => p.event)
      .filter((e) => ids.includes((e.payload as { applicationId: string }).applicationId));
    expect(events).toHaveLength(4);
    await t.db.query(`UPDATE event_deliveries SET done_at = now() WHERE subscriber = 'journey.timeline' AND done_at IS NULL`);
    await t.db.query('DELETE FROM journey_entries WHERE patient_id = ANY($1::uuid[])', [[first.patientId, second.patientId]]);
    await t.db.query('DELETE FROM journey_applications WHERE application_id = ANY($1::uuid[])', [ids]);

    const timeline = t.app.get(TimelineService);
    const statements = recordStatements(t.db);
    const sync = async () => {
      statements.start();
      await t.db.transaction((m) => timeline.onApplicationEvents(events, m));
      return statements.stop().filter((q) => !/^(START TRANSACTION|COMMIT)/.test(q));
    };
    expect(await sync()).toHaveLength(2);
    const stored = async () => ({
      applications: await t.db.query('SELECT application_id, patient_id, status FROM journey_applications WHERE application_id = ANY($1::uuid[]) ORDER BY application_id', [ids]),
      first: await t.db.query('SELECT type, summary FROM journey_entries WHERE patient_id = $1 ORDER BY at, id', [first.patientId]),
      second: await t.db.query('SELECT type, summary FROM journey_entries WHERE patient_id = $1 ORDER BY at, id', [second.patientId]),
    });
    const once = await stored();
    expect(once.applications).toEqual(
      [
        { application_id: first.id, patient_id: first.patientId, status: 'submitted' },
        { application_id: second.id, patient_id: second.patientId, status: 'draft' },
      ].sort((a, b) => (a.application_id < b.application_id ? -1 : 1)),
    );
    expect(once.first).toEqual([
      { type: 'application_created', summary: `Visa application ${first.reference} was created.` },
      { type: 'application_submitted', summary: `Application ${first.reference} was submitted to immigration.` },
    ]);
    expect(once.second).toEqual([{ type: 'application_created', summary: `Visa application ${second.reference} was created.` }]);
    // A repeated delivery: the same two statements, nothing new.
    expect(await sync()).toHaveLength(2);
    expect(await stored()).toEqual(once);
  });
});
