import { DateTime, Duration } from 'luxon';
import { isKoreanHoliday } from './korean-holidays.js';

export type CalendarMode = 'business' | 'calendar';

const ZONE = 'Asia/Seoul';

/** Whole Korean days, Monday to Friday, that are not public holidays. */
export function isBusinessDay(date: string): boolean {
  const weekday = DateTime.fromISO(date, { zone: ZONE }).weekday;
  return weekday <= 5 && !isKoreanHoliday(date);
}

/** The target in counted seconds: `P3D` is 72 counted hours in either mode. */
export function targetSeconds(target: string): number {
  return Duration.fromISO(target).as('seconds');
}

/** Counted seconds between two instants: every second in calendar mode, business-day seconds otherwise. */
export function countedBetween(from: Date, to: Date, mode: CalendarMode): number {
  if (to <= from) return 0;
  if (mode === 'calendar') return (to.getTime() - from.getTime()) / 1000;
  let total = 0;
  let cursor = DateTime.fromJSDate(from, { zone: ZONE });
  const end = DateTime.fromJSDate(to, { zone: ZONE });
  while (cursor < end) {
    const dayEnd = cursor.startOf('day').plus({ days: 1 });
    const sliceEnd = dayEnd < end ? dayEnd : end;
    if (isBusinessDay(cursor.toISODate()!)) total += sliceEnd.diff(cursor, 'seconds').seconds;
    cursor = sliceEnd;
  }
  return total;
}

/** The instant at which `seconds` of counted time have passed after `from`. Pure. */
export function addCounted(from: Date, seconds: number, mode: CalendarMode): Date {
  if (mode === 'calendar') return new Date(from.getTime() + seconds * 1000);
  let remaining = seconds;
  let cursor = DateTime.fromJSDate(from, { zone: ZONE });
  // A deadline is never more than a few years of business days away; the bound guards a bad target.
  for (let guard = 0; guard < 10_000; guard++) {
    const dayEnd = cursor.startOf('day').plus({ days: 1 });
    if (isBusinessDay(cursor.toISODate()!)) {
      const available = dayEnd.diff(cursor, 'seconds').seconds;
      if (remaining <= available) return cursor.plus({ seconds: remaining }).toJSDate();
      remaining -= available;
    }
    cursor = dayEnd;
  }
  throw new Error('SLA deadline out of range');
}

/** A stretch during which the clock ran. */
export interface RunningSegment {
  from: Date;
  /** Open while still running. */
  to: Date | null;
}

/**
 * The deadline of a clock made of running segments: the counted time already spent in closed
 * segments, then the rest from the start of the open one. With no open segment (paused or
 * stopped) there is no deadline. Pure: the same history and mode give the same instant.
 */
export function dueAt(segments: RunningSegment[], target: string, mode: CalendarMode): Date | null {
  const open = segments.find((s) => s.to === null);
  if (!open) return null;
  const spent = segments.filter((s) => s.to !== null).reduce((sum, s) => sum + countedBetween(s.from, s.to!, mode), 0);
  return addCounted(open.from, Math.max(0, targetSeconds(target) - spent), mode);
}
