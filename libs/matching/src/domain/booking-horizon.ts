import { DateTime, Duration } from 'luxon';

/** Care happens in Korea: the horizon's days are Korean days. */
const ZONE = 'Asia/Seoul';

/** The last day a provider can be booked on: the Korean date of now + the horizon (spec/matching.md). */
export function lastBookableDay(now: Date, horizon: string): string {
  return DateTime.fromJSDate(now, { zone: ZONE }).plus(Duration.fromISO(horizon)).toISODate()!;
}

/**
 * Whether a window ending at `end` runs past the last bookable day, which it may fill to its
 * end (the Korean midnight after it); null when it does not. Bookings and matches refuse such a
 * window by name (BEYOND_BOOKING_HORIZON) instead of finding no availability there.
 */
export function beyondBookingHorizon(end: Date, now: Date, horizon: string): { lastBookableDay: string } | null {
  const last = lastBookableDay(now, horizon);
  const limit = DateTime.fromISO(last, { zone: ZONE }).plus({ days: 1 }).toMillis();
  return end.getTime() > limit ? { lastBookableDay: last } : null;
}
