import type { Actor } from '@medjourney/platform';
import { DateTime } from 'luxon';
import type { CreateApplicationDto } from '../dto/visa-application.dto.js';
import type { ApplicationWorkflowService } from '../services/application-workflow.service.js';
import type { DocumentsService } from '../services/documents.service.js';
import type { ApplicationDraftsService } from '../services/application-drafts.service.js';

/** A one-page PDF placeholder for every demo document. */
const DEMO_PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

export interface DemoActors {
  /** Coordinator of a designated hospital offering oncology (e-visa track). */
  evisaCoordinator: Actor;
  /** Coordinator of a registered, undesignated clinic offering dermatology (certificate track). */
  certificateCoordinator: Actor;
  officer: Actor;
  supervisor: Actor;
  patient: Actor;
  evisaHospitalId: string;
}

interface Services {
  drafts: ApplicationDraftsService;
  workflow: ApplicationWorkflowService;
  documents: DocumentsService;
}

const PEOPLE = [
  { surname: 'NURLANOV', givenNames: 'BERIK', sex: 'M', dateOfBirth: '1969-05-02', nationality: 'KAZ' },
  { surname: 'IVANOVA', givenNames: 'OLGA', sex: 'F', dateOfBirth: '1975-11-20', nationality: 'RUS' },
  { surname: 'BATBAYAR', givenNames: 'TSETSEG', sex: 'F', dateOfBirth: '1981-02-14', nationality: 'MNG' },
  { surname: 'AL MANSOORI', givenNames: 'KHALID', sex: 'M', dateOfBirth: '1958-07-30', nationality: 'ARE' },
  { surname: 'SRISUK', givenNames: 'NARUMON', sex: 'F', dateOfBirth: '1990-09-09', nationality: 'THA' },
  { surname: 'SMITH', givenNames: 'JOHN', sex: 'M', dateOfBirth: '1972-01-15', nationality: 'USA' },
  { surname: 'TANAKA', givenNames: 'YUKI', sex: 'F', dateOfBirth: '1988-04-01', nationality: 'JPN' },
  { surname: 'RAHIMOV', givenNames: 'AZIZ', sex: 'M', dateOfBirth: '1966-12-12', nationality: 'UZB' },
  { surname: 'PETROV', givenNames: 'SERGEI', sex: 'M', dateOfBirth: '1979-03-03', nationality: 'RUS' },
  { surname: 'KOWALSKA', givenNames: 'ANNA', sex: 'F', dateOfBirth: '1983-08-18', nationality: 'POL' },
] as const;

/**
 * The demo patient (patient@demo.medjourney.dev) as their passport names them: their own draft
 * and the application the journey seed files for them describe this person, so that the record
 * and profile carry their name and no other demo patient's.
 */
export const DEMO_PATIENT_PERSON = { surname: 'NURLANOVNA', givenNames: 'AIGERIM', sex: 'F', dateOfBirth: '1980-06-01', nationality: 'KAZ', passportNumber: 'N70000001' } as const;

/**
 * Demo applications in every state on both tracks, made through the real services (sealed
 * personal data, documents on disk, history, audit and events).
 */
export async function seedDemoVisaApplications(s: Services, a: DemoActors, now: Date): Promise<number> {
  const day = (n: number) => DateTime.fromJSDate(now).plus({ days: n }).toISODate()!;
  let i = 0;
  const body = (specialty: string, sponsorHospitalId?: string): CreateApplicationDto => {
    const p = PEOPLE[i % PEOPLE.length];
    i++;
    return {
      sponsorHospitalId,
      category: 'C-3-3',
      entries: 'single',
      stayFrom: day(45),
      stayUntil: day(74),
      treatment: { specialty, summary: specialty === 'oncology' ? 'Proton therapy course' : 'Laser treatment and follow-up', plannedStart: day(46), plannedEnd: day(70) },
      patient: { ...p, passportNumber: `D${String(1000000 + i * 7919).slice(0, 7)}${i % 10}`, passportExpiry: day(3 * 365), email: `demo.patient${i}@example.org` },
      companions: [],
    };
  };
  const draft = async (coordinator: Actor, specialty: string) => s.drafts.create(coordinator, body(specialty));
  const withDocuments = async (coordinator: Actor, specialty: string) => {
    const app = await draft(coordinator, specialty);
    const patient = app.persons[0].id;
    for (const type of ['passport_copy', 'medical_confirmation', 'diagnosis', 'proof_of_funds'] as const) {
      await s.documents.upload(coordinator, app.id, { type, personId: patient }, { originalname: `${type}.pdf`, buffer: DEMO_PDF, size: DEMO_PDF.length });
    }
    return app;
  };
  const submitted = async (coordinator: Actor, specialty: string) => {
    const app = await withDocuments(coordinator, specialty);
    return s.workflow.submit(coordinator, app.id);
  };
  const inReview = async (coordinator: Actor, specialty: string) => {
    const app = await submitted(coordinator, specialty);
    return s.workflow.startReview(a.officer, app.id);
  };

  let count = 0;
  for (const [coordinator, specialty] of [[a.evisaCoordinator, 'oncology'], [a.certificateCoordinator, 'dermatology']] as const) {
    await draft(coordinator, specialty);
    await submitted(coordinator, specialty);
    await inReview(coordinator, specialty);
    const supplement = await inReview(coordinator, specialty);
    await s.workflow.requestSupplement(a.officer, supplement.id, { reason: 'The diagnosis letter is illegible.', items: [{ personId: supplement.persons[0].id, documentType: 'diagnosis' }] });
    const approved = await inReview(coordinator, specialty);
    await s.workflow.decide(a.officer, approved.id, { persons: [{ personId: approved.persons[0].id, outcome: 'approve' }] });
    const rejected = await inReview(coordinator, specialty);
    await s.workflow.decide(a.supervisor, rejected.id, { persons: [{ personId: rejected.persons[0].id, outcome: 'reject', reasonCode: 'purpose_not_established' }] });
    const withdrawn = await submitted(coordinator, specialty);
    await s.workflow.withdraw(coordinator, withdrawn.id, 'The patient postponed the treatment.');
    count += 7;
  }
  // The demo patient's own draft, waiting for the hospital to sponsor it.
  const ownBody = body('oncology', a.evisaHospitalId);
  const own = await s.drafts.create(a.patient, { ...ownBody, patient: { ...ownBody.patient, ...DEMO_PATIENT_PERSON } });
  await s.workflow.requestSponsorship(a.patient, own.id);
  return count + 1;
}
