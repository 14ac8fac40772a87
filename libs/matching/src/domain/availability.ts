import { DateTime, IANAZone } from 'luxon';

/** One weekly opening: ISO weekday (1 = Monday), local wall-clock "HH:MM" to "HH:MM" ("24:00" = midnight after). */
export interface WeeklyHours {
  weekday: number;
  start: string;
  end: string;
}

/** Instants (ISO 8601) at which the provider is not available, whatever the weekly hours say. */
export interface AvailabilityException {
  from: string;
  to: string;
}

export interface Availability {
  timezone: string;
  weekly: WeeklyHours[];
  exceptions: AvailabilityException[];
}

/** A half-open interval of instants [start, end), in epoch milliseconds. */
export interface Interval {
  start: number;
  end: number;
}

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$|^24:00$/;

export const minutesOf = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** What is wrong with an availability, field by field (empty when it is valid). */
export function availabilityProblems(a: Availability): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
  if (!IANAZone.isValidZone(a.timezone)) problems.push({ field: 'timezone', message: 'timezone must be an IANA time zone such as Asia/Seoul' });
  a.weekly.forEach((w, i) => {
    if (!HHMM.test(w.start) || w.start === '24:00') problems.push({ field: `weekly[${i}].start`, message: 'start must be HH:MM, 00:00 to 23:59' });
    else if (!HHMM.test(w.end)) problems.push({ field: `weekly[${i}].end`, message: 'end must be HH:MM, 00:01 to 24:00' });
    else if (minutesOf(w.end) <= minutesOf(w.start)) problems.push({ field: `weekly[${i}].end`, message: 'end must be after start on the same day (use two entries across midnight)' });
  });
  a.exceptions.forEach((e, i) => {
    if (!(Date.parse(e.to) > Date.parse(e.from))) problems.push({ field: `exceptions[${i}].to`, message: 'to must be after from' });
  });
  return problems;
}

/** Sorts and joins intervals that overlap or touch (Monday until 24:00 and Tuesday from 00:00 become one). */
export function merge(intervals: readonly Interval[]): Interval[] {
  const sorted = [...intervals].filter((i) => i.end > i.start).sort((a, b) => a.start - b.start);
  const out: Interval[] = [];
  for (const i of sorted) {
    const last = out[out.length - 1];
    if (last && i.start <= last.end) last.end = Math.max(last.end, i.end);
    else out.push({ ...i });
  }
  return out;
}

/** `from` minus every interval of `cuts`. */
export function subtract(from: readonly Interval[], cuts: readonly Interval[]): Interval[] {
  let rest = merge(from);
  for (const c of merge(cuts)) {
    rest = rest.flatMap((r) => {
      if (c.end <= r.start || c.start >= r.end) return [r];
      const parts: Interval[] = [];
      if (c.start > r.start) parts.push({ start: r.start, end: c.start });
      if (c.end < r.end) parts.push({ start: c.end, end: r.end });
      return parts;
    });
  }
  return rest;
}

/**
 * The instants at which the provider is available between `from` and `to`: each local day's
 * weekly hours turned into instants in the provider's zone (so a DST change moves them in UTC
 * and a day of 23 or 25 hours keeps its wall-clock hours), joined across midnight, minus the
 * exceptions, clipped to [from, to).
 */
export function availableIntervals(a: Availability, from: Date, to: Date): Interval[] {
  const zone = a.timezone;
  const open: Interval[] = [];
  let day = DateTime.fromJSDate(from, { zone }).startOf('day').minus({ days: 1 });
  const last = DateTime.fromJSDate(to, { zone }).startOf('day');
  while (day <= last) {
    for (const w of a.weekly) {
      if (w.weekday !== day.weekday) continue;
      const end = w.end === '24:00' ? day.plus({ days: 1 }).startOf('day') : localInstant(day, w.end);
      open.push({ start: localInstant(day, w.start).toMillis(), end: end.toMillis() });
    }
    day = day.plus({ days: 1 });
  }
  const cuts = a.exceptions.map((e) => ({ start: Date.parse(e.from), end: Date.parse(e.to) }));
  const window = { start: from.getTime(), end: to.getTime() };
  return subtract(open, cuts)
    .map((i) => ({ start: Math.max(i.start, window.start), end: Math.min(i.end, window.end) }))
    .filter((i) => i.end > i.start);
}

/** A local wall-clock time on a local day; a time the DST gap skips is read as the first instant after it. */
function localInstant(day: DateTime, hhmm: string): DateTime {
  return day.set({ hour: Number(hhmm.slice(0, 2)), minute: Number(hhmm.slice(3, 5)) });
}

/** Whether the provider is available over the whole of [start, end). */
export function isAvailable(a: Availability, start: Date, end: Date): boolean {
  return availableIntervals(a, start, end).some((i) => i.start <= start.getTime() && i.end >= end.getTime());
}

/** The ISO week (Monday 00:00 to the next Monday 00:00, local time in `zone`) that contains `instant`. */
export function weekOf(instant: Date, zone: string): Interval {
  const monday = DateTime.fromJSDate(instant, { zone }).startOf('week');
  return { start: monday.toMillis(), end: monday.plus({ weeks: 1 }).toMillis() };
}
