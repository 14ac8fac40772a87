import { DateTime } from 'luxon';

export const KOREA = 'Asia/Seoul';

/**
 * Designation years (spec/hospitals.md): year Y runs from DESIGNATION_YEAR_START (MM-DD) of Y
 * to the day before that date in Y+1, in Korean time. Pure functions of their arguments.
 */
export function designationYearBounds(year: number, yearStart: string): { validFrom: string; validUntil: string } {
  const [month, day] = yearStart.split('-').map(Number);
  const from = DateTime.fromObject({ year, month, day }, { zone: KOREA });
  return { validFrom: from.toISODate()!, validUntil: from.plus({ years: 1 }).minus({ days: 1 }).toISODate()! };
}

/** The designation year that contains an instant. */
export function designationYearOf(at: Date, yearStart: string): number {
  const local = DateTime.fromJSDate(at, { zone: KOREA });
  const [month, day] = yearStart.split('-').map(Number);
  const startThisYear = DateTime.fromObject({ year: local.year, month, day }, { zone: KOREA });
  return local < startThisYear ? local.year - 1 : local.year;
}

/** The Korean calendar date of an instant, YYYY-MM-DD. */
export function koreanDate(at: Date): string {
  return DateTime.fromJSDate(at, { zone: KOREA }).toISODate()!;
}

/** The instant a Korean calendar date ends (its next midnight, KST). */
export function endOfKoreanDate(date: string): Date {
  return DateTime.fromISO(date, { zone: KOREA }).plus({ days: 1 }).toJSDate();
}

/** Whole days from one Korean date to another (positive when `to` is later). */
export function daysBetween(from: string, to: string): number {
  return Math.round(DateTime.fromISO(to, { zone: KOREA }).diff(DateTime.fromISO(from, { zone: KOREA }), 'days').days);
}

/** An instant plus whole calendar months in Korean time (suspensions of 1 and 3 months). */
export function plusMonths(at: Date, months: number): Date {
  return DateTime.fromJSDate(at, { zone: KOREA }).plus({ months }).toJSDate();
}
