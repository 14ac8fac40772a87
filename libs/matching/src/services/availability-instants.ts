import { MAX_BOOKING_HORIZON_DAYS } from '@medjourney/platform';
import type { EntityManager } from 'typeorm';
import { availableIntervals, type Availability } from '../domain/availability.js';

/**
 * How far ahead weekly hours are kept as instants (care_provider_availability): past the longest
 * booking horizon by the rest of its last Korean day (at most one), the day short of this at
 * which the hourly job extends them, and the hour between its runs, rounded up to a day. So a
 * window inside BOOKING_HORIZON always meets instants, and availability alone decides it.
 */
export const AVAILABILITY_HORIZON_DAYS = MAX_BOOKING_HORIZON_DAYS + 3;
export const DAY_MS = 86_400_000;

/** One provider's instants to write: those reaching past `from` are replaced by the weekly hours' instants from `from` to `until`. */
export interface AvailabilityWrite {
  providerId: string;
  availability: Availability;
  from: Date;
  until: Date;
}

/**
 * Writes the instants matching filters on, for several providers in three statements, and
 * records each one's horizon. Every range reaching past `from` is replaced rather than kept,
 * so that a range cut at the old horizon is joined with its continuation: the matcher and the
 * booking probe only the last range to start before a window, and two touching ranges would
 * hide a window across the seam. Ranges that ended before `pastBefore` go: nothing books the past.
 */
export async function writeAvailability(m: EntityManager, writes: readonly AvailabilityWrite[], pastBefore: Date): Promise<void> {
  if (writes.length === 0) return;
  await m.query(
    `DELETE FROM care_provider_availability a USING unnest($1::uuid[], $2::timestamptz[]) AS u(id, f)
      WHERE a.provider_id = u.id AND (upper(a.during) > u.f OR upper(a.during) <= $3)`,
    [writes.map((w) => w.providerId), writes.map((w) => w.from), pastBefore],
  );
  const rows = writes.flatMap((w) => availableIntervals(w.availability, w.from, w.until).map((i) => [w.providerId, new Date(i.start), new Date(i.end)] as const));
  await m.query(
    `INSERT INTO care_provider_availability (provider_id, during)
     SELECT p, tstzrange(s, e, '[)') FROM unnest($1::uuid[], $2::timestamptz[], $3::timestamptz[]) AS u(p, s, e)`,
    [rows.map((r) => r[0]), rows.map((r) => r[1]), rows.map((r) => r[2])],
  );
  await m.query(
    `UPDATE care_providers p SET availability_until = u.until FROM unnest($1::uuid[], $2::timestamptz[]) AS u(id, until) WHERE p.id = u.id`,
    [writes.map((w) => w.providerId), writes.map((w) => w.until)],
  );
}
