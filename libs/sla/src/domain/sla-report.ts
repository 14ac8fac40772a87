import { DateTime } from 'luxon';
import { targetSeconds } from './sla-calendar.js';

/** Weeks are Korean weeks: the target counts Korean business days, and the officers work in Seoul. */
const ZONE = 'Asia/Seoul';

/** The longest window a chart report covers: a year of weeks, and a bounded amount of work. */
export const MAX_REPORT_DAYS = 366;

/** A decided application as the charts see it. */
export interface DecidedFigures {
  decidedAt: Date;
  /** Time that counted toward the target, from submission to decision. */
  countedSeconds: number;
  /** Decided within its target (the `sla` block's state `met`). */
  met: boolean;
}

export interface WeekFigures {
  /** The Monday that starts the week, in Korean time (YYYY-MM-DD). */
  week: string;
  /** The part of the week inside the window. */
  from: string;
  to: string;
  decided: number;
  onTime: number;
  /** onTime / decided; null for a week without decisions. */
  onTimeShare: number | null;
}

/** Why a window is refused, or null when it is a valid one. Pure. */
export function windowProblem(from: Date, to: Date): string | null {
  if (to.getTime() <= from.getTime()) return '`to` must be later than `from`';
  if (to.getTime() - from.getTime() > MAX_REPORT_DAYS * 86_400_000) return `a window spans at most ${MAX_REPORT_DAYS} days`;
  return null;
}

/**
 * The share decided on time in each Korean week (Monday 00:00 KST) that overlaps [from, to),
 * counting the applications decided inside the window; weeks without decisions are listed too,
 * so a chart shows the gap. Pure.
 */
export function weeklyOnTime(decided: readonly DecidedFigures[], from: Date, to: Date): WeekFigures[] {
  const weeks: WeekFigures[] = [];
  for (let start = DateTime.fromJSDate(from, { zone: ZONE }).startOf('week'); start.toMillis() < to.getTime(); start = start.plus({ weeks: 1 })) {
    const lo = Math.max(start.toMillis(), from.getTime());
    const hi = Math.min(start.plus({ weeks: 1 }).toMillis(), to.getTime());
    const inWeek = decided.filter((d) => d.decidedAt.getTime() >= lo && d.decidedAt.getTime() < hi);
    const onTime = inWeek.filter((d) => d.met).length;
    weeks.push({
      week: start.toISODate()!,
      from: new Date(lo).toISOString(),
      to: new Date(hi).toISOString(),
      decided: inWeek.length,
      onTime,
      onTimeShare: inWeek.length ? Math.round((onTime / inWeek.length) * 10_000) / 10_000 : null,
    });
  }
  return weeks;
}

export interface HistogramBucket {
  /** Counted hours, from (inclusive) … */
  fromHours: number;
  /** … to (exclusive); null for the last bucket, everything at or over the target. */
  toHours: number | null;
  count: number;
}

/**
 * Processing times (counted hours) in `parts` equal buckets up to the target, then one bucket for
 * everything that reached it: a supervisor sees at a glance how much of the target decisions
 * use and how many overran it. Pure.
 */
export function processingHistogram(countedSeconds: readonly number[], target: string, parts = 6): HistogramBucket[] {
  const total = targetSeconds(target);
  const width = total / parts;
  const buckets: HistogramBucket[] = Array.from({ length: parts }, (_, i) => ({ fromHours: hours(i * width), toHours: hours((i + 1) * width), count: 0 }));
  buckets.push({ fromHours: hours(total), toHours: null, count: 0 });
  for (const s of countedSeconds) buckets[s >= total ? parts : Math.min(parts - 1, Math.floor(s / width))].count++;
  return buckets;
}

/** Seconds as hours, to the nearest second's worth (targets of a few seconds stay exact enough). */
const hours = (seconds: number) => Math.round((seconds / 3600) * 1e6) / 1e6;
