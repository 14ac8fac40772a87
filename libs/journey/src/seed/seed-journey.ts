import type { Actor } from '@medjourney/platform';
import { DEMO_PATIENT_PERSON, type ApplicationDraftsService, type ApplicationWorkflowService, type DocumentsService } from '@medjourney/visas';
import { DateTime } from 'luxon';
import type { JourneyEventsService } from '../services/journey-events.service.js';
import type { OverstaysService } from '../services/overstays.service.js';
import type { PatientProfilesService } from '../services/patient-profiles.service.js';

const DEMO_PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

export interface DemoJourneyServices {
  drafts: ApplicationDraftsService;
  workflow: ApplicationWorkflowService;
  documents: DocumentsService;
  events: JourneyEventsService;
  overstays: OverstaysService;
  profiles: PatientProfilesService;
}

export interface DemoJourneyActors {
  /** Coordinator of a designated hospital (e-visa track). */
  coordinator: Actor;
  officer: Actor;
  /** The demo patient's sign-in e-mail; the coordinator's application reuses that account. */
  patientEmail: string;
  /** The demo patient, who accepts the coordinator's application if it waits for their consent (spec/security.md). */
  patient: Actor;
}

type Body = Parameters<ApplicationDraftsService['create']>[1];

/**
 * Demo journeys through the real services: the demo patient with an issued visa, an arrival,
 * an admission and a discharge (so that `npm start` shows a whole journey) and a profile that
 * prefers Kazakh, then Russian (matching's default language), and a patient of
 * the same hospital who arrived 31 days ago on a 30-day stay and never left, detected by the
 * nightly pass, which puts the hospital at sanction level 1 (a warning).
 */
export async function seedDemoJourneys(s: DemoJourneyServices, a: DemoJourneyActors, now: Date): Promise<{ patientId: string; overstayerPatientId: string }> {
  const day = (n: number) => DateTime.fromJSDate(now).plus({ days: n }).toISODate()!;
  const approved = async (email: string, person: { surname: string; givenNames: string; sex: 'M' | 'F'; dateOfBirth: string; nationality: string; passportNumber: string }) => {
    const body: Body = {
      category: 'C-3-3',
      entries: 'single',
      stayFrom: day(1),
      stayUntil: day(30),
      treatment: { specialty: 'oncology', summary: 'Proton therapy course', plannedStart: day(2), plannedEnd: day(25) },
      patient: { ...person, passportExpiry: day(3 * 365), email },
      companions: [],
    };
    const created = await s.drafts.create(a.coordinator, body);
    const app = created.patientConsent === 'awaiting' ? await s.workflow.acceptSponsorship(a.patient, created.id) : created;
    for (const type of ['passport_copy', 'medical_confirmation', 'diagnosis'] as const) {
      await s.documents.upload(a.coordinator, app.id, { type, personId: app.persons[0].id }, { originalname: `${type}.pdf`, buffer: DEMO_PDF, size: DEMO_PDF.length });
    }
    await s.workflow.submit(a.coordinator, app.id);
    await s.workflow.startReview(a.officer, app.id);
    await s.workflow.decide(a.officer, app.id, { persons: [{ personId: app.persons[0].id, outcome: 'approve' }] });
    return app.patientId!;
  };
  // Seconds apart, just after the visa: the demo starts from today's visa.
  const soon = (seconds: number) => new Date(now.getTime() + seconds * 1000).toISOString();
  const patientId = await approved(a.patientEmail, DEMO_PATIENT_PERSON);
  const hospitalId = a.coordinator.hospitalId!;
  await s.profiles.update(a.coordinator, patientId, { languages: ['kk', 'ru'], timezone: 'Asia/Almaty' });
  await s.events.record(a.officer, patientId, { type: 'arrived', at: soon(10) });
  await s.events.record(a.coordinator, patientId, { type: 'admitted', at: soon(20), hospitalId });
  await s.events.record(a.coordinator, patientId, { type: 'discharged', at: soon(30), hospitalId });

  const overstayerPatientId = await approved('demo.overstayer@example.org', { surname: 'KARIMOV', givenNames: 'RUSTAM', sex: 'M', dateOfBirth: '1975-02-11', nationality: 'UZB', passportNumber: 'U70000002' });
  await s.events.record(a.officer, overstayerPatientId, { type: 'arrived', at: DateTime.fromJSDate(now).minus({ days: 31 }).toJSDate().toISOString() });
  await s.overstays.runNightly();
  return { patientId, overstayerPatientId };
}
