import { randomUUID } from 'node:crypto';
import { ensureHospital, type TestApp } from './test-app.js';

/**
 * A patient who signs in, whose approved application the hospital sponsored, with an in-person
 * treatment there recorded on the journey (a discharge by default): eligible for follow-up at
 * that hospital. Rows are written directly; the journey's own rules are tested elsewhere.
 */
export async function aTreatedPatient(
  t: TestApp,
  hospitalId: string,
  opts: { treatedAt: string; type?: 'discharged' | 'treated' | null; timezone?: string; languages?: string[]; name?: string },
): Promise<{ patientId: string; token: string; userId: string }> {
  await ensureHospital(t.db, hospitalId);
  const patientId = randomUUID();
  const name = opts.name ?? 'Aliya Nurlanovna';
  await t.db.query(`INSERT INTO patients (id, email, name) VALUES ($1, $2, $3)`, [patientId, `patient.${patientId}@test.medjourney.dev`, name]);
  const user = await t.user('patient', { patientId, name });
  await t.db.query(
    `INSERT INTO visa_applications (reference, sponsor_hospital_id, patient_id, patient_user_id, created_by, status, track, category, entries, stay_from, stay_until, treatment, submitted_at, decided_at)
     VALUES ($1, $2, $3, $4, $4, 'approved', 'e_visa', 'C-3-3', 'single', '2026-01-01', '2026-01-31', '{}', $5, $5)`,
    [`MV-T-${randomUUID().slice(0, 13)}`, hospitalId, patientId, user.id, '2025-12-01T00:00:00Z'],
  );
  if (opts.type !== null) {
    await t.db.query(
      `INSERT INTO journey_events (patient_id, type, at, hospital_id, recorded_by, recorded_role, created_at) VALUES ($1, $2, $3, $4, $5, 'hospital_coordinator', $3)`,
      [patientId, opts.type ?? 'discharged', opts.treatedAt, hospitalId, user.id],
    );
  }
  if (opts.timezone || opts.languages) {
    await t.db.query(`INSERT INTO journey_profiles (patient_id, timezone, languages, updated_at) VALUES ($1, $2, $3, now())`, [patientId, opts.timezone ?? null, opts.languages ?? []]);
  }
  return { patientId, token: user.token, userId: user.id };
}

/** A verified, certified interpreter of these languages, available on these weekly hours (Seoul time); `email`, their contact address. */
export async function anInterpreter(t: TestApp, adminToken: string, opts: { languages: string[]; name?: string; email?: string; weekly?: { weekday: number; start: string; end: string }[] }): Promise<string> {
  const as = { Authorization: `Bearer ${adminToken}` };
  const { body } = await t.http.post('/api/v1/care-providers').set(as).send({
    kind: 'interpreter', name: opts.name ?? `Interpreter ${randomUUID().slice(0, 6)}`,
    languages: opts.languages.map((code) => ({ code, level: 'native' })),
    certifications: [{ type: 'medical_interpreter', number: `MI-${randomUUID().slice(0, 8)}`, validUntil: '2099-12-31' }],
    ...(opts.email ? { contact: { email: opts.email } } : {}),
  }).expect(201);
  await t.http.post(`/api/v1/care-providers/${body.id}/verify`).set(as).expect(201);
  const weekly = opts.weekly ?? [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '00:00', end: '24:00' }));
  await t.http.put(`/api/v1/care-providers/${body.id}/availability`).set(as).send({ timezone: 'Asia/Seoul', weekly, exceptions: [] }).expect(200);
  return body.id;
}
