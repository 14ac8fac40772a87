import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ManualClock } from '@medjourney/platform';
import { aPatientApplication, aSponsor, ensureSponsoredPatient, startTestApp, type TestApp } from '@medjourney/testing';

const HOSPITAL_A = '77777777-7777-4777-8777-777777777777';
const PATIENT = '88888888-8888-4888-8888-888888888888';
const MONDAY = '2026-11-23T00:00:00Z';
const WEEKDAYS = { timezone: 'Asia/Seoul', weekly: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '09:00', end: '18:00' })), exceptions: [] };
const WEEKENDS = { timezone: 'Asia/Seoul', weekly: [6, 7].map((weekday) => ({ weekday, start: '09:00', end: '18:00' })), exceptions: [] };
const CERT = [{ type: 'medical_interpreter', number: 'MI-1', validUntil: '2028-12-31' }];
// Tuesday 10:00-12:00 in Seoul.
const WINDOW = { start: '2026-11-24T01:00:00Z', end: '2026-11-24T03:00:00Z' };
const REQUEST = { kind: 'interpreter', language: 'ru', specialty: 'oncology', hospitalId: HOSPITAL_A, region: 'Seoul', ...WINDOW };

describe('matching: hard filters, score, ties, exclusion counts', () => {
  let t: TestApp;
  let admin: string;
  let coord: string;
  const ids: Record<string, string> = {};
  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

  async function provider(key: string, body: Record<string, unknown>, opts: { verify?: boolean; availability?: object } = {}) {
    const res = await t.http.post('/api/v1/care-providers').set(bearer(admin)).send({ kind: 'interpreter', name: key, ...body }).expect(201);
    ids[key] = res.body.id;
    if (opts.verify !== false) await t.http.post(`/api/v1/care-providers/${res.body.id}/verify`).set(bearer(admin)).expect(201);
    await t.http.put(`/api/v1/care-providers/${res.body.id}/availability`).set(bearer(admin)).send(opts.availability ?? WEEKDAYS).expect(200);
  }
  const book = (key: string, start: string, end: string) =>
    t.http.post('/api/v1/care-assignments').set(bearer(coord)).send({ providerId: ids[key], patientId: PATIENT, hospitalId: HOSPITAL_A, kind: 'interpreter', start, end }).expect(201);

  beforeAll(async () => {
    t = await startTestApp({ clock: new ManualClock(MONDAY) });
    admin = (await t.user('admin')).token;
    coord = (await t.user('hospital_coordinator', { hospitalId: HOSPITAL_A })).token;
    await ensureSponsoredPatient(t.db, HOSPITAL_A, PATIENT);
    const ru = (level: string) => [{ code: 'ru', level }];
    await provider('affiliated', { languages: ru('native'), certifications: CERT, specialties: ['oncology'], hospitalIds: [HOSPITAL_A] });
    await provider('twinA', { languages: ru('native'), certifications: CERT, specialties: ['oncology'] });
    await provider('twinB', { languages: ru('native'), certifications: CERT, specialties: ['oncology'] });
    await provider('regional', { languages: ru('fluent'), certifications: CERT, regions: ['Seoul'] });
    await provider('uncertified', { languages: ru('professional') });
    await provider('lapsed', { languages: ru('native'), certifications: [{ ...CERT[0], validUntil: '2025-12-31' }] });
    await provider('weekends', { languages: ru('native'), certifications: CERT }, { availability: WEEKENDS });
    await provider('booked', { languages: ru('native'), certifications: CERT });
    await provider('busy', { languages: ru('native'), certifications: CERT, maxHoursPerWeek: 3 });
    await provider('chinese', { languages: [{ code: 'zh', level: 'native' }], certifications: CERT });
    await provider('unverified', { languages: ru('native'), certifications: CERT }, { verify: false });
    await provider('caregiver', { kind: 'caregiver', languages: ru('native') });
    await book('booked', '2026-11-24T02:00:00Z', '2026-11-24T04:00:00Z');
    await book('busy', '2026-11-23T01:00:00Z', '2026-11-23T03:00:00Z');
  });
  afterAll(() => t.close());

  it('ranks the eligible by the documented score, breaks ties by id, and counts each filter\'s exclusions', async () => {
    const res = await t.http.post('/api/v1/matches').set(bearer(coord)).send(REQUEST).expect(200);
    const twins = [ids.twinA, ids.twinB].sort();
    expect(res.body.candidates.map((c: { providerId: string; score: number }) => [c.providerId, c.score])).toEqual([
      [ids.affiliated, 94], [twins[0], 79], [twins[1], 79], [ids.regional, 69],
    ]);
    expect(res.body.candidates[0].breakdown).toEqual({ language: 25, certification: 15, specialty: 15, proximity: 15, rating: 9, fairness: 15, languageLevel: 'native', bookedHoursThisWeek: 0 });
    expect(res.body.candidates[3].breakdown).toEqual({ language: 20, certification: 15, specialty: 0, proximity: 10, rating: 9, fairness: 15, languageLevel: 'fluent', bookedHoursThisWeek: 0 });
    expect(res.body.excluded).toEqual({ inactive: 1, language: 1, certification: 2, availability: 1, booked: 1, weeklyHours: 1 });
    const [stored] = await t.db.query('SELECT request, candidates FROM matches WHERE id = $1', [res.body.matchId]);
    expect(stored.candidates).toEqual(res.body.candidates);
    expect(stored.request).toMatchObject({ language: 'ru', requireCertified: true, hospitalId: HOSPITAL_A });
  });

  it('gives equal rankings for equal inputs', async () => {
    const a = await t.http.post('/api/v1/matches').set(bearer(coord)).send(REQUEST).expect(200);
    const b = await t.http.post('/api/v1/matches').set(bearer(coord)).send(REQUEST).expect(200);
    expect(b.body.candidates).toEqual(a.body.candidates);
    expect(b.body.matchId).not.toBe(a.body.matchId);
  });

  it('without requireCertified, the uncertified and lapsed count, with no certification points; a coordinator\'s hospital is the default affiliation', async () => {
    const res = await t.http.post('/api/v1/matches').set(bearer(coord)).send({ ...REQUEST, requireCertified: false, specialty: undefined, hospitalId: undefined, region: undefined }).expect(200);
    const byId = new Map(res.body.candidates.map((c: { providerId: string }) => [c.providerId, c]));
    expect(byId.get(ids.uncertified)).toMatchObject({ score: 15 + 0 + 15 + 0 + 9 + 15 });
    expect(byId.get(ids.lapsed)).toMatchObject({ score: 25 + 0 + 15 + 0 + 9 + 15 });
    expect(byId.get(ids.affiliated)).toMatchObject({ score: 25 + 15 + 15 + 15 + 9 + 15 });
    expect(res.body.excluded).toEqual({ inactive: 1, language: 1, certification: 0, availability: 1, booked: 1, weeklyHours: 1 });
  });

  it('an hour\'s booking on Monday lowers fairness when the cap leaves room', async () => {
    const res = await t.http.post('/api/v1/matches').set(bearer(coord)).send({ ...REQUEST, start: '2026-11-24T05:00:00Z', end: '2026-11-24T06:00:00Z' }).expect(200);
    const busy = res.body.candidates.find((c: { providerId: string }) => c.providerId === ids.busy);
    expect(busy.breakdown).toMatchObject({ bookedHoursThisWeek: 2, fairness: 5 });
  });

  it('is for coordinators and patients; a window that ends before it starts is 400', async () => {
    const patient = await t.user('patient');
    await t.http.post('/api/v1/matches').set(bearer(patient.token)).send(REQUEST).expect(200);
    for (const role of ['admin', 'officer', 'care_provider', 'clinician'] as const) {
      expect([role, (await t.http.post('/api/v1/matches').set(bearer((await t.user(role)).token)).send(REQUEST)).status]).toEqual([role, 403]);
    }
    await t.http.post('/api/v1/matches').set(bearer(coord)).send({ ...REQUEST, start: WINDOW.end, end: WINDOW.start }).expect(400);
  });

  describe('the language defaults to the patient\'s preferred one', () => {
    const { language: _, ...WITHOUT_LANGUAGE } = REQUEST;
    let sponsor: Awaited<ReturnType<typeof aSponsor>>;
    let officer: string;
    let patient: { patientId: string; patientToken: string };

    beforeAll(async () => {
      sponsor = await aSponsor(t, admin, true);
      officer = (await t.user('officer')).token;
      patient = await aPatientApplication(t, { coordinator: sponsor.coordinator, officer }, { approve: false });
      // Chinese first: only the Chinese speaker of the registry can match it.
      await t.http.patch(`/api/v1/patients/${patient.patientId}`).set(bearer(patient.patientToken)).send({ languages: ['zh', 'ru'] }).expect(200);
    });

    const stored = async (matchId: string) => (await t.db.query('SELECT request FROM matches WHERE id = $1', [matchId]))[0].request;

    it('a patient\'s own request takes their profile\'s first language', async () => {
      const res = await t.http.post('/api/v1/matches').set(bearer(patient.patientToken)).send(WITHOUT_LANGUAGE).expect(200);
      expect(res.body.candidates.map((c: { providerId: string }) => c.providerId)).toEqual([ids.chinese]);
      expect(await stored(res.body.matchId)).toMatchObject({ language: 'zh', patientId: patient.patientId });
      // Naming themselves is the same request; a language given wins.
      const own = await t.http.post('/api/v1/matches').set(bearer(patient.patientToken)).send({ ...WITHOUT_LANGUAGE, patientId: patient.patientId }).expect(200);
      expect(own.body.candidates).toEqual(res.body.candidates);
      const russian = await t.http.post('/api/v1/matches').set(bearer(patient.patientToken)).send(REQUEST).expect(200);
      expect(russian.body.candidates[0].providerId).toBe(ids.affiliated);
    });

    it('a coordinator\'s request for a patient of their hospital takes that patient\'s language', async () => {
      const res = await t.http.post('/api/v1/matches').set(bearer(sponsor.coordinator)).send({ ...WITHOUT_LANGUAGE, patientId: patient.patientId }).expect(200);
      expect(res.body.candidates.map((c: { providerId: string }) => c.providerId)).toEqual([ids.chinese]);
      expect(await stored(res.body.matchId)).toMatchObject({ language: 'zh', patientId: patient.patientId, hospitalId: HOSPITAL_A });
    });

    it('a patientId outside the caller\'s scope is 404, even with a language', async () => {
      // HOSPITAL_A's coordinator neither sponsored nor admitted this patient.
      for (const body of [{ ...WITHOUT_LANGUAGE, patientId: patient.patientId }, { ...REQUEST, patientId: patient.patientId }]) {
        const res = await t.http.post('/api/v1/matches').set(bearer(coord)).send(body);
        expect([res.status, res.body.code]).toEqual([404, 'NOT_FOUND']);
      }
      const stranger = await aPatientApplication(t, { coordinator: (await aSponsor(t, admin, true)).coordinator, officer }, { approve: false });
      await t.http.post('/api/v1/matches').set(bearer(patient.patientToken)).send({ ...REQUEST, patientId: stranger.patientId }).expect(404);
      await t.http.post('/api/v1/matches').set(bearer(sponsor.coordinator)).send({ ...REQUEST, patientId: '00000000-0000-4000-8000-000000000999' }).expect(404);
    });

    it('no language from the request or the patient\'s profile is 422 LANGUAGE_REQUIRED', async () => {
      const [before] = await t.db.query('SELECT count(*)::int AS n FROM matches');
      const noPatient = await t.http.post('/api/v1/matches').set(bearer(coord)).send(WITHOUT_LANGUAGE);
      expect([noPatient.status, noPatient.body.code]).toEqual([422, 'LANGUAGE_REQUIRED']);
      const silent = await aPatientApplication(t, { coordinator: sponsor.coordinator, officer }, { approve: false });
      for (const [token, body] of [[silent.patientToken, WITHOUT_LANGUAGE], [sponsor.coordinator, { ...WITHOUT_LANGUAGE, patientId: silent.patientId }]] as const) {
        const res = await t.http.post('/api/v1/matches').set(bearer(token)).send(body);
        expect([res.status, res.body.code, res.body.errors]).toEqual([422, 'LANGUAGE_REQUIRED', [{ field: 'language', message: expect.any(String) }]]);
      }
      // A patient account without a patient record has no profile to read either.
      const recordless = await t.user('patient');
      expect((await t.http.post('/api/v1/matches').set(bearer(recordless.token)).send(WITHOUT_LANGUAGE)).body.code).toBe('LANGUAGE_REQUIRED');
      expect(await t.db.query('SELECT count(*)::int AS n FROM matches')).toEqual([before]);
    });
  });
});
