import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { DateTime, Duration } from 'luxon';
import { ageOn, effectiveVisaStatus, entryRefusal, passportLongEnough, stayDays, type VisaInUse } from './visa-terms.js';

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

describe('calendar counts of the group rules', () => {
  it.each([
    ['one day', '2026-03-01', '2026-03-01', 1],
    ['across February of a leap year', '2028-02-27', '2028-03-01', 4],
    ['across February of a common year', '2027-02-27', '2027-03-01', 3],
    ['across a year end', '2026-12-31', '2027-01-01', 2],
    ['90 days (the most C-3-3 allows)', '2026-01-01', '2026-03-31', 90],
    ['a whole leap year', '2028-01-01', '2028-12-31', 366],
  ])('stayDays: %s', (_name, from, until, days) => expect(stayDays(from, until)).toBe(days));

  it.each([
    ['the day before the 18th birthday', '2008-06-15', '2026-06-14', 17],
    ['on the 18th birthday', '2008-06-15', '2026-06-15', 18],
    ['born on 29 February, on 28 February of a common year', '2008-02-29', '2026-02-28', 18],
    ['born on 29 February, on 27 February of a common year', '2008-02-29', '2026-02-27', 17],
    ['born on 29 February, on 28 February of a leap year', '2008-02-29', '2028-02-28', 19],
    ['born on 29 February, on 29 February of a leap year', '2008-02-29', '2028-02-29', 20],
    ['born on 31 January, on the last day of February', '2000-01-31', '2026-02-28', 26],
  ])('ageOn: %s', (_name, born, on, age) => expect(ageOn(born, on)).toBe(age));

  it('passportLongEnough: six months after the stay starts (the end of a shorter month counts), and through the stay', () => {
    expect(passportLongEnough('2026-08-31', '2026-02-28', '2026-03-10', 'P6M')).toBe(true);
    expect(passportLongEnough('2026-08-30', '2026-03-01', '2026-03-10', 'P6M')).toBe(false);
    expect(passportLongEnough('2027-02-28', '2026-08-31', '2026-09-10', 'P6M')).toBe(true);
    expect(passportLongEnough('2026-09-09', '2026-03-01', '2026-09-10', 'P6M')).toBe(false);
    expect(passportLongEnough('2026-03-02', '2026-03-01', '2026-03-01', 'PT36H')).toBe(true);
  });

  // The counts were luxon's on local midnights (a UTC machine); the same answers for any dates.
  const date = fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2200-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
  const local = (iso: string) => DateTime.fromISO(iso, { zone: 'utc' });
  it('agree with luxon\'s calendar for any two dates', () => {
    fc.assert(
      fc.property(date, date, fc.constantFrom('P6M', 'P1Y', 'P3M2W', 'P90D', 'P1Y1M1D', 'P2W', 'PT36H', 'P1.5M'), (a, b, validity) => {
        expect(stayDays(a, b)).toBe(Math.round(local(b).diff(local(a), 'days').days) + 1);
        expect(ageOn(a, b)).toBe(Math.floor(local(b).diff(local(a), 'years').years));
        const needed = local(a).plus(Duration.fromISO(validity)).toISODate()!;
        expect(passportLongEnough(b, a, a, validity)).toBe(b >= needed);
      }),
      { numRuns: 2000 },
    );
  });
});
