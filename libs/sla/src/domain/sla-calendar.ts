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

interface KoreanDay {
  start: number;
  end: number;
  business: boolean;
}

// Time-zone arithmetic is the costly part (luxon asks Intl for each offset), and the answers
// never change: the Korean date of each quarter hour (offsets are whole quarter hours) and the
// bounds of each date are computed once per process.
const dateOfQuarter = new Map<number, string>();
const dayOfDate = new Map<string, KoreanDay>();
const QUARTER_MS = 15 * 60 * 1000;

/** The Korean day an instant falls in: its bounds (epoch ms) and whether it is a business day. */
function koreanDay(ms: number): KoreanDay {
  const quarter = Math.floor(ms / QUARTER_MS);
  let date = dateOfQuarter.get(quarter);
  if (date === undefined) {
    if (dateOfQuarter.size > 500_000) dateOfQuarter.clear();
    date = DateTime.fromMillis(ms, { zone: ZONE }).toISODate()!;
    dateOfQuarter.set(quarter, date);
  }
  let day = dayOfDate.get(date);
  if (!day) {
    const start = DateTime.fromISO(date, { zone: ZONE });
    day = { start: start.toMillis(), end: start.plus({ days: 1 }).toMillis(), business: isBusinessDay(date) };
    dayOfDate.set(date, day);
  }
  return day;
}

/** Counted seconds between two instants: every second in calendar mode, business-day seconds otherwise. */
export function countedBetween(from: Date, to: Date, mode: CalendarMode): number {
  if (to <= from) return 0;
  if (mode === 'calendar') return (to.getTime() - from.getTime()) / 1000;
  let total = 0;
  let cursor = from.getTime();
  const end = to.getTime();
  while (cursor < end) {
    const day = koreanDay(cursor);
    const sliceEnd = Math.min(day.end, end);
    if (day.business) total += (sliceEnd - cursor) / 1000;
    cursor = sliceEnd;
  }
  return total;
}

/** The instant at which `seconds` of counted time have passed after `from`. Pure. */
export function addCounted(from: Date, seconds: number, mode: CalendarMode): Date {
  if (mode === 'calendar') return new Date(from.getTime() + seconds * 1000);
  let remaining = seconds;
  let cursor = from.getTime();
  // A deadline is never more than a few years of business days away; the bound guards a bad target.
  for (let guard = 0; guard < 10_000; guard++) {
    const day = koreanDay(cursor);
    if (day.business) {
      const available = (day.end - cursor) / 1000;
      if (remaining <= available) return new Date(cursor + remaining * 1000);
      remaining -= available;
    }
    cursor = day.end;
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
