import { DateTime, Duration } from 'luxon';
import type { Category, Entries } from './vocabulary.js';

const KOREA = 'Asia/Seoul';

const DAY_MS = 86_400_000;

/**
 * A calendar date (`YYYY-MM-DD`, as the DTOs and the date columns give it) as year, month and
 * day. The rules below count calendar days and years in plain arithmetic: luxon in the system
 * zone cost 3 % of the API's CPU on create and submit (2026-12-07 profile), for dates that have
 * no zone.
 */
function parts(date: string): { y: number; m: number; d: number } {
  return { y: Number(date.slice(0, 4)), m: Number(date.slice(5, 7)), d: Number(date.slice(8, 10)) };
}
const utcDay = (date: string): number => {
  const { y, m, d } = parts(date);
  return Date.UTC(y, m - 1, d);
};
const daysInMonth = (y: number, m: number): number => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** Days of a stay, counting both its first and its last day. */
export function stayDays(stayFrom: string, stayUntil: string): number {
  return Math.round((utcDay(stayUntil) - utcDay(stayFrom)) / DAY_MS) + 1;
}

/** C-3-3: at most 90 days; G-1-10: 91 days to 1 year. */
export function categoryFitsStay(category: Category, days: number): boolean {
  return category === 'C-3-3' ? days >= 1 && days <= 90 : days >= 91 && days <= 365;
}

/** Entries a category allows for a nationality (spec/visas.md, categories and entries). */
export function entriesAllowed(category: Category, entries: Entries, nationality: string, restricted: readonly string[]): boolean {
  if (category === 'G-1-10') return entries === 'multiple';
  return entries !== 'multiple' || !restricted.includes(nationality);
}

/** Enter-by date: 3 months after issue (single), 6 (double), 5 years (C-3-3 multiple), 1 year (G-1-10). */
export function enterBy(issuedAt: Date, category: Category, entries: Entries): string {
  const issued = DateTime.fromJSDate(issuedAt, { zone: KOREA });
  const until =
    category === 'G-1-10' ? issued.plus({ years: 1 }) : entries === 'single' ? issued.plus({ months: 3 }) : entries === 'double' ? issued.plus({ months: 6 }) : issued.plus({ years: 5 });
  return until.toISODate()!;
}

/** The approved length of stay, capped by the category. */
export function maxStayDays(category: Category, days: number): number {
  return Math.min(days, category === 'C-3-3' ? 90 : 365);
}

/**
 * Age in whole years on a date: the birthday of someone born on 29 February falls on 28 February
 * in other years (as luxon counted it before).
 */
export function ageOn(dateOfBirth: string, on: string): number {
  const born = parts(dateOfBirth);
  const day = parts(on);
  const years = day.y - born.y;
  const birthday = Math.min(born.d, daysInMonth(day.y, born.m));
  return day.m < born.m || (day.m === born.m && day.d < birthday) ? years - 1 : years;
}

/** One parsed Duration per setting (there is one), instead of a parse per person. */
const durations = new Map<string, Duration>();

/**
 * A date plus a duration as luxon adds one (years and months first, the day kept or cut to the
 * month's last, then weeks and days). Whole calendar units are counted by hand; a duration with
 * hours or fractions (a setting nobody uses) is left to luxon, on UTC midnight.
 */
function plus(date: string, duration: Duration): string {
  const { years = 0, quarters = 0, months = 0, weeks = 0, days = 0, hours = 0, minutes = 0, seconds = 0, milliseconds = 0 } = duration.toObject();
  if (![years, quarters, months, weeks, days].every(Number.isInteger) || hours || minutes || seconds || milliseconds) {
    return DateTime.fromISO(date, { zone: 'utc' }).plus(duration).toISODate()!;
  }
  const { y, m, d } = parts(date);
  const month = new Date(Date.UTC(y + years, m - 1 + months + quarters * 3, 1));
  const day = Math.min(d, daysInMonth(month.getUTCFullYear(), month.getUTCMonth() + 1)) + days + weeks * 7;
  return new Date(Date.UTC(month.getUTCFullYear(), month.getUTCMonth(), day)).toISOString().slice(0, 10);
}

/** The passport must be valid `minValidity` (ISO 8601) after the stay starts, and through the stay. */
export function passportLongEnough(expiry: string, stayFrom: string, stayUntil: string, minValidity: string): boolean {
  let validity = durations.get(minValidity);
  if (!validity) durations.set(minValidity, (validity = Duration.fromISO(minValidity)));
  const needed = plus(stayFrom, validity);
  return expiry >= needed && expiry >= stayUntil;
}

export type VisaStatus = 'issued' | 'used' | 'expired' | 'cancelled';

/** How many arrivals each kind of visa allows (spec/journey.md, visas in use). */
export const ENTRIES_ALLOWED: Record<Entries, number> = { single: 1, double: 2, multiple: Number.POSITIVE_INFINITY };

export interface VisaInUse {
  status: VisaStatus;
  entries: Entries;
  entriesUsed: number;
  enterBy: string;
}

/**
 * Why a visa allows no entry on a (Korean) date, or null when it allows one: not cancelled,
 * the enter-by date not passed, and an entry left. Verification calls such a visa valid.
 */
export function entryRefusal(v: VisaInUse, today: string): 'cancelled' | 'expired' | 'entries_used' | null {
  if (v.status === 'cancelled') return 'cancelled';
  if (v.status === 'expired' || v.enterBy < today) return 'expired';
  if (v.entriesUsed >= ENTRIES_ALLOWED[v.entries]) return 'entries_used';
  return null;
}

/** The stored status, with an issued visa whose enter-by date has passed reported expired before the nightly job stores it. */
export function effectiveVisaStatus(status: VisaStatus, enterByDate: string, today: string): VisaStatus {
  return status === 'issued' && enterByDate < today ? 'expired' : status;
}
