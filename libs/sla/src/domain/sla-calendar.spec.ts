import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { isKoreanHoliday } from './korean-holidays.js';
import { addCounted, countedBetween, dueAt, isBusinessDay } from './sla-calendar.js';

const kst = (local: string) => new Date(`${local}+09:00`);
const due = (submitted: string, target = 'P3D', mode: 'business' | 'calendar' = 'business') => dueAt([{ from: kst(submitted), to: null }], target, mode);

describe('Korean holidays', () => {
  it('include the eve and the day after of Seollal and Chuseok, and substitute holidays', () => {
    for (const d of ['2026-02-16', '2026-02-17', '2026-02-18', '2026-09-24', '2026-09-25', '2026-09-26', '2026-10-05', '2027-02-09']) expect([d, isKoreanHoliday(d)]).toEqual([d, true]);
    for (const d of ['2026-02-19', '2026-09-23', '2026-11-23']) expect([d, isKoreanHoliday(d)]).toEqual([d, false]);
  });

  it('fall back to computed holidays beyond the official calendar', () => {
    expect(isKoreanHoliday('2030-01-01')).toBe(true);
    expect(isKoreanHoliday('2030-03-01')).toBe(true);
    expect(isKoreanHoliday('2030-03-04')).toBe(false);
  });
});

describe('SLA calendar (business days in Asia/Seoul)', () => {
  it.each([
    ['Friday 15:00 before an ordinary weekend → Wednesday 15:00', '2026-11-20T15:00:00', '2026-11-25T15:00:00'],
    ['Saturday → counts from Monday 00:00', '2026-11-21T10:00:00', '2026-11-26T00:00:00'],
    ['Sunday 23:59 → the same as Saturday', '2026-11-22T23:59:00', '2026-11-26T00:00:00'],
    ['Monday 00:00 → Thursday 00:00', '2026-11-23T00:00:00', '2026-11-26T00:00:00'],
    ['a week with Seollal (16–18 Feb 2026): Friday 13 Feb 10:00 counts 14 h, then Thursday and Friday, then 10 h → Monday 23 Feb 10:00', '2026-02-13T10:00:00', '2026-02-23T10:00:00'],
    ['a week with Chuseok (24–26 Sep 2026): Tuesday 22 Sep 09:00 → Tuesday 29 Sep 09:00', '2026-09-22T09:00:00', '2026-09-29T09:00:00'],
    ['a substitute holiday (Monday 5 Oct 2026): Friday 2 Oct 12:00 → Thursday 8 Oct 12:00', '2026-10-02T12:00:00', '2026-10-08T12:00:00'],
  ])('%s', (_label, submitted, expected) => {
    expect(due(submitted)!.toISOString()).toBe(kst(expected).toISOString());
  });

  it('in calendar mode every second counts (PT20S)', () => {
    expect(due('2026-11-21T10:00:00', 'PT20S', 'calendar')!.toISOString()).toBe(kst('2026-11-21T10:00:20').toISOString());
  });

  it('a pause across a weekend changes nothing but the pause', () => {
    // Submitted Friday 15:00, paused Friday 17:00 to Monday 09:00: the weekend counted nothing
    // anyway, so the deadline moves by the 16 counted hours of the pause (Friday 17–24, Monday 0–9).
    const d = dueAt([{ from: kst('2026-11-20T15:00:00'), to: kst('2026-11-20T17:00:00') }, { from: kst('2026-11-23T09:00:00'), to: null }], 'P3D', 'business');
    expect(countedBetween(kst('2026-11-20T17:00:00'), kst('2026-11-23T09:00:00'), 'business')).toBe(16 * 3600);
    expect(d!.toISOString()).toBe(addCounted(due('2026-11-20T15:00:00')!, 16 * 3600, 'business').toISOString());
    expect(d!.toISOString()).toBe(kst('2026-11-26T07:00:00').toISOString());
    expect(dueAt([{ from: kst('2026-11-20T15:00:00'), to: kst('2026-11-20T17:00:00') }], 'P3D', 'business')).toBeNull();
  });

  it('counts only business-day time', () => {
    expect(countedBetween(kst('2026-11-20T15:00:00'), kst('2026-11-23T01:00:00'), 'business')).toBe(10 * 3600);
    expect(countedBetween(kst('2026-11-20T15:00:00'), kst('2026-11-23T01:00:00'), 'calendar')).toBe(58 * 3600);
  });

  const instant = fc.date({ min: new Date('2025-01-01T00:00:00Z'), max: new Date('2031-12-31T00:00:00Z'), noInvalidDate: true });

  it('property: the deadline is after the start, and exactly the target is counted between them', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 1, max: 10 * 86400 }), (from, seconds) => {
        const to = addCounted(from, seconds, 'business');
        expect(to.getTime()).toBeGreaterThan(from.getTime());
        expect(Math.abs(countedBetween(from, to, 'business') - seconds)).toBeLessThan(0.001);
      }),
      { numRuns: 200 },
    );
  });

  it('property: adding a pause never moves the deadline earlier', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: 5 * 86400 }), fc.integer({ min: 1, max: 10 * 86400 }), (from, runFor, pauseFor) => {
        const without = dueAt([{ from, to: null }], 'P3D', 'business')!;
        const pausedAt = new Date(from.getTime() + runFor * 1000);
        const resumedAt = new Date(pausedAt.getTime() + pauseFor * 1000);
        const withPause = dueAt([{ from, to: pausedAt }, { from: resumedAt, to: null }], 'P3D', 'business')!;
        expect(withPause.getTime()).toBeGreaterThanOrEqual(without.getTime());
      }),
      { numRuns: 200 },
    );
  });

  it('a business day is a weekday that is not a holiday', () => {
    expect(isBusinessDay('2026-11-23')).toBe(true);
    expect(isBusinessDay('2026-11-21')).toBe(false);
    expect(isBusinessDay('2026-12-25')).toBe(false);
  });
});
