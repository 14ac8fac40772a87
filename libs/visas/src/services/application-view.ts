import { DATE_MASK, maskValue, type Actor, type PiiCipher } from '@medjourney/platform';
import { PUBLIC_STATUS } from '../domain/vocabulary.js';
import type { ApplicationViewDto, PersonViewDto } from '../dto/visa-application.dto.js';
import type { VisaApplication } from '../entities/visa-application.entity.js';
import type { VisaPerson } from '../entities/visa-person.entity.js';
import { FULL_PII_ROLES } from './application-access.js';

/** Whether this caller sees the application's passport numbers and dates of birth in full. */
export function seesFullPii(actor: Actor, app: VisaApplication): boolean {
  return FULL_PII_ROLES.includes(actor.role) && (actor.role !== 'hospital_coordinator' || actor.hospitalId === app.sponsorHospitalId);
}

/** What a person's view is made of: an entity, or a list's plain row of the same columns. */
export type PersonRow = Pick<
  VisaPerson,
  | 'id' | 'ordinal' | 'role' | 'relationship' | 'surname' | 'givenNames' | 'sex' | 'dateOfBirthSealed' | 'nationality'
  | 'passportNumberSealed' | 'passportNumberMasked' | 'passportExpiry' | 'email' | 'outcome' | 'reasonCode'
>;

/**
 * The columns of PersonRow, named as the entity's properties, for a list that reads its page's
 * persons as plain rows: 150 persons a page of 50 are serialised, never changed, so TypeORM's
 * hydration of entities is work for nothing.
 */
export const PERSON_ROW_COLUMNS = `id, application_id AS "applicationId", ordinal, role, relationship, surname, given_names AS "givenNames", sex,
  date_of_birth_sealed AS "dateOfBirthSealed", nationality, passport_number_sealed AS "passportNumberSealed", passport_number_masked AS "passportNumberMasked",
  to_char(passport_expiry, 'YYYY-MM-DD') AS "passportExpiry", email, outcome, reason_code AS "reasonCode"`;

export function applicationView(app: VisaApplication, persons: readonly PersonRow[], actor: Actor, cipher: PiiCipher, full: boolean): ApplicationViewDto {
  const isPatient = actor.role === 'patient';
  return {
    id: app.id,
    reference: app.reference,
    status: app.status,
    publicStatus: PUBLIC_STATUS[app.status],
    track: app.track,
    sponsorHospitalId: app.sponsorHospitalId,
    // Not linked to the patient until they accept: the hospital learns nothing of them, their id included.
    patientId: app.patientConsent === 'awaiting' && !isPatient ? null : app.patientId,
    patientConsent: app.patientConsent ?? null,
    category: app.category,
    entries: app.entries,
    stayFrom: app.stayFrom,
    stayUntil: app.stayUntil,
    treatment: app.treatment,
    persons: [...persons].sort((a, b) => a.ordinal - b.ordinal).map((p) => personView(p, cipher, full, isPatient)),
    assignedOfficerId: isPatient ? null : app.assignedOfficerId,
    supplement: app.supplement,
    submittedAt: app.submittedAt?.toISOString() ?? null,
    dueAt: app.dueAt?.toISOString() ?? null,
    decidedAt: app.decidedAt?.toISOString() ?? null,
    version: app.version,
  };
}

function personView(p: PersonRow, cipher: PiiCipher, full: boolean, isPatient: boolean): PersonViewDto {
  // A list (a page of 50 applications has 150 persons) decrypts nothing: the masked passport
  // number is stored beside the sealed one, and a masked date of birth shows nothing of the date.
  const passport = full ? cipher.decrypt(p.passportNumberSealed) : (p.passportNumberMasked ?? maskValue(cipher.decrypt(p.passportNumberSealed)));
  const dob = full ? cipher.decrypt(p.dateOfBirthSealed) : null;
  return {
    id: p.id,
    role: p.role,
    relationship: p.relationship,
    surname: p.surname,
    givenNames: p.givenNames,
    sex: p.sex,
    dateOfBirth: dob ?? DATE_MASK,
    nationality: p.nationality,
    passportNumber: passport,
    passportExpiry: p.passportExpiry,
    email: p.email,
    outcome: p.outcome,
    ...(isPatient ? {} : { reasonCode: p.reasonCode }),
  };
}
