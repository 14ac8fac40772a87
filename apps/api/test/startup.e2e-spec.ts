import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DEMO_HOSPITALS } from '@medjourney/hospitals';
import { DEMO_PASSWORD, DEMO_USERS } from '@medjourney/identity';
import { ROLES } from '@medjourney/platform';
import { deliverPending, startTestApp, type TestApp } from '@medjourney/testing';
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
  });

  it('prints the docs URL and the demo logins', async () => {
    const text = StartupService.describe({ adminCreated: false, demoSeeded: true, demoLogins: DEMO_USERS }, 'http://localhost:3000');
    expect(text).toContain('http://localhost:3000/docs');
    expect(text).toContain(DEMO_PASSWORD);
    for (const u of DEMO_USERS) expect(text).toContain(u.email);
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

  it('seeds a journey the demo patient can follow to a discharge, and a sponsor at sanction level 1 for an overstay', async () => {
    const login = await t.http.post('/api/v1/auth/login').send({ email: 'patient@demo.medjourney.dev', password: DEMO_PASSWORD }).expect(200);
    const [{ id: patientId }] = await t.db.query(`SELECT id FROM patients WHERE email = 'patient@demo.medjourney.dev'`);
    await deliverPending(t, ['journey.timeline']);
    const journey = (await t.http.get(`/api/v1/patients/${patientId}/journey`).set('Authorization', `Bearer ${login.body.accessToken}`).expect(200)).body;
    expect(journey.stage).toBe('discharged');
    expect(journey.entries.map((e: { type: string }) => e.type)).toEqual(expect.arrayContaining(['application_approved', 'visa_issued', 'arrived', 'admitted', 'discharged']));
    const types = journey.entries.map((e: { type: string }) => e.type);
    expect(types.slice(-3)).toEqual(['arrived', 'admitted', 'discharged']);
    const designation = (await t.http.get(`/api/v1/hospitals/${DEMO_HOSPITALS[0].id}/designation`).expect(200)).body;
    expect(designation).toMatchObject({ status: 'active', sanctionLevel: 1 });
  });
});
