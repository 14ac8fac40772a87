import { randomUUID } from 'node:crypto';
import type { TestApp } from './test-app.js';

/** A minimal valid PDF, recognised by its signature. */
export const TINY_PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

let passportCounter = 0;
/** A passport number no other test uses. */
export const freshPassport = () => `T${String(process.pid % 1000).padStart(3, '0')}${String(++passportCounter).padStart(5, '0')}`.slice(0, 9);

export interface PersonBody {
  surname: string;
  givenNames: string;
  sex: 'M' | 'F' | 'X';
  dateOfBirth: string;
  nationality: string;
  passportNumber: string;
  passportExpiry: string;
  relationship?: string;
  email?: string;
}

export const aPerson = (over: Partial<PersonBody> = {}): PersonBody => ({
  surname: 'NURLANOVA',
  givenNames: 'AIGERIM',
  sex: 'F',
  dateOfBirth: '1985-03-14',
  nationality: 'KAZ',
  passportNumber: freshPassport(),
  passportExpiry: '2031-01-01',
  ...over,
});

/** A valid C-3-3 application body for a 30-day oncology stay in January 2027. */
export function anApplication(over: Record<string, unknown> = {}, companions: PersonBody[] = []) {
  return {
    category: 'C-3-3',
    entries: 'single',
    stayFrom: '2027-01-10',
    stayUntil: '2027-02-08',
    treatment: { specialty: 'oncology', summary: 'Proton therapy', plannedStart: '2027-01-11', plannedEnd: '2027-02-01' },
    patient: { ...aPerson(), email: `patient.${randomUUID().slice(0, 8)}@example.kz` },
    companions: companions.map((c) => ({ relationship: 'spouse', ...c })),
    ...over,
  };
}

/** Uploads every document any track could require, for every person. */
export async function uploadAllDocuments(t: TestApp, token: string, app: { id: string; persons: { id: string; role: string; relationship: string | null }[] }) {
  for (const p of app.persons) {
    const types =
      p.role === 'patient'
        ? ['passport_copy', 'medical_confirmation', 'diagnosis', 'treatment_plan', 'proof_of_funds']
        : ['passport_copy', p.relationship === 'caregiver' || p.relationship === 'guardian' ? 'caregiver_letter' : 'relationship_proof'];
    for (const type of types) {
      await t.http
        .post(`/api/v1/visa-applications/${app.id}/documents`)
        .set('Authorization', `Bearer ${token}`)
        .field('type', type)
        .field('personId', p.id)
        .attach('file', TINY_PDF, { filename: `${type}.pdf`, contentType: 'application/pdf' })
        .expect(201);
    }
  }
}

/** A registered hospital offering oncology; designated for the current year when asked (fast track). */
export async function aSponsor(t: TestApp, adminToken: string, designated: boolean) {
  const res = await t.http
    .post('/api/v1/hospitals')
    .set('Authorization', `Bearer ${adminToken}`)
    .send({
      name: `Sponsor ${randomUUID().slice(0, 6)}`, licenseNumber: `L-${randomUUID()}`, type: designated ? 'tertiary_general' : 'clinic', bedCount: designated ? 800 : 5,
      region: 'Seoul', address: 'Somewhere 1', specialties: ['oncology', 'dermatology'], languages: ['en', 'ru'], registration: { number: 'FPA', validUntil: '2030-12-31' },
    })
    .expect(201);
  const coordinator = await t.user('hospital_coordinator', { hospitalId: res.body.id });
  if (designated) {
    // The designation year that starts on 1 October (the default DESIGNATION_YEAR_START).
    const current = t.clock.now().getUTCMonth() >= 9 ? t.clock.now().getUTCFullYear() : t.clock.now().getUTCFullYear() - 1;
    await t.http.post(`/api/v1/hospitals/${res.body.id}/designation-applications`).set('Authorization', `Bearer ${coordinator.token}`).send({ year: current }).expect(201);
  }
  return { id: res.body.id as string, coordinator: coordinator.token, coordinatorId: coordinator.id };
}
