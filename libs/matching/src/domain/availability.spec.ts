import { describe, expect, it } from '@jest/globals';
import { availabilityProblems, availableIntervals, isAvailable, merge, subtract, weekOf, type Availability } from './availability.js';

const iso = (ms: number) => new Date(ms).toISOString();
const at = (s: string) => new Date(s);

describe('isAvailable', () => {
  // 2026-11-23 is a Monday.
  const seoulNights: Availability = {
    timezone: 'Asia/Seoul',
    weekly: [{ weekday: 1, start: '20:00', end: '24:00' }, { weekday: 2, start: '00:00', end: '06:00' }, { weekday: 3, start: '09:00', end: '18:00' }],
    exceptions: [{ from: '2026-11-25T03:00:00Z', to: '2026-11-25T04:00:00Z' }],
  };
  // US Eastern leaves DST on Sunday 2026-11-01 at 02:00 local (06:00Z before, 07:00Z after).
  const newYork: Availability = { timezone: 'America/New_York', weekly: [{ weekday: 7, start: '09:00', end: '17:00' }, { weekday: 1, start: '09:00', end: '17:00' }], exceptions: [] };
  // Berlin enters DST on Sunday 2026-03-29: 02:00-03:00 local does not exist.
  const berlinSunday: Availability = { timezone: 'Europe/Berlin', weekly: [{ weekday: 7, start: '01:00', end: '05:00' }], exceptions: [] };

  const table: [string, Availability, string, string, boolean][] = [
    ['inside one evening', seoulNights, '2026-11-23T12:00:00Z', '2026-11-23T14:00:00Z', true],
    ['across the Monday→Tuesday boundary (22:00 to 02:00 KST)', seoulNights, '2026-11-23T13:00:00Z', '2026-11-23T17:00:00Z', true],
    ['past the end of Tuesday\'s hours (to 07:00 KST)', seoulNights, '2026-11-23T13:00:00Z', '2026-11-23T22:00:00Z', false],
    ['starting before Monday\'s hours (19:00 KST)', seoulNights, '2026-11-23T10:00:00Z', '2026-11-23T12:00:00Z', false],
    ['Wednesday before the exception (09:00-12:00 KST)', seoulNights, '2026-11-25T00:00:00Z', '2026-11-25T03:00:00Z', true],
    ['Wednesday over the exception (11:00-13:00 KST)', seoulNights, '2026-11-25T02:00:00Z', '2026-11-25T04:00:00Z', false],
    ['Wednesday right after the exception', seoulNights, '2026-11-25T04:00:00Z', '2026-11-25T09:00:00Z', true],
    ['a week later, same hours: the exception is gone', seoulNights, '2026-12-02T02:00:00Z', '2026-12-02T04:00:00Z', true],
    ['New York on the DST Sunday: 09:00 EST is 14:00Z', newYork, '2026-11-01T14:00:00Z', '2026-11-01T22:00:00Z', true],
    ['New York on the DST Sunday: 13:00Z is 08:00 EST, too early', newYork, '2026-11-01T13:00:00Z', '2026-11-01T15:00:00Z', false],
    ['New York a week before: 09:00 EDT is 13:00Z', newYork, '2026-10-25T13:00:00Z', '2026-10-25T21:00:00Z', true],
    ['New York a week before: 21:00Z is 17:00 EDT, the end', newYork, '2026-10-25T20:00:00Z', '2026-10-25T21:30:00Z', false],
    ['Berlin on the spring-forward night: 01:00-05:00 local is 3 hours (00:00Z-03:00Z)', berlinSunday, '2026-03-29T00:00:00Z', '2026-03-29T03:00:00Z', true],
    ['Berlin on the spring-forward night: 03:30Z is 05:30 CEST, past the end', berlinSunday, '2026-03-29T02:00:00Z', '2026-03-29T03:30:00Z', false],
  ];
  it.each(table)('%s', (_name, a, start, end, expected) => {
    expect(isAvailable(a, at(start), at(end))).toBe(expected);
  });
});

describe('availableIntervals', () => {
  it('joins Monday until midnight and Tuesday from midnight into one interval, minus the exception, clipped to the range', () => {
    const a: Availability = {
      timezone: 'Asia/Seoul',
      weekly: [{ weekday: 1, start: '20:00', end: '24:00' }, { weekday: 2, start: '00:00', end: '06:00' }],
      exceptions: [{ from: '2026-11-23T15:00:00Z', to: '2026-11-23T16:00:00Z' }],
    };
    const got = availableIntervals(a, at('2026-11-23T00:00:00Z'), at('2026-11-30T00:00:00Z')).map((i) => [iso(i.start), iso(i.end)]);
    expect(got).toEqual([
      ['2026-11-23T11:00:00.000Z', '2026-11-23T15:00:00.000Z'],
      ['2026-11-23T16:00:00.000Z', '2026-11-23T21:00:00.000Z'],
    ]);
  });

  it('gives an 8-hour day on both sides of a DST change, shifted by one hour in UTC', () => {
    const a: Availability = { timezone: 'America/New_York', weekly: [{ weekday: 6, start: '09:00', end: '17:00' }, { weekday: 7, start: '09:00', end: '17:00' }], exceptions: [] };
    const got = availableIntervals(a, at('2026-10-31T00:00:00Z'), at('2026-11-02T00:00:00Z')).map((i) => [iso(i.start), (i.end - i.start) / 3_600_000]);
    expect(got).toEqual([['2026-10-31T13:00:00.000Z', 8], ['2026-11-01T14:00:00.000Z', 8]]);
  });
});

describe('merge and subtract', () => {
  it('merge joins touching and overlapping intervals', () => {
    expect(merge([{ start: 5, end: 8 }, { start: 0, end: 5 }, { start: 7, end: 9 }, { start: 10, end: 11 }])).toEqual([{ start: 0, end: 9 }, { start: 10, end: 11 }]);
  });
  it('subtract cuts holes and ends', () => {
    expect(subtract([{ start: 0, end: 10 }], [{ start: 2, end: 3 }, { start: 9, end: 12 }])).toEqual([{ start: 0, end: 2 }, { start: 3, end: 9 }]);
  });
});

describe('weekOf', () => {
  it('is Monday 00:00 to Monday 00:00 in the provider\'s zone', () => {
    // Sunday 2026-11-29 20:00Z is Monday 05:00 in Seoul, still Sunday in Moscow.
    const seoul = weekOf(at('2026-11-29T20:00:00Z'), 'Asia/Seoul');
    const moscow = weekOf(at('2026-11-29T20:00:00Z'), 'Europe/Moscow');
    expect([iso(seoul.start), iso(seoul.end)]).toEqual(['2026-11-29T15:00:00.000Z', '2026-12-06T15:00:00.000Z']);
    expect([iso(moscow.start), iso(moscow.end)]).toEqual(['2026-11-22T21:00:00.000Z', '2026-11-29T21:00:00.000Z']);
  });
});

describe('availabilityProblems', () => {
  it('names each bad field', () => {
    expect(availabilityProblems({ timezone: 'Mars/Olympus', weekly: [{ weekday: 1, start: '18:00', end: '09:00' }, { weekday: 2, start: '24:00', end: '24:00' }], exceptions: [{ from: '2026-01-02T00:00:00Z', to: '2026-01-01T00:00:00Z' }] }).map((p) => p.field))
      .toEqual(['timezone', 'weekly[0].end', 'weekly[1].start', 'exceptions[0].to']);
    expect(availabilityProblems({ timezone: 'Asia/Seoul', weekly: [{ weekday: 1, start: '00:00', end: '24:00' }], exceptions: [] })).toEqual([]);
  });
});
