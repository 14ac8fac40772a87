import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type Role } from '@medjourney/platform';
import { startTestApp, type TestApp } from '@medjourney/testing';

const hospitalBody = (over: Record<string, unknown> = {}) => ({
  name: 'Seoul Test University Hospital',
  nameLocal: '서울테스트대학교병원',
  licenseNumber: `LIC-${Math.random().toString(36).slice(2, 10)}`,
  type: 'tertiary_general',
  bedCount: 900,
  region: 'Seoul',
  address: '1 Test-ro, Jongno-gu, Seoul',
  specialties: ['oncology', 'cardiology'],
  languages: ['en', 'ru'],
  registration: { number: 'FPA-1', validUntil: '2030-12-31' },
  certifications: { kahf: { number: 'KAHF-1', validUntil: '2029-03-31' } },
  ...over,
});

describe('hospital registry', () => {
  let t: TestApp;
  const tok = {} as Record<Role, string>;
  let hospitalA: { id: string };
  let hospitalB: { id: string };
  let coordinatorA: { token: string };

  beforeAll(async () => {
    t = await startTestApp();
    for (const role of ['admin', 'ministry_reviewer', 'officer', 'supervisor', 'patient', 'clinician', 'care_provider'] as Role[]) tok[role] = (await t.user(role)).token;
    hospitalA = (await t.http.post('/api/v1/hospitals').set('Authorization', `Bearer ${tok.ministry_reviewer}`).send(hospitalBody({ name: 'Alpha Hospital' })).expect(201)).body;
    hospitalB = (
      await t.http
        .post('/api/v1/hospitals')
        .set('Authorization', `Bearer ${tok.admin}`)
        .send(hospitalBody({ name: 'Beta Clinic', type: 'clinic', bedCount: 10, region: 'Busan', specialties: ['dermatology'], languages: ['zh'], certifications: undefined }))
        .expect(201)
    ).body;
    coordinatorA = await t.user('hospital_coordinator', { hospitalId: hospitalA.id });
    tok.hospital_coordinator = coordinatorA.token;
  });
  afterAll(() => t.close());

  it('creates a hospital with its registration and certifications, audited', async () => {
    const res = await t.http.get(`/api/v1/hospitals/${hospitalA.id}`).expect(200);
    expect(res.body).toMatchObject({
      name: 'Alpha Hospital',
      type: 'tertiary_general',
      registration: { number: 'FPA-1', validUntil: '2030-12-31', valid: true },
      certifications: { kahf: { number: 'KAHF-1', valid: true }, koiha: null },
      kHealthcareMark: false,
      designation: null,
      version: 1,
    });
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM audit_log WHERE entity_type = 'hospital' AND entity_id = $1`, [hospitalA.id]);
    expect(n).toBe(1);
  });

  it('only admins and ministry reviewers register hospitals', async () => {
    for (const role of ['hospital_coordinator', 'officer', 'supervisor', 'patient', 'clinician', 'care_provider'] as Role[]) {
      const res = await t.http.post('/api/v1/hospitals').set('Authorization', `Bearer ${tok[role]}`).send(hospitalBody());
      expect([role, res.status]).toEqual([role, 403]);
    }
    await t.http.post('/api/v1/hospitals').send(hospitalBody()).expect(401);
  });

  it('refuses a taken licence number with 409 LICENSE_NUMBER_TAKEN', async () => {
    const body = hospitalBody();
    await t.http.post('/api/v1/hospitals').set('Authorization', `Bearer ${tok.admin}`).send(body).expect(201);
    const again = await t.http.post('/api/v1/hospitals').set('Authorization', `Bearer ${tok.admin}`).send({ ...body, name: 'Other' });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('LICENSE_NUMBER_TAKEN');
  });

  it.each([
    ['an unknown specialty', { specialties: ['astrology'] }, 'specialties'],
    ['a language that is not ISO 639-1', { languages: ['english'] }, 'languages'],
    ['an unknown region', { region: 'Tokyo' }, 'region'],
    ['an unknown type', { type: 'spa' }, 'type'],
    ['a negative bed count', { bedCount: -1 }, 'bedCount'],
    ['a registration without its date', { registration: { number: 'X' } }, 'registration.validUntil'],
  ])('refuses %s with 400 naming the field', async (_label, change, field) => {
    const res = await t.http.post('/api/v1/hospitals').set('Authorization', `Bearer ${tok.admin}`).send(hospitalBody(change));
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  });

  it('lets a coordinator edit their own hospital\'s profile', async () => {
    const res = await t.http
      .patch(`/api/v1/hospitals/${hospitalA.id}`)
      .set('Authorization', `Bearer ${coordinatorA.token}`)
      .send({ address: '2 New-ro, Jongno-gu, Seoul', languages: ['en', 'ru', 'mn'], specialties: ['oncology'] })
      .expect(200);
    expect(res.body).toMatchObject({ address: '2 New-ro, Jongno-gu, Seoul', languages: ['en', 'ru', 'mn'], specialties: ['oncology'], version: 2 });
  });

  it.each([
    ['licence', { licenseNumber: 'NEW-1' }],
    ['type', { type: 'clinic' }],
    ['bed count', { bedCount: 301 }],
    ['registration', { registration: { number: 'R', validUntil: '2031-01-01' } }],
    ['certifications', { certifications: { koiha: { number: 'K', validUntil: '2031-01-01' } } }],
  ])('a coordinator may not change the %s: 403', async (_label, change) => {
    const res = await t.http.patch(`/api/v1/hospitals/${hospitalA.id}`).set('Authorization', `Bearer ${coordinatorA.token}`).send(change);
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('FORBIDDEN');
  });

  it('a coordinator of hospital A editing hospital B gets 404', async () => {
    const res = await t.http.patch(`/api/v1/hospitals/${hospitalB.id}`).set('Authorization', `Bearer ${coordinatorA.token}`).send({ address: 'hijack' });
    expect(res.status).toBe(404);
  });

  it('the ministry changes restricted fields; a stale version answers 409', async () => {
    const current = (await t.http.get(`/api/v1/hospitals/${hospitalB.id}`)).body;
    const res = await t.http
      .patch(`/api/v1/hospitals/${hospitalB.id}`)
      .set('Authorization', `Bearer ${tok.ministry_reviewer}`)
      .send({ bedCount: 300, type: 'general', certifications: { koiha: { number: 'KOIHA-9', validUntil: '2030-01-01' } }, version: current.version })
      .expect(200);
    expect(res.body).toMatchObject({ bedCount: 300, type: 'general', certifications: { koiha: { number: 'KOIHA-9', valid: true } } });
    const stale = await t.http.patch(`/api/v1/hospitals/${hospitalB.id}`).set('Authorization', `Bearer ${tok.ministry_reviewer}`).send({ bedCount: 301, version: current.version });
    expect(stale.status).toBe(409);
  });

  it('of two concurrent edits with the same version, exactly one wins', async () => {
    const { version } = (await t.http.get(`/api/v1/hospitals/${hospitalB.id}`)).body;
    const results = await Promise.all(
      ['A', 'B'].map((x) => t.http.patch(`/api/v1/hospitals/${hospitalB.id}`).set('Authorization', `Bearer ${tok.ministry_reviewer}`).send({ address: `Race ${x}`, version })),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
  });

  it('other roles may not edit hospitals', async () => {
    for (const role of ['officer', 'supervisor', 'patient', 'clinician', 'care_provider'] as Role[]) {
      const res = await t.http.patch(`/api/v1/hospitals/${hospitalA.id}`).set('Authorization', `Bearer ${tok[role]}`).send({ address: 'x' });
      expect([role, res.status]).toEqual([role, 403]);
    }
  });

  it('awards and withdraws the K-Healthcare mark (ministry reviewers only), shown in the directory', async () => {
    await t.http.post(`/api/v1/hospitals/${hospitalA.id}/k-healthcare-mark`).set('Authorization', `Bearer ${tok.admin}`).expect(403);
    await t.http.post(`/api/v1/hospitals/${hospitalA.id}/k-healthcare-mark`).set('Authorization', `Bearer ${coordinatorA.token}`).expect(403);
    const awarded = await t.http.post(`/api/v1/hospitals/${hospitalA.id}/k-healthcare-mark`).set('Authorization', `Bearer ${tok.ministry_reviewer}`).expect(201);
    expect(awarded.body.kHealthcareMark).toBe(true);
    const listed = await t.http.get('/api/v1/hospitals?region=Seoul').expect(200);
    expect(listed.body.items.find((h: { id: string }) => h.id === hospitalA.id).kHealthcareMark).toBe(true);
    const withdrawn = await t.http.delete(`/api/v1/hospitals/${hospitalA.id}/k-healthcare-mark`).set('Authorization', `Bearer ${tok.ministry_reviewer}`).expect(200);
    expect(withdrawn.body.kHealthcareMark).toBe(false);
  });

  it('serves the public directory without login, to patients too, with filters', async () => {
    const all = await t.http.get('/api/v1/hospitals').expect(200);
    expect(all.body.items.length).toBeGreaterThanOrEqual(2);
    await t.http.get('/api/v1/hospitals').set('Authorization', `Bearer ${tok.patient}`).expect(200);
    const derm = await t.http.get('/api/v1/hospitals?specialty=dermatology').expect(200);
    expect(derm.body.items.map((h: { id: string }) => h.id)).toEqual([hospitalB.id]);
    const zh = await t.http.get('/api/v1/hospitals?language=zh&region=Busan').expect(200);
    expect(zh.body.items.map((h: { id: string }) => h.id)).toEqual([hospitalB.id]);
    const none = await t.http.get('/api/v1/hospitals?designated=true').expect(200);
    expect(none.body.items).toEqual([]);
    await t.http.get('/api/v1/hospitals?specialty=astrology').expect(400);
    await t.http.get('/api/v1/hospitals?designated=perhaps').expect(400);
  });

  it('pages the directory by name with a cursor', async () => {
    for (let i = 0; i < 5; i++) await t.http.post('/api/v1/hospitals').set('Authorization', `Bearer ${tok.admin}`).send(hospitalBody({ name: `Paged ${i}` })).expect(201);
    const names: string[] = [];
    let cursor: string | null = null;
    do {
      const res: { body: { items: { name: string }[]; nextCursor: string | null } } = await t.http.get('/api/v1/hospitals').query({ limit: 2, ...(cursor ? { cursor } : {}) }).expect(200);
      names.push(...res.body.items.map((h) => h.name));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(names).toEqual([...names].sort());
    const [{ n }] = await t.db.query('SELECT count(*)::int AS n FROM hospitals');
    expect(names).toHaveLength(n);
  });

  it('an unknown or malformed hospital id is 404', async () => {
    await t.http.get('/api/v1/hospitals/00000000-0000-4000-8000-000000000999').expect(404);
    await t.http.get('/api/v1/hospitals/nope').expect(404);
  });
});
