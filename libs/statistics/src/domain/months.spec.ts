import { describe, expect, it } from '@jest/globals';
import { daysBetween, monthOf, periodOf, targetWindow } from './months.js';

describe('Korean months of the figures', () => {
  it('an instant counts in its Korean month: 31 January 16:00 UTC is 1 February in Seoul', () => {
    expect(monthOf(new Date('2026-01-31T14:59:59Z'))).toBe('2026-01-01');
    expect(monthOf(new Date('2026-01-31T15:00:00Z'))).toBe('2026-02-01');
  });

  it('a period lists its months, both ends included, up to 36', () => {
    expect(periodOf('2025-11', '2026-02')).toEqual({ from: '2025-11-01', to: '2026-02-01', months: ['2025-11-01', '2025-12-01', '2026-01-01', '2026-02-01'] });
    expect(periodOf('2026-01', '2026-01')!.months).toHaveLength(1);
    expect(periodOf('2024-01', '2026-12')!.months).toHaveLength(36);
  });

  it.each([
    ['2024-01', '2027-01', 'more than 36 months'],
    ['2026-03', '2026-02', 'from after to'],
    ['2026-13', '2026-12', 'no such month'],
    ['2026-1', '2026-12', 'malformed'],
  ])('%s to %s is no period (%s)', (from, to) => {
    expect(periodOf(from, to)).toBeNull();
  });

  it('days of a stay are Korean calendar days', () => {
    expect(daysBetween(new Date('2026-03-01T14:00:00Z'), new Date('2026-03-01T16:00:00Z'))).toBe(1);
    expect(daysBetween(new Date('2026-03-01T01:00:00Z'), new Date('2026-03-11T01:00:00Z'))).toBe(10);
  });

  it('the target line: 12 months ending with the current one, the year so far and its elapsed share', () => {
    const w = targetWindow(new Date('2026-07-02T15:00:00Z'));
    expect(w.last12.from).toBe('2025-08-01');
    expect(w.last12.to).toBe('2026-07-01');
    expect(w.thisYear).toMatchObject({ from: '2026-01-01', to: '2026-07-01' });
    // 3 July 00:00 in Seoul: 183 days of 365.
    expect(w.yearElapsed).toBeCloseTo(183 / 365, 6);
  });
});
