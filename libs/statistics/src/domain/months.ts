import { DateTime } from 'luxon';

/** Months, years and days of the figures are Korean ones (spec/statistics.md). */
export const ZONE = 'Asia/Seoul';
export const MAX_MONTHS = 36;
const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** The Korean month of an instant, as its first day (`YYYY-MM-01`). Pure. */
export function monthOf(at: Date): string {
  return DateTime.fromJSDate(at, { zone: ZONE }).toFormat('yyyy-MM-01');
}

/** Whole Korean calendar days from one instant to another. Pure. */
export function daysBetween(from: Date, to: Date): number {
  const a = DateTime.fromJSDate(from, { zone: ZONE }).startOf('day');
  const b = DateTime.fromJSDate(to, { zone: ZONE }).startOf('day');
  return Math.max(0, Math.round(b.diff(a, 'days').days));
}

export interface Period {
  /** First day of the first month. */
  from: string;
  /** First day of the last month. */
  to: string;
  months: string[];
}

/**
 * A period of `YYYY-MM` months, both ends included; `null` when it is not one the figures
 * answer (malformed, `from` after `to`, more than 36 months). Pure.
 */
export function periodOf(from: string, to: string): Period | null {
  if (!MONTH.test(from) || !MONTH.test(to)) return null;
  const start = DateTime.fromFormat(from, 'yyyy-MM', { zone: 'UTC' });
  const end = DateTime.fromFormat(to, 'yyyy-MM', { zone: 'UTC' });
  const count = Math.round(end.diff(start, 'months').months) + 1;
  if (count < 1 || count > MAX_MONTHS) return null;
  const months = Array.from({ length: count }, (_, i) => start.plus({ months: i }).toFormat('yyyy-MM-01'));
  return { from: months[0], to: months[months.length - 1], months };
}

/** `YYYY-MM-01` → `YYYY-MM`. */
export const monthKey = (month: string): string => month.slice(0, 7);

/**
 * The target line's periods at an instant: the 12 Korean months ending with the current one,
 * the current year so far, and the share of the year elapsed. Pure.
 */
export function targetWindow(now: Date): { last12: Period; thisYear: Period; yearElapsed: number } {
  const here = DateTime.fromJSDate(now, { zone: ZONE });
  const current = here.toFormat('yyyy-MM');
  const yearStart = here.startOf('year');
  const yearElapsed = here.diff(yearStart).toMillis() / yearStart.plus({ years: 1 }).diff(yearStart).toMillis();
  return {
    last12: periodOf(here.minus({ months: 11 }).toFormat('yyyy-MM'), current)!,
    thisYear: periodOf(here.toFormat('yyyy-01'), current)!,
    yearElapsed,
  };
}
