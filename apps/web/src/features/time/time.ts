import { createContext, useContext } from 'react';

/** The viewer's zone: the browser's, or the one a patient chose in their profile. */
export const TimeZoneContext = createContext<string>(Intl.DateTimeFormat().resolvedOptions().timeZone);
export const useTimeZone = () => useContext(TimeZoneContext);

export function formatDateTime(iso: string | null | undefined, zone: string, locale: string): string {
  if (!iso) return '—';
  // dateStyle cannot be combined with timeZoneName, hence the parts one by one.
  return new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: zone, timeZoneName: 'short' }).format(new Date(iso));
}

export function formatDate(iso: string | null | undefined, locale: string): string {
  if (!iso) return '—';
  // A calendar date (YYYY-MM-DD) has no zone: shown as written.
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number);
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, d)));
}

/** The calendar day (YYYY-MM-DD) of an instant on the wall clock of `zone`. */
export function dayInZone(instant: number, zone: string): string {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-US', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(new Date(instant)).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/**
 * The first and last calendar days, in `zone`, that the period [from, to) touches: `to` is
 * excluded, so a period ending at midnight ends the day before, one ending at 07:00 that day.
 */
export function daysOfPeriod(from: number, to: number, zone: string): { first: string; last: string } {
  return { first: dayInZone(from, zone), last: dayInZone(Math.max(from, to - 1), zone) };
}

/** "2 d 4 h", "35 min": a countdown or a duration from seconds. */
export function formatDuration(seconds: number, t: (key: string, o?: Record<string, unknown>) => string): string {
  const s = Math.abs(Math.round(seconds));
  const d = Math.floor(s / 86400), h = Math.floor((s % 86400) / 3600), m = Math.floor((s % 3600) / 60);
  if (d > 0) return t('time.dh', { d, h });
  if (h > 0) return t('time.hm', { h, m });
  return t('time.m', { m });
}

/** An instant as a `datetime-local` input's value, in the browser's zone (what such an input means). */
export function toLocalInput(iso: string): string {
  const d = new Date(iso);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

/** A `datetime-local` input's value (browser zone) as an instant. */
export function fromLocalInput(value: string): string {
  return new Date(value).toISOString();
}

/** The offset of `zone` from UTC at an instant, in minutes (Intl's parts read back as UTC). */
function zoneOffsetMinutes(instant: number, zone: string): number {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' })
    .formatToParts(new Date(instant)).map((p) => [p.type, p.value]));
  const asUtc = Date.UTC(+parts.year, +parts.month - 1, +parts.day, +parts.hour, +parts.minute, +parts.second);
  return Math.round((asUtc - Math.floor(instant / 1000) * 1000) / 60_000);
}

/** An instant as a `datetime-local` value on the wall clock of `zone` (a schedule's, not the browser's). */
export function toZonedInput(iso: string, zone: string): string {
  const t = new Date(iso).getTime();
  return new Date(t + zoneOffsetMinutes(t, zone) * 60_000).toISOString().slice(0, 16);
}

/** A `datetime-local` value read on the wall clock of `zone`, as an instant (a time in a spring-forward gap is read with the summer offset, an hour early; a fold's at its first occurrence). */
export function fromZonedInput(value: string, zone: string): string {
  const wall = new Date(`${value}:00Z`).getTime();
  const first = wall - zoneOffsetMinutes(wall, zone) * 60_000;
  return new Date(wall - zoneOffsetMinutes(first, zone) * 60_000).toISOString();
}

/** The calendar year in Korea now: hospitals' yearly reports follow it (spec/statistics.md). */
export function koreanYear(now = new Date()): number {
  return Number(new Intl.DateTimeFormat('en', { timeZone: 'Asia/Seoul', year: 'numeric' }).format(now));
}
