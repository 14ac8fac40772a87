import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ROLES, type Role } from '@medjourney/platform';
import { startTestApp, type TestApp } from '@medjourney/testing';

const HOSPITAL = '33333333-3333-4333-8333-333333333333';

const interpreter = {
  kind: 'interpreter',
  name: 'Anastasia Volkova',
  contact: { email: 'anastasia@example.kr', phone: '+82-10-1111-2222' },
  regions: ['Seoul'],
  languages: [{ code: 'ru', level: 'native' }, { code: 'ko', level: 'fluent' }],
  certifications: [{ type: 'medical_interpreter', number: 'MI-2025-00417', validUntil: '2028-06-30' }],
  specialties: ['oncology'],
  maxHoursPerWeek: 30,
};

describe('the care-provider registry', () => {
  let t: TestApp;
  const tok = {} as Record<Role, string>;
  const auth = (role: Role) => ({ Authorization: `Bearer ${tok[role]}` });

  beforeAll(async () => {
    t = await startTestApp();
    for (const role of ROLES) tok[role] = (await t.user(role, role === 'hospital_coordinator' ? { hospitalId: HOSPITAL } : {})).token;
  });
  afterAll(() => t.close());

  it('admins and ministry reviewers register providers, inactive until verified; coordinators read them; no one else may', async () => {
    const created = await t.http.post('/api/v1/care-providers').set(auth('admin')).send({ ...interpreter, hospitalIds: [HOSPITAL] }).expect(201);
    expect(created.body).toMatchObject({ kind: 'interpreter', active: false, verifiedAt: null, rating: null, maxHoursPerWeek: 30, hospitalIds: [HOSPITAL], languages: [{ code: 'ko', level: 'fluent' }, { code: 'ru', level: 'native' }] });
    const verified = await t.http.post(`/api/v1/care-providers/${created.body.id}/verify`).set(auth('ministry_reviewer')).expect(201);
    expect(verified.body.active).toBe(true);
    await t.http.get(`/api/v1/care-providers/${created.body.id}`).set(auth('hospital_coordinator')).expect(200);
    for (const role of ['officer', 'supervisor', 'patient', 'clinician', 'hospital_coordinator', 'care_provider'] as Role[]) {
      expect([role, (await t.http.post('/api/v1/care-providers').set(auth(role)).send(interpreter)).status]).toEqual([role, 403]);
      expect([role, (await t.http.post(`/api/v1/care-providers/${created.body.id}/verify`).set(auth(role))).status]).toEqual([role, 403]);
    }
    for (const role of ['officer', 'supervisor', 'patient', 'clinician'] as Role[]) {
      expect([role, (await t.http.get(`/api/v1/care-providers/${created.body.id}`).set(auth(role))).status]).toEqual([role, 403]);
    }
  });

  it('refuses an unknown hospital affiliation, a language twice and unknown fields', async () => {
    const badHospital = await t.http.post('/api/v1/care-providers').set(auth('admin')).send({ ...interpreter, hospitalIds: ['99999999-9999-4999-8999-999999999999'] }).expect(400);
    expect(badHospital.body.errors).toEqual([{ field: 'hospitalIds[0]', message: 'no such hospital' }]);
    await t.http.post('/api/v1/care-providers').set(auth('admin')).send({ ...interpreter, languages: [{ code: 'ru', level: 'native' }, { code: 'ru', level: 'fluent' }] }).expect(400);
    await t.http.post('/api/v1/care-providers').set(auth('admin')).send({ ...interpreter, languages: [{ code: 'xx', level: 'native' }] }).expect(400);
    await t.http.post('/api/v1/care-providers').set(auth('admin')).send({ ...interpreter, rating: 5 }).expect(400);
  });

  it('a care_provider account belongs to a provider of the registry (identity asks matching)', async () => {
    const { body: provider } = await t.http.post('/api/v1/care-providers').set(auth('admin')).send(interpreter).expect(201);
    const missing = await t.http.post('/api/v1/users').set(auth('admin')).send({ email: `cp${Date.now()}@x.kr`, name: 'CP', role: 'care_provider', careProviderId: '99999999-9999-4999-8999-999999999999', password: 'long enough password' });
    expect([missing.status, missing.body.code]).toEqual([422, 'CARE_PROVIDER_NOT_FOUND']);
    await t.http.post('/api/v1/users').set(auth('admin')).send({ email: `cp2${Date.now()}@x.kr`, name: 'CP', role: 'care_provider', careProviderId: provider.id, password: 'long enough password' }).expect(201);
  });

  it('a provider reads and edits their own profile and availability, not certifications, and nobody else\'s (404)', async () => {
    const { body: mine } = await t.http.post('/api/v1/care-providers').set(auth('admin')).send(interpreter).expect(201);
    const { body: other } = await t.http.post('/api/v1/care-providers').set(auth('admin')).send({ ...interpreter, name: 'Other' }).expect(201);
    const me = await t.user('care_provider', { careProviderId: mine.id });
    const as = { Authorization: `Bearer ${me.token}` };
    const edited = await t.http.patch(`/api/v1/care-providers/${mine.id}`).set(as).send({ regions: ['Seoul', 'Busan'], languages: [{ code: 'ru', level: 'native' }, { code: 'mn', level: 'professional' }], version: mine.version }).expect(200);
    expect(edited.body).toMatchObject({ regions: ['Seoul', 'Busan'], languages: [{ code: 'mn', level: 'professional' }, { code: 'ru', level: 'native' }], version: mine.version + 1 });
    await t.http.patch(`/api/v1/care-providers/${mine.id}`).set(as).send({ name: 'Stale', version: mine.version }).expect(409);
    await t.http.patch(`/api/v1/care-providers/${mine.id}`).set(as).send({ certifications: [] }).expect(403);
    await t.http.patch(`/api/v1/care-providers/${other.id}`).set(as).send({ name: 'Mine now' }).expect(404);
    await t.http.get(`/api/v1/care-providers/${other.id}`).set(as).expect(404);
    const list = await t.http.get('/api/v1/care-providers').set(as).expect(200);
    expect(list.body.items.map((p: { id: string }) => p.id)).toEqual([mine.id]);

    const availability = { timezone: 'Europe/Moscow', weekly: [{ weekday: 1, start: '09:00', end: '18:00' }, { weekday: 5, start: '20:00', end: '24:00' }], exceptions: [{ from: '2026-12-31T00:00:00.000Z', to: '2027-01-02T00:00:00.000Z' }] };
    await t.http.put(`/api/v1/care-providers/${mine.id}/availability`).set(as).send(availability).expect(200);
    expect((await t.http.get(`/api/v1/care-providers/${mine.id}/availability`).set(auth('hospital_coordinator')).expect(200)).body).toEqual(availability);
    const [{ slots }] = await t.db.query('SELECT count(*)::int AS slots FROM care_provider_availability WHERE provider_id = $1', [mine.id]);
    expect(slots).toBeGreaterThan(40);
    await t.http.put(`/api/v1/care-providers/${other.id}/availability`).set(as).send(availability).expect(404);
    const bad = await t.http.put(`/api/v1/care-providers/${mine.id}/availability`).set(as).send({ ...availability, timezone: 'Mars/Olympus', weekly: [{ weekday: 1, start: '18:00', end: '09:00' }] }).expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['timezone', 'weekly[0].end']);
  });

  it('lists by name in keyset pages, filtered by kind and language', async () => {
    await t.http.post('/api/v1/care-providers').set(auth('admin')).send({ kind: 'caregiver', name: 'Zz Caregiver', languages: [{ code: 'vi', level: 'native' }] }).expect(201);
    const vi = await t.http.get('/api/v1/care-providers?language=vi').set(auth('hospital_coordinator')).expect(200);
    expect(vi.body.items.map((p: { name: string }) => p.name)).toEqual(['Zz Caregiver']);
    const interpreters = await t.http.get('/api/v1/care-providers?kind=interpreter&limit=2').set(auth('admin')).expect(200);
    expect(interpreters.body.items).toHaveLength(2);
    expect(interpreters.body.nextCursor).toEqual(expect.any(String));
  });
});
