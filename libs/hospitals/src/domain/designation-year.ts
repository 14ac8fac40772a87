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

/**
 * The Korean calendar date of an instant as numbers, from one formatter made once: luxon's zone
 * conversions (three or four per call) were 1.3 % of the API's CPU on create and submit, which
 * read the sponsor's designation (2026-12-07 profile).
 */
const KOREAN_DAY = new Intl.DateTimeFormat('en-US', { timeZone: KOREA, year: 'numeric', month: 'numeric', day: 'numeric' });
function koreanParts(at: Date): { year: number; month: number; day: number } {
  const parts = { year: 0, month: 0, day: 0 };
  for (const p of KOREAN_DAY.formatToParts(at)) if (p.type === 'year' || p.type === 'month' || p.type === 'day') parts[p.type] = Number(p.value);
  return parts;
}

/** The designation year that contains an instant. */
export function designationYearOf(at: Date, yearStart: string): number {
  const local = koreanParts(at);
  const [month, day] = yearStart.split('-').map(Number);
  return local.month < month || (local.month === month && local.day < day) ? local.year - 1 : local.year;
}

/** The Korean calendar date of an instant, YYYY-MM-DD. */
export function koreanDate(at: Date): string {
  const { year, month, day } = koreanParts(at);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
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
