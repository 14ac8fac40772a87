import { DomainError, type FieldProblem } from '@medjourney/platform';

/** The error codes of spec/telemedicine.md. */
export const TelemedicineErrors = {
  invalidSchedule: (errors: FieldProblem[]) => DomainError.validation(errors, 'The schedule is not valid.'),
  invalidPeriod: (detail: string) => DomainError.rule('INVALID_PERIOD', 'Invalid period', detail, [{ field: 'to', message: detail }]),
  invalidTimezone: (field = 'timezone') => DomainError.validation([{ field, message: `${field} must be an IANA time zone such as America/New_York` }]),
  noSchedule: () => DomainError.rule('NO_SCHEDULE', 'No schedule', 'The clinician has no telemedicine schedule yet.'),
  notASlot: (detail: string) => DomainError.rule('NOT_A_SLOT', 'Not a slot', detail, [{ field: 'start', message: detail }]),
  slotTaken: () => DomainError.conflict('SLOT_TAKEN', 'The clinician or the patient already has an appointment at that time.'),
  notEligible: (reason: string) => DomainError.rule('NOT_ELIGIBLE_FOR_FOLLOW_UP', 'Not eligible for follow-up', reason),
  localClinicianRequired: () =>
    DomainError.rule('LOCAL_CLINICIAN_REQUIRED', 'Local clinician required', 'Under the doctor_to_doctor policy every appointment names the doctor abroad who takes part.', [
      { field: 'localClinician', message: 'localClinician is required under the doctor_to_doctor policy' },
    ]),
  noInterpreter: () => DomainError.conflict('NO_INTERPRETER_AVAILABLE', 'No certified interpreter of that language is free for the whole slot.'),
  invalidTransition: (from: string, action: string) => DomainError.conflict('INVALID_TRANSITION', `Cannot ${action} an appointment that is ${from}.`),
  tooEarly: (action: string) => DomainError.conflict('INVALID_TRANSITION', `Cannot ${action} the appointment before it starts.`),
  started: (action: string) => DomainError.conflict('INVALID_TRANSITION', `Cannot ${action} an appointment that has started.`),
};
