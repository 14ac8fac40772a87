import { DomainError } from '@medjourney/platform';

export const JourneyErrors = {
  implausible: (reason: string) => DomainError.rule('IMPLAUSIBLE_EVENT', 'Implausible event', reason),
  referralTargetNotRegistered: () =>
    DomainError.rule('REFERRAL_TARGET_NOT_REGISTERED', 'Not a registered hospital', 'A patient can be referred only to a hospital whose registration is valid.', [{ field: 'hospitalId', message: 'not a registered hospital' }]),
  alreadyTreating: () => DomainError.conflict('ALREADY_TREATING', 'This hospital already treats the patient: it was their sponsor or was referred before.'),
};
