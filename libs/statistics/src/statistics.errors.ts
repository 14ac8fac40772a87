import { DomainError } from '@medjourney/platform';
import { MAX_MONTHS } from './domain/months.js';

export const StatisticsErrors = {
  invalidPeriod: () => DomainError.rule('INVALID_PERIOD', 'Invalid period', `A period runs from a month to the same or a later month, ${MAX_MONTHS} months at most.`),
  yearNotEnded: (year: number) => DomainError.rule('YEAR_NOT_ENDED', 'Year not ended', `The ${year} report can be submitted from 1 January ${year + 1} (Korean time).`),
  reportIncomplete: () => DomainError.rule('REPORT_INCOMPLETE', 'Report incomplete', 'Give inpatients, outpatients and revenueKrw before submitting.'),
  reportSubmitted: () => DomainError.conflict('REPORT_SUBMITTED', 'The report has been submitted; change it by an amendment.'),
  reportNotSubmitted: () => DomainError.conflict('REPORT_NOT_SUBMITTED', 'Only a submitted report is amended; edit the draft instead.'),
};
