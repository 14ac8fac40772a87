import { describe, expect, it } from '@jest/globals';
import { complete, deadlineOf, statusAt, yearState } from './yearly-report.js';

describe('yearly report deadlines', () => {
  it('a year is due by the end of February (Korean time); reminders 30 and 7 days before', () => {
    const d = deadlineOf(2026);
    expect(d.overdueAt.toISOString()).toBe('2027-02-28T15:00:00.000Z');
    expect(d.dueOn).toBe('2027-02-28');
    expect(d.reminders.map((r) => [r.daysLeft, r.at.toISOString()])).toEqual([
      [30, '2027-01-29T15:00:00.000Z'],
      [7, '2027-02-21T15:00:00.000Z'],
    ]);
    // A leap year's February has 29 days.
    expect(deadlineOf(2027).dueOn).toBe('2028-02-29');
  });

  it('a year begins and ends in Korea', () => {
    expect(yearState(2026, new Date('2025-12-31T14:59:59Z'))).toBe('future');
    expect(yearState(2026, new Date('2025-12-31T15:00:00Z'))).toBe('running');
    expect(yearState(2026, new Date('2026-12-31T15:00:00Z'))).toBe('ended');
  });

  it('a draft is overdue from 1 March; a submitted report never is', () => {
    expect(statusAt('draft', 2026, new Date('2027-02-28T14:59:59Z'))).toBe('draft');
    expect(statusAt('draft', 2026, new Date('2027-02-28T15:00:00Z'))).toBe('overdue');
    expect(statusAt('submitted', 2026, new Date('2027-06-01T00:00:00Z'))).toBe('submitted');
  });

  it('is complete once inpatients, outpatients and revenue are given (zero counts)', () => {
    expect(complete({ inpatients: 0, outpatients: 3, revenueKrw: 0 })).toBe(true);
    expect(complete({ inpatients: 1, outpatients: null, revenueKrw: 5 })).toBe(false);
  });
});
