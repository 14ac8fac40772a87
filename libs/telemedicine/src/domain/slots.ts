import { DateTime, IANAZone } from 'luxon';

/** One weekly window of a clinician: ISO weekday (1 = Monday), local "HH:MM" to "HH:MM" ("24:00" = midnight after). */
export interface WeeklyWindow {
  weekday: number;
  start: string;
  end: string;
}

export interface Schedule {
  timezone: string;
  slotMinutes: number;
  weekly: WeeklyWindow[];
  /** Instants (ISO 8601) when the clinician sees no one. */
  exceptions: { from: string; to: string }[];
}

/** A slot as instants, epoch milliseconds, half-open. */
export interface Slot {
  start: number;
  end: number;
}

export const SLOT_MINUTES = [15, 20, 30, 60] as const;
export const MAX_PERIOD_DAYS = 31;
const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$|^24:00$/;
const minutesOf = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** What is wrong with a schedule, field by field (empty when it is valid). */
export function scheduleProblems(s: Schedule): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
  if (!IANAZone.isValidZone(s.timezone)) problems.push({ field: 'timezone', message: 'timezone must be an IANA time zone such as Asia/Seoul' });
  if (!(SLOT_MINUTES as readonly number[]).includes(s.slotMinutes)) problems.push({ field: 'slotMinutes', message: `slotMinutes must be one of ${SLOT_MINUTES.join(', ')}` });
  s.weekly.forEach((w, i) => {
    if (!HHMM.test(w.start) || w.start === '24:00') problems.push({ field: `weekly[${i}].start`, message: 'start must be HH:MM, 00:00 to 23:59' });
    else if (!HHMM.test(w.end)) problems.push({ field: `weekly[${i}].end`, message: 'end must be HH:MM, 00:01 to 24:00' });
    else if (minutesOf(w.end) - minutesOf(w.start) < s.slotMinutes) problems.push({ field: `weekly[${i}].end`, message: 'a window must hold at least one slot (end after start on the same day)' });
  });
  s.exceptions.forEach((e, i) => {
    if (!(Date.parse(e.to) > Date.parse(e.from))) problems.push({ field: `exceptions[${i}].to`, message: 'to must be after from' });
  });
  return problems;
}

/**
 * The clinician's grid between two instants, before bookings: each weekly window is cut into
 * slots from its start, in the clinician's wall-clock time. A local time that does not exist
 * (the spring-forward gap) gives no slot; one that happens twice (the autumn fold) gives one, at
 * its first occurrence. Slots overlapping an exception are left out. Ordered by start.
 */
export function gridSlots(s: Schedule, from: number, to: number): Slot[] {
  const zone = s.timezone;
  const stepMs = s.slotMinutes * 60_000;
  const exceptions = s.exceptions.map((e) => ({ start: Date.parse(e.from), end: Date.parse(e.to) }));
  const out: Slot[] = [];
  const keep = (start: number) => {
    const end = start + stepMs;
    if (start < from || start >= to) return;
    if (exceptions.some((e) => e.start < end && start < e.end)) return;
    out.push({ start, end });
  };
  // Local days that can hold a slot starting in [from, to): one day of margin on each side.
  let day = DateTime.fromMillis(from, { zone }).startOf('day').minus({ days: 1 });
  const lastDay = DateTime.fromMillis(to, { zone }).startOf('day').plus({ days: 1 });
  while (day <= lastDay) {
    for (const w of s.weekly) {
      if (w.weekday !== day.weekday) continue;
      const first = minutesOf(w.start);
      const last = minutesOf(w.end);
      const windowStart = firstOccurrence(localTime(day, first), zone);
      const windowEnd = firstOccurrence(localTime(day, last), zone);
      if (windowStart !== null && windowEnd !== null && windowEnd - windowStart === (last - first) * 60_000) {
        // The window lasts as long in real time as on the wall clock: no offset change inside it
        // (zones change at most once a day), so every slot is the window's start plus whole steps.
        // Two instants a window instead of luxon for each slot (spec/telemedicine.md's bench).
        for (let start = windowStart; start + stepMs <= windowEnd; start += stepMs) keep(start);
        continue;
      }
      // A window with a change of offset: each slot's wall-clock time on its own.
      for (let minute = first; minute + s.slotMinutes <= last; minute += s.slotMinutes) {
        const start = firstOccurrence(localTime(day, minute), zone);
        if (start !== null) keep(start);
      }
    }
    day = day.plus({ days: 1 });
  }
  return out.sort((a, b) => a.start - b.start);
}

/** The wall-clock time `minute` minutes after the local day's midnight; 24:00 is the next day's midnight. */
function localTime(day: DateTime, minute: number): LocalTime {
  const d = minute === 1440 ? day.plus({ days: 1 }) : day;
  return { year: d.year, month: d.month, day: d.day, hour: Math.floor((minute % 1440) / 60), minute: minute % 60 };
}

type LocalTime = { year: number; month: number; day: number; hour: number; minute: number };

/** The instant of a local wall-clock time, its first occurrence when it happens twice, null when it never happens. */
export function firstOccurrence(local: LocalTime, zone: string): number | null {
  const dt = DateTime.fromObject(local, { zone });
  // Luxon moves a time in the gap forward: it then reads back as another wall-clock time.
  if (dt.hour !== local.hour || dt.minute !== local.minute || dt.day !== local.day) return null;
  // In a fold the same wall-clock time also exists an offset change earlier; take the earliest instant that reads the same.
  const back = DateTime.fromMillis(dt.toMillis() - 3_600_000, { zone });
  if (back.hour === local.hour && back.minute === local.minute && back.day === local.day) return back.toMillis();
  return dt.toMillis();
}

/**
 * The grid's slots (ordered by start) that no booked appointment overlaps. One pass over both:
 * a clinician's booked appointments never overlap one another (the exclusion constraint), so
 * ordered by start they are ordered by end too.
 */
export function withoutBooked(grid: readonly Slot[], booked: readonly Slot[]): Slot[] {
  const taken = [...booked].sort((a, b) => a.start - b.start);
  const out: Slot[] = [];
  let j = 0;
  for (const s of grid) {
    while (j < taken.length && taken[j].end <= s.start) j++;
    if (j < taken.length && taken[j].start < s.end) continue;
    out.push(s);
  }
  return out;
}

/** Whether an instant starts a slot of the grid (not past, not in an exception). */
export function isSlotStart(s: Schedule, start: number): boolean {
  return gridSlots(s, start, start + 1).some((slot) => slot.start === start);
}

const DAY_MS = 86_400_000;

/**
 * `shownIn` for many instants of one zone, with luxon once per UTC day rather than once per
 * instant: within a day whose offset is the same at both ends (zones change at most once a
 * day) every instant is shown with that offset, written the way luxon writes it; a day with a
 * change shows each instant through luxon.
 */
export function shownInAll(starts: readonly number[], zone: string): { localStart: string; unsocial: boolean }[] {
  const z = DateTime.fromMillis(0, { zone }).zone;
  const days = new Map<number, { offsetMs: number; suffix: string } | null>();
  return starts.map((start) => {
    const day = Math.floor(start / DAY_MS);
    let d = days.get(day);
    if (d === undefined) {
      const offset = z.offset(day * DAY_MS);
      // The offset as luxon writes it ("+09:00", "-04:00", or "Z" for UTC itself).
      d = offset === z.offset((day + 1) * DAY_MS - 1) ? { offsetMs: offset * 60_000, suffix: shownIn(day * DAY_MS, zone).localStart.slice(19) } : null;
      days.set(day, d);
    }
    if (!d) return shownIn(start, zone);
    const local = new Date(start + d.offsetMs);
    const hour = local.getUTCHours();
    return { localStart: local.toISOString().slice(0, 19) + d.suffix, unsocial: hour < 7 || hour >= 22 };
  });
}

/** The slot's start in the answer's zone, with its offset ("2026-03-09T20:00:00-04:00"), and whether it is unsocial there (before 07:00, or at or after 22:00). */
export function shownIn(start: number, zone: string): { localStart: string; unsocial: boolean } {
  const dt = DateTime.fromMillis(start, { zone });
  return { localStart: dt.toISO({ suppressMilliseconds: true })!, unsocial: dt.hour < 7 || dt.hour >= 22 };
}
