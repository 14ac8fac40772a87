import type { Role } from '@medjourney/platform';
import type { EntityManager } from 'typeorm';
import type { UsersService } from '../users/users.service.js';

/** Fixed ids so that later modules' seeds create the hospital and care provider these users belong to. */
export const DEMO_HOSPITAL_ID = '8a1c2d3e-0000-4000-8000-000000000001';
/** A registered clinic without designation: its applications go on the certificate track. */
export const DEMO_CLINIC_ID = '8a1c2d3e-0000-4000-8000-000000000012';
export const DEMO_CARE_PROVIDER_ID = '8a1c2d3e-0000-4000-8000-000000000101';
export const DEMO_PASSWORD = 'medjourney-demo-2026';

export const DEMO_USERS: { email: string; name: string; role: Role; hospitalId?: string; careProviderId?: string }[] = [
  { email: 'admin@demo.medjourney.dev', name: 'Demo Admin', role: 'admin' },
  { email: 'supervisor@demo.medjourney.dev', name: 'Park Ji-hoon (supervisor)', role: 'supervisor' },
  { email: 'officer@demo.medjourney.dev', name: 'Lee Seo-yeon (officer)', role: 'officer' },
  { email: 'reviewer@demo.medjourney.dev', name: 'Choi Min-ho (ministry reviewer)', role: 'ministry_reviewer' },
  { email: 'coordinator@demo.medjourney.dev', name: 'Jung Ha-eun (coordinator)', role: 'hospital_coordinator', hospitalId: DEMO_HOSPITAL_ID },
  { email: 'clinic.coordinator@demo.medjourney.dev', name: 'Seo Ji-woo (clinic coordinator)', role: 'hospital_coordinator', hospitalId: DEMO_CLINIC_ID },
  { email: 'clinician@demo.medjourney.dev', name: 'Dr. Kang Do-yoon', role: 'clinician', hospitalId: DEMO_HOSPITAL_ID },
  { email: 'caregiver@demo.medjourney.dev', name: 'Yoon So-ra (caregiver)', role: 'care_provider', careProviderId: DEMO_CARE_PROVIDER_ID },
  { email: 'patient@demo.medjourney.dev', name: 'Aigerim Nurlanovna (patient)', role: 'patient' },
];

/** One account of each role (and a second coordinator, of an undesignated clinic), all with DEMO_PASSWORD. */
export async function seedDemoUsers(manager: EntityManager, users: UsersService): Promise<{ id: string; email: string; role: Role; hospitalId: string | null }[]> {
  const out = [];
  for (const u of DEMO_USERS) {
    const { user } = await users.createIn(manager, { ...u, password: DEMO_PASSWORD }, null);
    out.push({ id: user.id, email: user.email, role: user.role, hospitalId: user.hospitalId });
  }
  return out;
}
