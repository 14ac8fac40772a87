import { DomainError } from '@medjourney/platform';

export const JourneyErrors = {
  implausible: (reason: string) => DomainError.rule('IMPLAUSIBLE_EVENT', 'Implausible event', reason),
};
