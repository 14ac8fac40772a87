import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ManualClock } from '@medjourney/platform';
import { aPatientApplication, aPerson, aSponsor, anApplication, deliverPending, startTestApp, type TestApp } from '@medjourney/testing';

/**
 * Treating hospitals (spec/journey.md) and what immigration reads of a journey: only a
 * treating hospital records an admission (any other: 404, nothing recorded); officers and
 * supervisors read visa and border entries only, and never a draft (security.md).
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
});
