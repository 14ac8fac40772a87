import { describe, expect, it } from '@jest/globals';
import { ROLES } from '@medjourney/platform';
import { CONSOLE_PATHS, CONSOLE_ROLES, DESKS, PUBLIC_ROUTES, consolePath, consoleUrl, tokenPath } from '@medjourney/console-routes';

describe('the console URL scheme', () => {
  it('has a desk for every role of the platform, and no other', () => {
    expect([...CONSOLE_ROLES].sort()).toEqual([...ROLES].sort());
    expect(Object.keys(DESKS).sort()).toEqual([...ROLES].sort());
  });

  it('gives every page its own path, each desk under its own prefix', () => {
    expect(new Set(CONSOLE_PATHS).size).toBe(CONSOLE_PATHS.length);
    for (const desk of Object.values(DESKS)) {
      for (const path of Object.values(desk)) expect(path === desk.home || path.startsWith(`${desk.home}/`)).toBe(true);
    }
    for (const path of CONSOLE_PATHS) expect(path).toMatch(/^\/[a-z-]+(\/[a-z:A-Z-]+)*$/);
    expect(CONSOLE_PATHS).not.toContain('/visa-applications/:id');
  });

  it('opens a target on the desk of the role that reads it', () => {
    const id = '0b9e3f54-3c4b-4d2a-9a8b-6a3b7c1d2e4f';
    expect(consolePath({ page: 'application', id }, 'officer')).toBe(`/officer/applications/${id}`);
    expect(consolePath({ page: 'application', id }, 'supervisor')).toBe(`/supervisor/applications/${id}`);
    expect(consolePath({ page: 'application', id }, 'hospital_coordinator')).toBe(`/coordinator/applications/${id}`);
    expect(consolePath({ page: 'application', id }, 'patient')).toBe(`/patient/applications/${id}`);
    expect(consolePath({ page: 'designation', id }, 'ministry_reviewer')).toBe(`/ministry/designations/${id}`);
    expect(consolePath({ page: 'assignment', id }, 'care_provider')).toBe(`/care-provider/assignments/${id}`);
    expect(consolePath({ page: 'appointment', id }, 'clinician')).toBe(`/clinician/appointments/${id}`);
    expect(consolePath({ page: 'journey', patientId: id }, 'patient')).toBe('/patient/journey');
    expect(consolePath({ page: 'journey', patientId: id }, 'hospital_coordinator')).toBe(`/coordinator/patients/${id}/journey`);
    expect(consolePath({ page: 'yearlyReport', id: '2026' }, 'hospital_coordinator')).toBe('/coordinator/yearly-reports/2026');
  });

  it('falls back to the desk\'s home for a role without a page for the target', () => {
    expect(consolePath({ page: 'application', id: 'x' }, 'admin')).toBe('/admin');
    expect(consolePath({ page: 'designation', id: 'x' }, 'officer')).toBe('/officer');
  });

  it('escapes what it puts into a path or a query', () => {
    expect(consolePath({ page: 'application', id: '../admin?x=1' }, 'officer')).toBe('/officer/applications/..%2Fadmin%3Fx%3D1');
    expect(tokenPath('acceptInvite', 'a+b/c=')).toBe(`${PUBLIC_ROUTES.acceptInvite}?token=a%2Bb%2Fc%3D`);
    expect(consoleUrl('https://medjourney.example/', '/officer')).toBe('https://medjourney.example/officer');
    expect(consoleUrl('http://localhost:3000', tokenPath('verifyEmail', 'tok'))).toBe('http://localhost:3000/verify-email?token=tok');
  });
});
