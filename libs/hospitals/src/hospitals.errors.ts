import { DomainError } from '@medjourney/platform';

/** The error codes of spec/hospitals.md, and the few this module adds (docs/decisions.md). */
export const HospitalErrors = {
  licenseTaken: () => DomainError.conflict('LICENSE_NUMBER_TAKEN', 'A hospital with this licence number is registered already.'),
  fieldsNotEditable: (fields: string[]) =>
    DomainError.forbidden(`Only the ministry may change ${fields.join(', ')}.`),
  sponsorNotRegistered: () =>
    DomainError.rule('SPONSOR_NOT_REGISTERED', 'Sponsor not registered', 'The hospital has no valid foreign-patient attraction registration.'),
  yearNotOpen: (year: number, open: number[]) =>
    DomainError.rule('DESIGNATION_YEAR_NOT_OPEN', 'Designation year not open', `Applications are open for ${open.join(' and ')}, not ${year}.`),
  applicationExists: () => DomainError.conflict('DESIGNATION_APPLICATION_EXISTS', 'The hospital already has a pending or approved application for this year.'),
  notEligible: (reasons: string[]) =>
    DomainError.rule('DESIGNATION_NOT_ELIGIBLE', 'Not eligible', `The application is not eligible: ${reasons.join(' ')}`),
  scoreBelowPass: (score: number, pass: number) =>
    DomainError.rule('SCORE_BELOW_PASS', 'Score below pass', `The score ${score} is below the pass score of ${pass}.`),
  capacityReached: (year: number, capacity: number) =>
    DomainError.conflict('DESIGNATION_CAPACITY_REACHED', `All ${capacity} designations of ${year} are taken.`),
  alreadyDesignated: () => DomainError.conflict('ALREADY_DESIGNATED', 'The hospital is already designated for this year.'),
  invalidTransition: (from: string, action: string) =>
    DomainError.conflict('INVALID_TRANSITION', `Cannot ${action} from status ${from}.`),
  versionConflict: () => DomainError.conflict('CONFLICT', 'The hospital changed since you read it; reload and try again.'),
};
