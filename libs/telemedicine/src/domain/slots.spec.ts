import { describe, expect, it } from '@jest/globals';
import { DateTime } from 'luxon';
import { firstOccurrence, gridSlots, isSlotStart, scheduleProblems, shownIn, shownInAll, withoutBooked, type Schedule, type Slot } from './slots.js';

const every = (start: string, end: string) => [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start, end }));
const SEOUL: Schedule = { timezone: 'Asia/Seoul', slotMinutes: 30, weekly: every('09:00', '10:00'), exceptions: [] };
const iso = (ms: number) => new Date(ms).toISOString();
const shown = (s: Schedule, from: string, to: string, zone: string) =>
  gridSlots(s, Date.parse(from), Date.parse(to)).map((x) => ({ start: iso(x.start), ...shownIn(x.start, zone) }));

describe('the slot grid', () => {
  it('a Seoul clinician\'s slots stay at 09:00 Seoul (00:00Z) while New York springs forward (8 March 2026)', () => {
    expect(shown(SEOUL, '2026-03-07T00:00:00Z', '2026-03-10T00:00:00Z', 'America/New_York')).toEqual([
      { start: '2026-03-07T00:00:00.000Z', localStart: '2026-03-06T19:00:00-05:00', unsocial: false },
      { start: '2026-03-07T00:30:00.000Z', localStart: '2026-03-06T19:30:00-05:00', unsocial: false },
      { start: '2026-03-08T00:00:00.000Z', localStart: '2026-03-07T19:00:00-05:00', unsocial: false },
      { start: '2026-03-08T00:30:00.000Z', localStart: '2026-03-07T19:30:00-05:00', unsocial: false },
      { start: '2026-03-09T00:00:00.000Z', localStart: '2026-03-08T20:00:00-04:00', unsocial: false },
      { start: '2026-03-09T00:30:00.000Z', localStart: '2026-03-08T20:30:00-04:00', unsocial: false },
    ]);
  });

  it('and while New York falls back (1 November 2026)', () => {
    expect(shown(SEOUL, '2026-10-31T00:00:00Z', '2026-11-03T00:00:00Z', 'America/New_York').filter((_, i) => i % 2 === 0)).toEqual([
      { start: '2026-10-31T00:00:00.000Z', localStart: '2026-10-30T20:00:00-04:00', unsocial: false },
      { start: '2026-11-01T00:00:00.000Z', localStart: '2026-10-31T20:00:00-04:00', unsocial: false },
      { start: '2026-11-02T00:00:00.000Z', localStart: '2026-11-01T19:00:00-05:00', unsocial: false },
    ]);
  });

  it('and across London\'s own changes (29 March and 25 October 2026), where 09:00 Seoul is the middle of the night', () => {
    expect(shown(SEOUL, '2026-03-28T00:00:00Z', '2026-03-30T00:00:00Z', 'Europe/London').map((s) => [s.start, s.localStart, s.unsocial])).toEqual([
      ['2026-03-28T00:00:00.000Z', '2026-03-28T00:00:00+00:00', true],
      ['2026-03-28T00:30:00.000Z', '2026-03-28T00:30:00+00:00', true],
      ['2026-03-29T00:00:00.000Z', '2026-03-29T00:00:00+00:00', true],
      ['2026-03-29T00:30:00.000Z', '2026-03-29T00:30:00+00:00', true],
    ]);
    expect(shown(SEOUL, '2026-10-24T00:00:00Z', '2026-10-26T00:00:00Z', 'Europe/London').map((s) => [s.start, s.localStart])).toEqual([
      ['2026-10-24T00:00:00.000Z', '2026-10-24T01:00:00+01:00'],
      ['2026-10-24T00:30:00.000Z', '2026-10-24T01:30:00+01:00'],
      ['2026-10-25T00:00:00.000Z', '2026-10-25T01:00:00+01:00'],
      ['2026-10-25T00:30:00.000Z', '2026-10-25T01:30:00+01:00'],
    ]);
  });

  it('never shifts in Seoul: every slot of a year starts at 09:00 or 09:30 Seoul, whatever zone it is shown in', () => {
    const year = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11].flatMap((month) => gridSlots(SEOUL, Date.UTC(2026, month, 1), Date.UTC(2026, month, 29)));
    expect(new Set(year.map((s) => new Date(s.start).toISOString().slice(11)))).toEqual(new Set(['00:00:00.000Z', '00:30:00.000Z']));
    expect(year.every((s) => s.end - s.start === 30 * 60_000)).toBe(true);
  });

  it('a London clinician: the missing hour gives no slot, the repeated hour one (its first occurrence)', () => {
    const london: Schedule = { timezone: 'Europe/London', slotMinutes: 30, weekly: [{ weekday: 7, start: '00:00', end: '03:00' }], exceptions: [] };
    expect(shown(london, '2026-03-28T12:00:00Z', '2026-03-29T12:00:00Z', 'Europe/London').map((s) => [s.start, s.localStart])).toEqual([
      ['2026-03-29T00:00:00.000Z', '2026-03-29T00:00:00+00:00'],
      ['2026-03-29T00:30:00.000Z', '2026-03-29T00:30:00+00:00'],
      ['2026-03-29T01:00:00.000Z', '2026-03-29T02:00:00+01:00'],
      ['2026-03-29T01:30:00.000Z', '2026-03-29T02:30:00+01:00'],
    ]);
    expect(shown(london, '2026-10-24T12:00:00Z', '2026-10-25T12:00:00Z', 'Europe/London').map((s) => [s.start, s.localStart])).toEqual([
      ['2026-10-24T23:00:00.000Z', '2026-10-25T00:00:00+01:00'],
      ['2026-10-24T23:30:00.000Z', '2026-10-25T00:30:00+01:00'],
      ['2026-10-25T00:00:00.000Z', '2026-10-25T01:00:00+01:00'],
      ['2026-10-25T00:30:00.000Z', '2026-10-25T01:30:00+01:00'],
      ['2026-10-25T02:00:00.000Z', '2026-10-25T02:00:00+00:00'],
      ['2026-10-25T02:30:00.000Z', '2026-10-25T02:30:00+00:00'],
    ]);
  });

  it('a London clinician\'s weekday grid follows London\'s clock across the change', () => {
    const london: Schedule = { timezone: 'Europe/London', slotMinutes: 60, weekly: [{ weekday: 5, start: '09:00', end: '10:00' }], exceptions: [] };
    expect(gridSlots(london, Date.parse('2026-03-20T00:00:00Z'), Date.parse('2026-04-04T00:00:00Z')).map((s) => iso(s.start))).toEqual([
      '2026-03-20T09:00:00.000Z', '2026-03-27T09:00:00.000Z', '2026-04-03T08:00:00.000Z',
    ]);
  });

  it('gives, in zones with every kind of change, the same slots as reading each slot\'s wall-clock time on its own', () => {
    // The plain definition: every slot's local time through luxon (what gridSlots does only for windows with a change of offset).
    const byEachSlot = (sc: Schedule, from: number, to: number): Slot[] => {
      const out: Slot[] = [];
      for (let day = DateTime.fromMillis(from, { zone: sc.timezone }).startOf('day').minus({ days: 1 }); day <= DateTime.fromMillis(to, { zone: sc.timezone }).startOf('day').plus({ days: 1 }); day = day.plus({ days: 1 })) {
        for (const w of sc.weekly.filter((x) => x.weekday === day.weekday)) {
          const [first, last] = [w.start, w.end].map((hhmm) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3)));
          for (let minute = first; minute + sc.slotMinutes <= last; minute += sc.slotMinutes) {
            const start = firstOccurrence({ year: day.year, month: day.month, day: day.day, hour: Math.floor(minute / 60), minute: minute % 60 }, sc.timezone);
            if (start !== null && start >= from && start < to) out.push({ start, end: start + sc.slotMinutes * 60_000 });
          }
        }
      }
      return out.sort((a, b) => a.start - b.start);
    };
    // London and New York (an hour at 01:00 / 02:00), Lord Howe (half an hour), Havana (at midnight), Chatham (at 02:45), Seoul (none).
    const zones = ['Europe/London', 'America/New_York', 'Australia/Lord_Howe', 'America/Havana', 'Pacific/Chatham', 'Asia/Seoul'];
    const weeklies = [[...every('00:00', '24:00')], [...every('00:30', '03:00')], [...every('09:00', '18:00')], [...every('01:00', '02:00'), ...every('23:00', '24:00')]];
    for (const timezone of zones) {
      for (const [i, weekly] of weeklies.entries()) {
        const sc: Schedule = { timezone, slotMinutes: [60, 20, 30, 15][i], weekly, exceptions: [] };
        // Every change of these zones in 2026 falls in one of these two periods.
        for (const [from, to] of [[Date.UTC(2026, 2, 1), Date.UTC(2026, 3, 15)], [Date.UTC(2026, 8, 20), Date.UTC(2026, 10, 10)]]) {
          expect([timezone, i, gridSlots(sc, from, to)]).toEqual([timezone, i, byEachSlot(sc, from, to)]);
        }
      }
    }
  });

  it('cuts each window from its start and leaves out exceptions; a start off the grid is not a slot', () => {
    const s: Schedule = { timezone: 'Asia/Seoul', slotMinutes: 20, weekly: [{ weekday: 2, start: '09:10', end: '10:00' }], exceptions: [{ from: '2026-03-10T00:20:00Z', to: '2026-03-10T00:30:00Z' }] };
    expect(gridSlots(s, Date.parse('2026-03-09T00:00:00Z'), Date.parse('2026-03-11T00:00:00Z')).map((x) => iso(x.start))).toEqual(['2026-03-10T00:30:00.000Z']);
    // 09:10-09:30 Seoul touches the exception; 09:30 is on the grid; 09:00 is not (the window starts at 09:10).
    expect(isSlotStart(s, Date.parse('2026-03-10T00:10:00Z'))).toBe(false);
    expect(isSlotStart(s, Date.parse('2026-03-10T00:30:00Z'))).toBe(true);
    expect(isSlotStart(s, Date.parse('2026-03-10T00:00:00Z'))).toBe(false);
    expect(isSlotStart({ ...s, exceptions: [] }, Date.parse('2026-03-10T00:10:00Z'))).toBe(true);
  });

  it('leaves out the slots a booked appointment overlaps, however the appointments fall across the grid', () => {
    const m = 60_000;
    const grid = [0, 30, 60, 90, 120, 150].map((t) => ({ start: t * m, end: (t + 30) * m }));
    // Given out of order: one before the grid, one on a slot, one ending where a slot starts, one across two slots, one past the last slot's start.
    const booked = [{ start: 100 * m, end: 130 * m }, { start: 0, end: 30 * m }, { start: 170 * m, end: 200 * m }, { start: -60 * m, end: -30 * m }, { start: 45 * m, end: 60 * m }];
    expect(withoutBooked(grid, booked).map((s) => s.start / m)).toEqual([60]);
    expect(withoutBooked(grid, [])).toEqual(grid);
  });

  it('shows many instants as it shows each one, in zones of every kind of offset and change', () => {
    const zones = ['UTC', 'Etc/UTC', 'Europe/London', 'America/New_York', 'Australia/Lord_Howe', 'America/Havana', 'Pacific/Chatham', 'Asia/Kathmandu', 'America/St_Johns', 'Asia/Seoul'];
    const starts: number[] = [];
    for (const [from, to] of [[Date.UTC(2026, 2, 1), Date.UTC(2026, 3, 15)], [Date.UTC(2026, 8, 20), Date.UTC(2026, 10, 10)]]) {
      for (let t = from; t < to; t += 37 * 60_000) starts.push(t);
    }
    for (const zone of zones) expect([zone, shownInAll(starts, zone)]).toEqual([zone, starts.map((t) => shownIn(t, zone))]);
  });

  it('unsocial: before 07:00, or at or after 22:00, in the answer\'s zone', () => {
    expect(shownIn(Date.parse('2026-03-10T21:59:00Z'), 'UTC').unsocial).toBe(false);
    expect(shownIn(Date.parse('2026-03-10T22:00:00Z'), 'UTC').unsocial).toBe(true);
    expect(shownIn(Date.parse('2026-03-10T06:59:00Z'), 'UTC').unsocial).toBe(true);
    expect(shownIn(Date.parse('2026-03-10T07:00:00Z'), 'UTC').unsocial).toBe(false);
  });

  it('refuses a bad zone, slot length or window', () => {
    expect(scheduleProblems({ timezone: 'Mars/Olympus', slotMinutes: 25, weekly: [{ weekday: 1, start: '10:00', end: '10:10' }], exceptions: [{ from: '2026-01-02T00:00:00Z', to: '2026-01-01T00:00:00Z' }] }).map((p) => p.field))
      .toEqual(['timezone', 'slotMinutes', 'weekly[0].end', 'exceptions[0].to']);
    expect(scheduleProblems(SEOUL)).toEqual([]);
  });
});
