import { DomainError, type FieldProblem } from '@medjourney/platform';

/** The error codes of spec/matching.md, and the few this module adds (docs/matching.md). */
export const MatchingErrors = {
  providerUnavailable: () => DomainError.conflict('PROVIDER_UNAVAILABLE', 'The provider is already booked at an overlapping time.'),
  outsideAvailability: () =>
    DomainError.rule('OUTSIDE_AVAILABILITY', 'Outside availability', 'The provider is not available over the whole window (weekly hours in their time zone, exceptions).'),
  beyondBookingHorizon: (lastBookableDay: string) =>
    DomainError.rule(
      'BEYOND_BOOKING_HORIZON',
      'Beyond the booking horizon',
      `Providers can be booked until the end of ${lastBookableDay} (Korean date), the last bookable day; this window ends later.`,
      [{ field: 'end', message: `must be no later than the end of ${lastBookableDay}, the last bookable day (Asia/Seoul)` }],
      { lastBookableDay },
    ),
  overWeeklyHours: (booked: number, requested: number, max: number) =>
    DomainError.rule('OVER_WEEKLY_HOURS', 'Over weekly hours', `The provider has ${booked} hours booked that week; ${requested} more would exceed their ${max} hours a week.`),
  providerInactive: () => DomainError.rule('PROVIDER_NOT_ACTIVE', 'Provider not active', 'The provider is not verified, or has been deactivated.'),
  invalidAvailability: (errors: FieldProblem[]) => DomainError.validation(errors, 'The availability is not valid.'),
  invalidWindow: () => DomainError.validation([{ field: 'end', message: 'end must be after start' }]),
  invalidTransition: (from: string, action: string) => DomainError.conflict('INVALID_TRANSITION', `Cannot ${action} an assignment that is ${from}.`),
  tooEarly: (action: string) => DomainError.conflict('INVALID_TRANSITION', `Cannot ${action} the assignment at this time.`),
  versionConflict: () => DomainError.conflict('CONFLICT', 'The care provider changed since you read it; reload and try again.'),
  fieldsNotEditable: (fields: string[]) => DomainError.forbidden(`Only an admin or ministry reviewer may change ${fields.join(', ')}.`),
  unknownHospital: (field: string) => DomainError.validation([{ field, message: 'no such hospital' }]),
  languageRequired: () =>
    DomainError.rule('LANGUAGE_REQUIRED', 'Language required', 'The request names no language and the patient\'s profile gives no preferred language: send language, or a patientId whose profile has one.', [
      { field: 'language', message: 'language is required when the patient has no preferred language' },
    ]),
};
