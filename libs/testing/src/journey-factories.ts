import { EventDeliveries } from '@medjourney/platform';
import { linkTokenMailedTo } from './mail.js';
import { aPerson, anApplication, uploadAllDocuments, type PersonBody } from './visa-factories.js';
import type { TestApp } from './test-app.js';

/**
 * Runs, in order, every delivery of these subscribers that is not done yet, as the worker would
 * (the test app runs no worker). Returns how many ran.
 */
export async function deliverPending(t: TestApp, subscribers: string[]): Promise<number> {
  const rows: { event_id: string; subscriber: string }[] = await t.db.query(
    `SELECT d.event_id, d.subscriber FROM event_deliveries d JOIN domain_events e ON e.id = d.event_id
      WHERE d.subscriber = ANY($1) AND d.done_at IS NULL ORDER BY e.occurred_at, e.id, d.subscriber`,
    [subscribers],
  );
  for (const r of rows) await t.app.get(EventDeliveries).deliver(r.event_id, r.subscriber);
  return rows.length;
}

export interface PatientWithApplication {
  patientId: string;
  /** The patient's own bearer token (the invitation mailed to them accepted). */
  patientToken: string;
  application: { id: string; reference: string; persons: { id: string; role: string; relationship: string | null }[] };
  personIds: string[];
}

/**
 * A coordinator's application for a patient who signs in (the invitation accepted), with every
 * document, submitted; approved for everyone when `approve`.
 */
export async function aPatientApplication(
  t: TestApp,
  tokens: { coordinator: string; officer: string },
  opts: { companions?: PersonBody[]; entries?: 'single' | 'double' | 'multiple'; approve?: boolean; patient?: PersonBody } = {},
): Promise<PatientWithApplication> {
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });
  const patient = opts.patient ?? aPerson();
  const body = anApplication({ entries: opts.entries ?? 'single', patient: { ...patient, email: `${patient.passportNumber.toLowerCase()}.${Date.now()}@example.kz` } }, opts.companions ?? []);
  const created = (await t.http.post('/api/v1/visa-applications').set(as(tokens.coordinator)).send(body).expect(201)).body;
  const password = 'the patient chose this password';
  const token = await linkTokenMailedTo(t, body.patient.email, 'accept-invite');
  await t.http.post('/api/v1/auth/accept-invite').send({ token, password }).expect(200);
  const login = await t.http.post('/api/v1/auth/login').send({ email: body.patient.email, password }).expect(200);
  await uploadAllDocuments(t, tokens.coordinator, created);
  await t.http.post(`/api/v1/visa-applications/${created.id}/submit`).set(as(tokens.coordinator)).expect(200);
  if (opts.approve !== false) {
    await t.http.post(`/api/v1/visa-applications/${created.id}/start-review`).set(as(tokens.officer)).expect(200);
    const persons = created.persons.map((p: { id: string }) => ({ personId: p.id, outcome: 'approve' }));
    await t.http.post(`/api/v1/visa-applications/${created.id}/decision`).set(as(tokens.officer)).send({ persons }).expect(200);
  }
  return {
    patientId: created.patientId,
    patientToken: login.body.accessToken,
    application: created,
    personIds: created.persons.map((p: { id: string }) => p.id),
  };
}
