import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { NestFactory } from '@nestjs/core';
import { DEMO_HOSPITALS } from '@medjourney/hospitals';
import { DEMO_PASSWORD, DEMO_USERS } from '@medjourney/identity';
import { CareAssignmentsService, seedDemoCareAssignments } from '@medjourney/matching';
import { ROLES } from '@medjourney/platform';
import { AppointmentsService, DEMO_FOLLOW_UP_ID, DEMO_SCHEDULE, demoFollowUpStart, SchedulesService, seedDemoTelemedicine } from '@medjourney/telemedicine';
import { deliverPending, startTestApp, type TestApp } from '@medjourney/testing';
import { AppModule } from '../src/app.module.js';
import { StartupService } from '../src/startup.service.js';

describe('start-up: bootstrap admin and demo seed', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { SEED_DEMO: 'true', ADMIN_EMAIL: 'root@medjourney.gov.kr', ADMIN_PASSWORD: 'bootstrap password 1' } });
  });
  afterAll(() => t.close());

  it('on an empty database creates the bootstrap admin and one demo user of each role, once, even when two processes start together', async () => {
    const startup = t.app.get(StartupService);
    const reports = await Promise.all([startup.prepare(), startup.prepare()]);
    expect(reports.filter((r) => r.demoSeeded)).toHaveLength(1);
    expect(reports.filter((r) => r.adminCreated)).toHaveLength(1);
    const rows: { role: string; email: string }[] = await t.db.query('SELECT role, email FROM users');
    expect(rows.map((r) => r.email)).toEqual(expect.arrayContaining([...DEMO_USERS.map((u) => u.email), 'root@medjourney.gov.kr']));
    expect(new Set(rows.map((r) => r.role))).toEqual(new Set(ROLES));
    const [{ hospitals }] = await t.db.query('SELECT count(*)::int AS hospitals FROM hospitals');
    expect(hospitals).toBe(12);
    const states: { track: string | null; status: string }[] = await t.db.query('SELECT DISTINCT track, status FROM visa_applications');
    for (const track of ['e_visa', 'certificate']) {
      expect(states.filter((s) => s.track === track).map((s) => s.status).sort()).toEqual(['approved', 'in_review', 'rejected', 'submitted', 'supplement_requested', 'withdrawn']);
    }
    expect(states.filter((s) => s.track === null).map((s) => s.status).sort()).toEqual(['draft', 'sponsor_review']);
    expect((await startup.prepare()).demoSeeded).toBe(false);
    // The whole demo (visas, journeys, care, follow-up, two years of figures) seeded twice over:
    // about 25 s on an idle 2-core machine, so the default 30 s left no margin.
  }, 120_000);

  it('seeds two years of programme figures over a dozen nationalities, and last year\'s reports of the demo hospitals', async () => {
    const token = (await t.http.post('/api/v1/auth/login').send({ email: 'reviewer@demo.medjourney.dev', password: DEMO_PASSWORD }).expect(200)).body.accessToken;
    const here = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Seoul', year: 'numeric', month: '2-digit' }).format(t.clock.now()).slice(0, 7);
    const [y, mo] = here.split('-').map(Number);
    const month = (back: number) => new Date(Date.UTC(y, mo - 1 - back, 1)).toISOString().slice(0, 7);
    const byMonth = (await t.http.get(`/api/v1/statistics/programme?from=${month(24)}&to=${month(1)}&groupBy=month`).set('Authorization', `Bearer ${token}`).expect(200)).body;
    expect(byMonth.rows).toHaveLength(24);
    for (const r of byMonth.rows) expect(r.patientsApplied).toBeGreaterThan(40);
    const byCountry = (await t.http.get(`/api/v1/statistics/programme?from=${month(12)}&to=${month(1)}&groupBy=nationality`).set('Authorization', `Bearer ${token}`).expect(200)).body;
    expect(byCountry.rows.filter((r: { key: string }) => r.key !== 'other').length).toBeGreaterThanOrEqual(12);
    expect(byCountry.totals.patientsArrived).toBeGreaterThan(500);
    const lastYear = y - 1;
    const reports = (await t.http.get(`/api/v1/yearly-reports?year=${lastYear}`).set('Authorization', `Bearer ${token}`).expect(200)).body.items;
    expect(reports).toHaveLength(DEMO_HOSPITALS.length);
  });

  it('refuses to seed before the application is initialised, when no event would reach a subscriber', async () => {
    const early = await NestFactory.create(AppModule.forRoot({ config: t.config, clock: t.clock }), { logger: false });
    try {
      await expect(early.get(StartupService).prepare()).rejects.toThrow(/after app.init\(\)/);
    } finally {
      await early.close();
    }
  });

  it('prints the console URL first, the docs URL, the development mailbox and the demo logins', async () => {
    const text = StartupService.describe({ adminCreated: false, demoSeeded: true, demoLogins: DEMO_USERS }, 'http://localhost:3000', { mailbox: true });
    expect(text.split('\n')[0]).toContain('console: http://localhost:3000/');
    expect(text).toContain('http://localhost:3000/docs');
    expect(text).toContain('Development mailbox: http://localhost:3000/dev/mailbox');
    expect(StartupService.describe({ adminCreated: false, demoSeeded: false, demoLogins: [] }, 'http://localhost:3000')).not.toContain('/dev/mailbox');
    expect(text).toContain(DEMO_PASSWORD);
    for (const u of DEMO_USERS) expect(text).toContain(u.email);
  });

  it('says so when the console is not built', () => {
    expect(StartupService.describe({ adminCreated: false, demoSeeded: false, demoLogins: [] }, 'http://localhost:3000', { consoleServed: false }).split('\n')[0]).toContain('not built');
  });

  it('the printed demo logins work', async () => {
    for (const u of DEMO_USERS) {
      const res = await t.http.post('/api/v1/auth/login').send({ email: u.email, password: DEMO_PASSWORD });
      expect([u.role, res.status]).toEqual([u.role, 200]);
    }
    await t.http.post('/api/v1/auth/login').send({ email: 'root@medjourney.gov.kr', password: 'bootstrap password 1' }).expect(200);
  });

  it('the demo care-provider login has its verified provider, and the registry holds interpreters in the programme\'s languages', async () => {
    const login = await t.http.post('/api/v1/auth/login').send({ email: 'caregiver@demo.medjourney.dev', password: DEMO_PASSWORD }).expect(200);
    const me = await t.http.get('/api/v1/auth/me').set('Authorization', `Bearer ${login.body.accessToken}`).expect(200);
    const own = await t.http.get(`/api/v1/care-providers/${me.body.careProviderId}`).set('Authorization', `Bearer ${login.body.accessToken}`).expect(200);
    expect(own.body).toMatchObject({ kind: 'caregiver', active: true, name: 'Yoon So-ra' });
    const languages: { code: string }[] = await t.db.query(
      `SELECT DISTINCT l.code FROM care_provider_languages l JOIN care_providers p ON p.id = l.provider_id WHERE p.kind = 'interpreter' AND p.active`,
    );
    expect(languages.map((l) => l.code)).toEqual(expect.arrayContaining(['ru', 'mn', 'zh', 'ja', 'vi', 'ar', 'en', 'kk']));
    const [{ slots }] = await t.db.query('SELECT count(*)::int AS slots FROM care_provider_availability');
    expect(slots).toBeGreaterThan(1000);
  });

  it('seeds a journey the demo patient can follow through a discharge, and a sponsor at sanction level 1 for an overstay', async () => {
    const login = await t.http.post('/api/v1/auth/login').send({ email: 'patient@demo.medjourney.dev', password: DEMO_PASSWORD }).expect(200);
    const [{ id: patientId }] = await t.db.query(`SELECT id FROM patients WHERE email = 'patient@demo.medjourney.dev'`);
    await deliverPending(t, ['journey.timeline']);
    const journey = (await t.http.get(`/api/v1/patients/${patientId}/journey`).set('Authorization', `Bearer ${login.body.accessToken}`).expect(200)).body;
    expect(journey.entries.map((e: { type: string }) => e.type)).toEqual(expect.arrayContaining(['application_approved', 'visa_issued', 'arrived', 'admitted', 'discharged']));
    const types = journey.entries.map((e: { type: string }) => e.type).filter((type: string) => !type.startsWith('care_assignment_') && !type.startsWith('follow_up_'));
    expect(types.slice(-3)).toEqual(['arrived', 'admitted', 'discharged']);
    const designation = (await t.http.get(`/api/v1/hospitals/${DEMO_HOSPITALS[0].id}/designation`).expect(200)).body;
    expect(designation).toMatchObject({ status: 'active', sanctionLevel: 1 });
  });

  it('shows the demo patient their own name on their profile and their own draft', async () => {
    const login = await t.http.post('/api/v1/auth/login').send({ email: 'patient@demo.medjourney.dev', password: DEMO_PASSWORD }).expect(200);
    const bearer = { Authorization: `Bearer ${login.body.accessToken}` };
    const [{ id: patientId }] = await t.db.query(`SELECT id FROM patients WHERE email = 'patient@demo.medjourney.dev'`);
    const profile = (await t.http.get(`/api/v1/patients/${patientId}`).set(bearer).expect(200)).body;
    expect(profile.name).toBe('AIGERIM NURLANOVNA');
    const own = (await t.http.get('/api/v1/visa-applications').set(bearer).expect(200)).body.items;
    expect(own.length).toBeGreaterThan(0);
    for (const application of own) expect(JSON.stringify(application)).not.toMatch(/NARUMON|SRISUK/);
  });

  it('books the demo patient\'s care, some confirmed, some waiting for an answer (one for the demo caregiver login), once however often it is seeded', async () => {
    const login = async (email: string) => `Bearer ${(await t.http.post('/api/v1/auth/login').send({ email, password: DEMO_PASSWORD }).expect(200)).body.accessToken}`;
    const patient = await login('patient@demo.medjourney.dev');
    const [{ id: patientId }] = await t.db.query(`SELECT id FROM patients WHERE email = 'patient@demo.medjourney.dev'`);
    const booked = async () => (await t.http.get('/api/v1/care-assignments').set('Authorization', patient).expect(200)).body.items
      .map((a: { id: string; kind: string; status: string }) => `${a.kind} ${a.status}`).sort();
    const expected = ['caregiver confirmed', 'caregiver pending', 'interpreter confirmed', 'interpreter pending'];
    expect(await booked()).toEqual(expected);
    const offers = (await t.http.get('/api/v1/care-assignments?status=pending').set('Authorization', await login('caregiver@demo.medjourney.dev')).expect(200)).body.items;
    expect(offers).toHaveLength(1);
    expect(offers[0]).toMatchObject({ patientId, hospitalId: DEMO_HOSPITALS[0].id, kind: 'caregiver' });

    await deliverPending(t, ['journey.timeline']);
    const journey = (await t.http.get(`/api/v1/patients/${patientId}/journey`).set('Authorization', patient).expect(200)).body;
    const care = journey.entries.map((e: { type: string }) => e.type).filter((type: string) => type.startsWith('care_assignment_'));
    expect(care.sort()).toEqual(['care_assignment_booked', 'care_assignment_booked', 'care_assignment_booked', 'care_assignment_booked', 'care_assignment_confirmed', 'care_assignment_confirmed']);

    const [{ id: coordinatorId }] = await t.db.query(`SELECT id FROM users WHERE email = 'coordinator@demo.medjourney.dev'`);
    const coordinator = { userId: coordinatorId, role: 'hospital_coordinator', hospitalId: DEMO_HOSPITALS[0].id, careProviderId: null, patientId: null };
    expect(await seedDemoCareAssignments(t.db, t.app.get(CareAssignmentsService), coordinator, patientId, t.clock.now())).toBe(0);
    expect(await booked()).toEqual(expected);

    // The demo patient's profile prefers Kazakh: their own match needs no language.
    const match = await t.http.post('/api/v1/matches').set('Authorization', patient)
      .send({ kind: 'interpreter', start: new Date(t.clock.now().getTime() + 7 * 86_400_000).toISOString(), end: new Date(t.clock.now().getTime() + 7 * 86_400_000 + 3_600_000).toISOString() }).expect(200);
    expect((await t.db.query('SELECT request FROM matches WHERE id = $1', [match.body.matchId]))[0].request).toMatchObject({ language: 'kk', patientId });
  });

  it('gives the demo clinician a schedule and the demo patient a follow-up video appointment with a Kazakh interpreter, booked once however often it is seeded', async () => {
    const login = async (email: string) => `Bearer ${(await t.http.post('/api/v1/auth/login').send({ email, password: DEMO_PASSWORD }).expect(200)).body.accessToken}`;
    const clinician = await login('clinician@demo.medjourney.dev');
    const patient = await login('patient@demo.medjourney.dev');
    const [{ id: clinicianId }] = await t.db.query(`SELECT id FROM users WHERE email = 'clinician@demo.medjourney.dev'`);
    const [{ id: patientId }] = await t.db.query(`SELECT id FROM patients WHERE email = 'patient@demo.medjourney.dev'`);
    const schedule = (await t.http.get(`/api/v1/clinicians/${clinicianId}/schedule`).set('Authorization', clinician).expect(200)).body;
    expect(schedule).toMatchObject({ ...DEMO_SCHEDULE, version: 1 });

    const start = demoFollowUpStart(t.clock.now());
    const listed = async () => (await t.http.get('/api/v1/telemedicine/appointments').set('Authorization', clinician).expect(200)).body.items;
    const items = await listed();
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ id: DEMO_FOLLOW_UP_ID, patientId, hospitalId: DEMO_HOSPITALS[0].id, status: 'booked', start: start.toISOString(), interpreterLanguage: 'kk' });
    expect(items[0].interpreterId).toEqual(expect.any(String));
    expect(items[0].roomUrl).toEqual(expect.any(String));
    // The interpreter's time is held in matching's bookings, and both reminders wait on durable timers.
    const [{ held }] = await t.db.query(`SELECT count(*)::int AS held FROM provider_bookings WHERE provider_id = $1 AND source = 'telemedicine' AND live AND lower(during) = $2`, [items[0].interpreterId, start]);
    expect(held).toBe(1);
    const reminders: { at: Date }[] = await t.db.query(`SELECT at FROM timers WHERE key LIKE $1 ORDER BY at`, [`telemedicine.${DEMO_FOLLOW_UP_ID}.%`]);
    expect(reminders.map((r) => start.getTime() - r.at.getTime())).toEqual([86_400_000, 3_600_000]);

    await deliverPending(t, ['journey.timeline']);
    const journey = (await t.http.get(`/api/v1/patients/${patientId}/journey`).set('Authorization', patient).expect(200)).body;
    expect(journey.stage).toBe('follow_up');
    // 14:00 in Seoul is 10:00 in the patient's Almaty.
    const inAlmaty = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Almaty', day: 'numeric', month: 'long', year: 'numeric' }).format(start);
    expect(journey.nextSteps.join(' ')).toContain(`Your follow-up video appointment is on ${inAlmaty} at 10:00 your time`);
    expect(journey.entries.map((e: { type: string }) => e.type)).toContain('follow_up_booked');

    const [{ id: coordinatorId }] = await t.db.query(`SELECT id FROM users WHERE email = 'coordinator@demo.medjourney.dev'`);
    const coordinator = { userId: coordinatorId, role: 'hospital_coordinator', hospitalId: DEMO_HOSPITALS[0].id, careProviderId: null, patientId: null };
    const again = await seedDemoTelemedicine(
      t.db,
      { schedules: t.app.get(SchedulesService), appointments: t.app.get(AppointmentsService) },
      { clinician: { userId: clinicianId, role: 'clinician', hospitalId: DEMO_HOSPITALS[0].id, careProviderId: null, patientId: null }, coordinator, patientId },
      t.config.telemedicinePolicy,
      t.clock.now(),
    );
    expect(again).toEqual({ schedules: 0, appointments: 0 });
    expect(await listed()).toHaveLength(1);
    expect((await t.http.get(`/api/v1/clinicians/${clinicianId}/schedule`).set('Authorization', clinician).expect(200)).body.version).toBe(1);
  });
});
