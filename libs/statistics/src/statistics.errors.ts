import { DomainError } from '@medjourney/platform';
import { MAX_MONTHS } from './domain/months.js';

export const StatisticsErrors = {
  invalidPeriod: () => DomainError.rule('INVALID_PERIOD', 'Invalid period', `A period runs from a month to the same or a later month, ${MAX_MONTHS} months at most.`),
};
