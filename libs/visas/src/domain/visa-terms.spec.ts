import { describe, expect, it } from '@jest/globals';
import { effectiveVisaStatus, entryRefusal, type VisaInUse } from './visa-terms.js';

const TODAY = '2026-12-01';
const visa = (over: Partial<VisaInUse>): VisaInUse => ({ status: 'issued', entries: 'single', entriesUsed: 0, enterBy: '2027-02-23', ...over });

describe('entryRefusal: whether a visa still allows an entry', () => {
  it.each([
    ['an issued single-entry visa', visa({}), null],
    ['a used single-entry visa', visa({ status: 'used', entriesUsed: 1 }), 'entries_used'],
    ['a double-entry visa used once', visa({ status: 'used', entries: 'double', entriesUsed: 1 }), null],
    ['a double-entry visa used twice', visa({ status: 'used', entries: 'double', entriesUsed: 2 }), 'entries_used'],
    ['a multiple-entry visa used often', visa({ status: 'used', entries: 'multiple', entriesUsed: 40 }), null],
    ['on its enter-by date', visa({ enterBy: TODAY }), null],
    ['the day after its enter-by date, not yet stored expired', visa({ enterBy: '2026-11-30' }), 'expired'],
    ['stored expired', visa({ status: 'expired', enterBy: '2026-11-30' }), 'expired'],
    ['a used multiple-entry visa past its enter-by date', visa({ status: 'used', entries: 'multiple', entriesUsed: 1, enterBy: '2026-11-30' }), 'expired'],
    ['cancelled', visa({ status: 'cancelled' }), 'cancelled'],
  ])('%s', (_name, v, refusal) => expect(entryRefusal(v, TODAY)).toBe(refusal));

  it('reports an issued visa past its enter-by date expired before the nightly job stores it', () => {
    expect(effectiveVisaStatus('issued', '2026-11-30', TODAY)).toBe('expired');
    expect(effectiveVisaStatus('issued', TODAY, TODAY)).toBe('issued');
    expect(effectiveVisaStatus('used', '2026-11-30', TODAY)).toBe('used');
  });
});
