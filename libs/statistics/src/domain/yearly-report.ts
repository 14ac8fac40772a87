import { DateTime } from 'luxon';
import { ZONE } from './months.js';

export const REPORT_STATUSES = ['draft', 'overdue', 'submitted'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

/** The reminders before the deadline, in days (spec/statistics.md). */
export const REMINDER_DAYS = [30, 7] as const;

export interface Reported {
  inpatients: number | null;
  outpatients: number | null;
  revenueKrw: number | null;
}

/**
 * A year's report is due by the end of February of the next year (Korean time): the deadline
 * is 1 March 00:00 in Seoul, when an unsubmitted report becomes overdue. Pure.
 */
export function deadlineOf(year: number): { overdueAt: Date; dueOn: string; reminders: { daysLeft: number; at: Date }[] } {
  const overdue = DateTime.fromObject({ year: year + 1, month: 3, day: 1 }, { zone: ZONE });
  return {
    overdueAt: overdue.toJSDate(),
    dueOn: overdue.minus({ days: 1 }).toISODate()!,
    reminders: REMINDER_DAYS.map((daysLeft) => ({ daysLeft, at: overdue.minus({ days: daysLeft }).toJSDate() })),
  };
}

/** The Korean year of an instant. Pure. */
export const yearOf = (at: Date): number => DateTime.fromJSDate(at, { zone: ZONE }).year;

/** Whether the year has begun (a report exists from its first day) and ended (it may be submitted). Pure. */
export function yearState(year: number, now: Date): 'future' | 'running' | 'ended' {
  const current = yearOf(now);
  return year > current ? 'future' : year === current ? 'running' : 'ended';
}

/** A report with every field only the hospital knows given. Pure. */
export const complete = (r: Reported): boolean => r.inpatients !== null && r.outpatients !== null && r.revenueKrw !== null;

/** What a stored report is at an instant: a draft past its deadline is overdue even before the timer runs. Pure. */
export function statusAt(stored: ReportStatus, year: number, now: Date): ReportStatus {
  return stored === 'draft' && now >= deadlineOf(year).overdueAt ? 'overdue' : stored;
}
