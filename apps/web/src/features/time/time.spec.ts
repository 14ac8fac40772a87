import { describe, expect, it } from '@jest/globals';
import { daysOfPeriod, fromZonedInput, koreanYear, toZonedInput } from './time';

describe('wall-clock inputs in a zone other than the browser\'s', () => {
  it('reads and writes a schedule zone\'s wall clock', () => {
    expect(fromZonedInput('2026-12-25T00:00', 'Asia/Seoul')).toBe('2026-12-24T15:00:00.000Z');
    expect(toZonedInput('2026-12-24T15:00:00.000Z', 'Asia/Seoul')).toBe('2026-12-25T00:00');
    expect(fromZonedInput('2026-03-09T20:00', 'America/New_York')).toBe('2026-03-10T00:00:00.000Z');
  });

  it('reads a spring-forward gap with the summer offset and takes a fold at its first occurrence', () => {
    // New York skips 02:00–03:00 on 8 March 2026 and repeats 01:00–02:00 on 1 November 2026.
    expect(fromZonedInput('2026-03-08T02:30', 'America/New_York')).toBe('2026-03-08T06:30:00.000Z');
    expect(fromZonedInput('2026-11-01T01:30', 'America/New_York')).toBe('2026-11-01T05:30:00.000Z');
  });
});

describe('the Korean year', () => {
  it('turns at midnight in Seoul, whatever the browser\'s zone', () => {
    expect(koreanYear(new Date('2026-12-31T14:59:59Z'))).toBe(2026);
    expect(koreanYear(new Date('2026-12-31T15:00:00Z'))).toBe(2027);
  });
});

describe('the days a period touches', () => {
  const at = (iso: string) => new Date(iso).getTime();

  it('ends on the day of its last instant: an end at 07:00 is that day, one at midnight the day before', () => {
    // Two weeks from 7 December 2026, 16:00 in Seoul (07:00 UTC), to 21 December, 16:00.
    expect(daysOfPeriod(at('2026-12-07T07:00:00Z'), at('2026-12-21T07:00:00Z'), 'Asia/Seoul')).toEqual({ first: '2026-12-07', last: '2026-12-21' });
    // From midnight to midnight in Seoul: the end is not part of it.
    expect(daysOfPeriod(at('2026-12-06T15:00:00Z'), at('2026-12-20T15:00:00Z'), 'Asia/Seoul')).toEqual({ first: '2026-12-07', last: '2026-12-20' });
  });

  it('reads the days in the viewer\'s zone, not UTC\'s', () => {
    // 23:00 UTC on 7 December is already the 8th in Seoul and still the 7th in New York.
    expect(daysOfPeriod(at('2026-12-07T23:00:00Z'), at('2026-12-21T23:00:00Z'), 'Asia/Seoul')).toEqual({ first: '2026-12-08', last: '2026-12-22' });
    expect(daysOfPeriod(at('2026-12-07T23:00:00Z'), at('2026-12-21T23:00:00Z'), 'America/New_York')).toEqual({ first: '2026-12-07', last: '2026-12-21' });
  });
});
