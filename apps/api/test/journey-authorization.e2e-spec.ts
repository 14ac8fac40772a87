import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ManualClock } from '@medjourney/platform';
import { aPatientApplication, aSponsor, deliverPending, startTestApp, type TestApp } from '@medjourney/testing';
import { randomUUID } from 'node:crypto';

/**
 * Every journey route × every kind of caller (spec/journey.md "Treating hospitals",
 * security.md): the patient; coordinators of the sponsoring (treating) hospital, of a hospital
 * with only a draft for the patient, and of an unrelated one; officers and supervisors
 * (visa and border entries only); admins (read everything). Out of scope answers 404; a role
 * that may never do the action, 403. An allowed border or hospital event that the rules refuse
 * answers 422, which shows the caller got past the checks without changing anything.
 */
describe('journey routes: roles and scope', () => {
  let t: TestApp;
  const callers: Record<string, string> = {};
  let patientId: string;
  let sponsorId: string;
  let draftSponsorId: string;
  let unrelatedId: string;

  beforeAll(async () => {
    t = await startTestApp({ clock: new ManualClock('2026-11-23T03:00:00Z'), env: { JWT_TTL: 'P3Y' } });
    const admin = (await t.user('admin')).token;
    const officer = (await t.user('officer')).token;
    const sponsor = await aSponsor(t, admin, false);
    const draftSponsor = await aSponsor(t, admin, false);
    const unrelated = await aSponsor(t, admin, false);
    const x = await aPatientApplication(t, { coordinator: sponsor.coordinator, officer });
    const y = await aPatientApplication(t, { coordinator: unrelated.coordinator, officer });
    patientId = x.patientId;
    sponsorId = sponsor.id;
    draftSponsorId = draftSponsor.id;
    unrelatedId = unrelated.id;
    // A hospital whose only application for the patient is a draft does not treat them.
    await t.db.query(
      `INSERT INTO visa_applications (reference, sponsor_hospital_id, patient_id, patient_user_id, created_by, status, category, entries, stay_from, stay_until, treatment)
       SELECT 'MV-T-' || substr(md5(random()::text), 1, 8), $1, patient_id, patient_user_id, created_by, 'draft', category, entries, stay_from, stay_until, treatment FROM visa_applications WHERE id = $2`,
      [draftSponsor.id, x.application.id],
    );
    await t.http.post(`/api/v1/patients/${patientId}/journey-events`).set('Authorization', `Bearer ${officer}`).send({ type: 'arrived' }).expect(201);
    await t.http.post(`/api/v1/patients/${patientId}/journey-events`).set('Authorization', `Bearer ${sponsor.coordinator}`).send({ type: 'admitted', hospitalId: sponsor.id }).expect(201);
    Object.assign(callers, {
      patient: x.patientToken,
      otherPatient: y.patientToken,
      sponsorCoordinator: sponsor.coordinator,
      draftSponsorCoordinator: draftSponsor.coordinator,
      unrelatedCoordinator: unrelated.coordinator,
      officer,
      supervisor: (await t.user('supervisor')).token,
      admin,
      ministry_reviewer: (await t.user('ministry_reviewer')).token,
      clinician: (await t.user('clinician', { hospitalId: sponsor.id })).token,
      care_provider: (await t.user('care_provider')).token,
    });
  });
  afterAll(() => t.close());

  const call = {
    'GET /patients/:id/journey': (tk: string, id = patientId) => t.http.get(`/api/v1/patients/${id}/journey`).set('Authorization', `Bearer ${tk}`),
    'GET /patients/:id': (tk: string, id = patientId) => t.http.get(`/api/v1/patients/${id}`).set('Authorization', `Bearer ${tk}`),
    'PATCH /patients/:id': (tk: string, id = patientId) => t.http.patch(`/api/v1/patients/${id}`).set('Authorization', `Bearer ${tk}`).send({ languages: ['ru', 'en'] }),
    // The patient is in Korea: a second arrival is refused by the rules (422).
    'POST journey-events arrived': (tk: string, id = patientId) => t.http.post(`/api/v1/patients/${id}/journey-events`).set('Authorization', `Bearer ${tk}`).send({ type: 'arrived' }),
    // The patient is admitted: a second admission is refused by the rules (422); each coordinator names their own hospital.
    'POST journey-events admitted': (tk: string, id = patientId) => {
      const hospitalId = tk === callers.draftSponsorCoordinator ? draftSponsorId : tk === callers.unrelatedCoordinator ? unrelatedId : sponsorId;
      return t.http.post(`/api/v1/patients/${id}/journey-events`).set('Authorization', `Bearer ${tk}`).send({ type: 'admitted', hospitalId });
    },
  };

  const expected: Record<keyof typeof call, Record<string, number>> = {
    'GET /patients/:id/journey': {
      patient: 200, otherPatient: 404, sponsorCoordinator: 200, draftSponsorCoordinator: 404, unrelatedCoordinator: 404, officer: 200, supervisor: 200,
      admin: 200, ministry_reviewer: 403, clinician: 403, care_provider: 403,
    },
    'GET /patients/:id': {
      patient: 200, otherPatient: 404, sponsorCoordinator: 200, draftSponsorCoordinator: 404, unrelatedCoordinator: 404, officer: 403, supervisor: 403,
      admin: 200, ministry_reviewer: 403, clinician: 403, care_provider: 403,
    },
    'PATCH /patients/:id': {
      patient: 200, otherPatient: 404, sponsorCoordinator: 200, draftSponsorCoordinator: 404, unrelatedCoordinator: 404, officer: 403, supervisor: 403,
      admin: 403, ministry_reviewer: 403, clinician: 403, care_provider: 403,
    },
    'POST journey-events arrived': {
      patient: 403, otherPatient: 403, sponsorCoordinator: 403, draftSponsorCoordinator: 403, unrelatedCoordinator: 403, officer: 422, supervisor: 422,
      admin: 403, ministry_reviewer: 403, clinician: 403, care_provider: 403,
    },
    // Only a treating hospital records admissions: any other hospital is told the patient does not exist.
    'POST journey-events admitted': {
      patient: 403, otherPatient: 403, sponsorCoordinator: 422, draftSponsorCoordinator: 404, unrelatedCoordinator: 404, officer: 403, supervisor: 403,
      admin: 403, ministry_reviewer: 403, clinician: 403, care_provider: 403,
    },
  };

  it.each(Object.keys(call) as (keyof typeof call)[])('%s answers each caller as the matrix says', async (route) => {
    const got: Record<string, number> = {};
    for (const caller of Object.keys(expected[route])) got[caller] = (await call[route](callers[caller])).status;
    expect(got).toEqual(expected[route]);
  });

  it.each(Object.keys(call) as (keyof typeof call)[])('%s: no token 401; an unknown or malformed id 404 to those who could see it', async (route) => {
    const path = `/api/v1/patients/${patientId}${route.endsWith('journey') ? '/journey' : route.startsWith('POST') ? '/journey-events' : ''}`;
    const anon = route.startsWith('GET') ? t.http.get(path) : route.startsWith('PATCH') ? t.http.patch(path).send({ languages: ['en'] }) : t.http.post(path).send({ type: 'arrived' });
    expect((await anon).status).toBe(401);
    const allowed = route.includes('admitted') ? 'sponsorCoordinator' : route.startsWith('PATCH') || route === 'GET /patients/:id' ? 'patient' : 'officer';
    expect((await call[route](callers[allowed], randomUUID())).status).toBe(404);
    expect((await call[route](callers[allowed], 'not-a-uuid')).status).toBe(404);
  });

  it('shows the sponsor\'s coordinator the profile the patient set, and keeps the admission in the timeline', async () => {
    const profile = (await call['GET /patients/:id'](callers.sponsorCoordinator)).body;
    expect(profile).toMatchObject({ id: patientId, languages: ['ru', 'en'], phone: null, timezone: null });
    const bad = await t.http.patch(`/api/v1/patients/${patientId}`).set('Authorization', `Bearer ${callers.patient}`).send({ timezone: 'Mars/Olympus', languages: ['xx'], phone: '12345' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['languages', 'phone', 'timezone']);
    const stale = await t.http.patch(`/api/v1/patients/${patientId}`).set('Authorization', `Bearer ${callers.patient}`).send({ timezone: 'Asia/Almaty', version: 1 });
    expect(stale.status).toBe(409);
    const ok = await t.http.patch(`/api/v1/patients/${patientId}`).set('Authorization', `Bearer ${callers.patient}`).send({ timezone: 'Asia/Almaty', version: profile.version });
    expect(ok.body).toMatchObject({ timezone: 'Asia/Almaty', languages: ['ru', 'en'], version: profile.version + 1 });
    await deliverPending(t, ['journey.timeline']);
    const j = (await call['GET /patients/:id/journey'](callers.sponsorCoordinator)).body;
    expect(j.entries.find((e: { type: string }) => e.type === 'admitted')).toMatchObject({ refs: { hospitalId: sponsorId } });
    expect(j.stage).toBe('in_treatment');
    expect(j.nextSteps[0]).toMatch(/^Follow your treatment at Sponsor /);
  });
});
