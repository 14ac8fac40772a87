import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { daysBetween, designationYearBounds, designationYearOf, koreanDate, plusMonths } from './designation-year.js';
import { nextSanction } from './sanction-ladder.js';

describe('designation years', () => {
  it('year 2026 runs from 1 October 2026 to 30 September 2027 by default', () => {
    expect(designationYearBounds(2026, '10-01')).toEqual({ validFrom: '2026-10-01', validUntil: '2027-09-30' });
    expect(designationYearBounds(2027, '03-01')).toEqual({ validFrom: '2027-03-01', validUntil: '2028-02-29' });
  });

  it('finds the year of an instant in Korean time', () => {
    // 30 September 15:00 UTC is 1 October 00:00 KST: the new year has begun in Korea.
    expect(designationYearOf(new Date('2026-09-30T14:59:59Z'), '10-01')).toBe(2025);
    expect(designationYearOf(new Date('2026-09-30T15:00:00Z'), '10-01')).toBe(2026);
    expect(designationYearOf(new Date('2027-09-30T12:00:00Z'), '10-01')).toBe(2026);
  });

  it('counts Korean dates and months', () => {
    expect(koreanDate(new Date('2026-11-22T16:00:00Z'))).toBe('2026-11-23');
    expect(daysBetween('2026-08-01', '2026-09-30')).toBe(60);
    expect(plusMonths(new Date('2026-01-31T03:00:00Z'), 1).toISOString()).toBe('2026-02-28T03:00:00.000Z');
  });

  // Both were luxon's conversions into Asia/Seoul; the same answers for any instant and year start.
  it('agree with luxon in Asia/Seoul for any instant', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2200-01-01T00:00:00Z'), noInvalidDate: true }),
        fc.constantFrom('10-01', '03-01', '01-01', '12-31', '02-28'),
        (at, yearStart) => {
          const local = DateTime.fromJSDate(at, { zone: 'Asia/Seoul' });
          expect(koreanDate(at)).toBe(local.toISODate());
          const [month, day] = yearStart.split('-').map(Number);
          const start = DateTime.fromObject({ year: local.year, month, day }, { zone: 'Asia/Seoul' });
          expect(designationYearOf(at, yearStart)).toBe(local < start ? local.year - 1 : local.year);
        },
      ),
      { numRuns: 3000 },
    );
  });
});

describe('sanction ladder', () => {
  it('goes warning, 1-month suspension, 3-month suspension, cancellation, then stops', () => {
    expect(nextSanction(0)).toEqual({ level: 1, kind: 'warning' });
    expect(nextSanction(1)).toEqual({ level: 2, kind: 'suspension', months: 1 });
    expect(nextSanction(2)).toEqual({ level: 3, kind: 'suspension', months: 3 });
    expect(nextSanction(3)).toEqual({ level: 4, kind: 'cancellation' });
    expect(nextSanction(4)).toBeNull();
  });
});
