import { DomainError } from '@medjourney/platform';
import type { MissingDocumentProblem } from './domain/document-matrix.js';
import type { RuleViolation } from './domain/group-rules.js';

export const VisaErrors = {
  invalidTransition: (status: string, action: string) =>
    DomainError.conflict('INVALID_TRANSITION', `Cannot ${action.replace(/_/g, ' ')} an application that is ${status}.`),
  rule: (v: RuleViolation) => DomainError.rule(v.code, v.title, v.detail, v.errors),
  missingDocuments: (errors: MissingDocumentProblem[], detail = `${errors.length} required document(s) are missing.`) =>
    DomainError.rule('MISSING_DOCUMENTS', 'Missing documents', detail, errors),
  quotaReached: (quota: number) =>
    DomainError.rule('SPONSOR_QUOTA_REACHED', 'Sponsor quota reached', `A certificate-track sponsor may have at most ${quota} open applications.`),
  duplicateOpen: () =>
    DomainError.conflict('DUPLICATE_OPEN_APPLICATION', 'A person of this application is already in another open application.'),
  companionWithoutPatient: () =>
    DomainError.rule('COMPANION_WITHOUT_PATIENT', 'Companion without patient', 'Companions cannot be approved when the patient is rejected.'),
  officerNotAvailable: () => DomainError.rule('OFFICER_NOT_AVAILABLE', 'Officer not available', 'Applications can be assigned only to an active officer.'),
  awaitingConsent: () =>
    DomainError.conflict('AWAITING_PATIENT_CONSENT', 'The patient has not accepted this hospital\'s sponsorship yet; the application can be submitted once they do.'),
  notAwaitingConsent: () => DomainError.conflict('INVALID_TRANSITION', 'This application does not wait for your acceptance.'),
  patientEmailTaken: () => DomainError.conflict('EMAIL_TAKEN', 'The patient\'s e-mail belongs to a staff account.'),
  documentNotAllowedNow: (status: string) => DomainError.conflict('INVALID_TRANSITION', `Documents cannot change while the application is ${status}.`),
  /** `field` names the refused file of a batch (`documents[2].file`). */
  unsupportedMedia: (field?: string) =>
    new DomainError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Unsupported media type', 'Upload a PDF, JPEG or PNG file.', field ? [{ field, message: 'not a PDF, JPEG or PNG file' }] : undefined),
};
