import * as official from '@hyunbinseo/holidays-kr/all';
import Holidays from 'date-holidays';

/**
 * Korean public holidays. The official calendar (the government's 월력요항, packaged by
 * @hyunbinseo/holidays-kr) is authoritative and includes every eve and day after of Seollal
 * and Chuseok, substitute and temporary holidays; it is published a year or two ahead. For
 * years it does not cover yet, date-holidays computes them (its lunar holidays miss some eves,
 * so it is only the fallback).
 */
const OFFICIAL: Record<string, Record<string, string[]>> = official as unknown as Record<string, Record<string, string[]>>;
const computed = new Holidays('KR');
const cache = new Map<number, Set<string>>();

function holidaysOf(year: number): Set<string> {
  let set = cache.get(year);
  if (!set) {
    const preset = OFFICIAL[`y${year}`];
    set = preset
      ? new Set(Object.keys(preset))
      : new Set(
          computed
            .getHolidays(year)
            .filter((h) => h.type === 'public')
            .flatMap((h) => daysBetween(h.date.slice(0, 10), h.end ? isoDateOf(h.end) : h.date.slice(0, 10))),
        );
    cache.set(year, set);
  }
  return set;
}

/** Whether a Korean calendar date (YYYY-MM-DD) is a public holiday. */
export function isKoreanHoliday(date: string): boolean {
  return holidaysOf(Number(date.slice(0, 4))).has(date);
}

/** Every date from `from` up to, not including, `to` (date-holidays gives exclusive ends); at least `from`. */
function daysBetween(from: string, to: string): string[] {
  const out = [from];
  for (let d = nextDay(from); d < to; d = nextDay(d)) out.push(d);
  return out;
}

function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** date-holidays gives `end` as a local date-time string or a Date in Korean time. */
function isoDateOf(end: Date | string): string {
  return typeof end === 'string' ? end.slice(0, 10) : new Date(end.getTime() + 9 * 3600_000).toISOString().slice(0, 10);
}
