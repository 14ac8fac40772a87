import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, Clock, DomainError, type AppConfig } from '@medjourney/platform';
import type { EntityManager } from 'typeorm';
import { weekOf } from '../domain/availability.js';
import { beyondBookingHorizon } from '../domain/booking-horizon.js';
import { MatchingErrors } from '../matching.errors.js';

export interface BookingRequest {
  providerId: string;
  start: Date;
  end: Date;
  /** Who holds the time: a care assignment, or (later) a telemedicine appointment. */
  source: 'care_assignment' | 'telemedicine';
  sourceId: string;
}

/** PostgreSQL's exclusion_violation: the exclusion constraint refused an overlapping live booking. */
const EXCLUSION_VIOLATION = '23P01';

let savepoints = 0;

/**
 * Matching's door for holding a provider's time, in the caller's transaction: care assignments
 * book through it, and telemedicine will book interpreters through it. The database decides
 * overlaps (provider_bookings_no_overlap), so of two concurrent bookings only one can commit.
 */
@Injectable()
export class BookingsService {
  constructor(
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Books [start, end) for the provider, or throws 409 PROVIDER_UNAVAILABLE, 422
   * BEYOND_BOOKING_HORIZON, OUTSIDE_AVAILABILITY, OVER_WEEKLY_HOURS or PROVIDER_NOT_ACTIVE, 404 for no provider. A
   * refusal leaves the caller's transaction usable (the insert runs under a savepoint).
   */
  async book(m: EntityManager, b: BookingRequest): Promise<string> {
    if (!m.queryRunner?.isTransactionActive) throw new Error('BookingsService.book must run inside the caller\'s transaction');
    if (!(b.end.getTime() > b.start.getTime())) throw MatchingErrors.invalidWindow();
    const beyond = beyondBookingHorizon(b.end, this.clock.now(), this.config.bookingHorizon);
    if (beyond) throw MatchingErrors.beyondBookingHorizon(beyond.lastBookableDay);
    // One booking of a provider at a time, so that the weekly total is read after the last one
    // committed. NO KEY: foreign-key checks of rows that name the provider do not wait on it.
    const [provider]: { active: boolean; max_hours_per_week: number; timezone: string }[] = await m.query(
      'SELECT active, max_hours_per_week, timezone FROM care_providers WHERE id = $1 FOR NO KEY UPDATE',
      [b.providerId],
    );
    if (!provider) throw DomainError.notFound('care provider');
    if (!provider.active) throw MatchingErrors.providerInactive();
    const open = await m.query(
      `SELECT 1 FROM (SELECT during FROM care_provider_availability WHERE provider_id = $1 AND lower(during) <= $2 ORDER BY lower(during) DESC LIMIT 1) a
        WHERE a.during @> tstzrange($2, $3, '[)')`,
      [b.providerId, b.start, b.end],
    );
    if (open.length === 0) throw MatchingErrors.outsideAvailability();

    const savepoint = `booking_${++savepoints}`;
    await m.query(`SAVEPOINT ${savepoint}`);
    let id: string;
    try {
      [{ id }] = await m.query(
        `INSERT INTO provider_bookings (provider_id, during, source, source_id) VALUES ($1, tstzrange($2, $3, '[)'), $4, $5) RETURNING id`,
        [b.providerId, b.start, b.end, b.source, b.sourceId],
      );
    } catch (e) {
      await m.query(`ROLLBACK TO SAVEPOINT ${savepoint}`);
      if ((e as { driverError?: { code?: string } }).driverError?.code === EXCLUSION_VIOLATION) throw MatchingErrors.providerUnavailable();
      throw e;
    }
    const week = weekOf(b.start, provider.timezone);
    const total = await this.hoursStartingIn(m, b.providerId, new Date(week.start), new Date(week.end));
    if (total > provider.max_hours_per_week) {
      await m.query(`ROLLBACK TO SAVEPOINT ${savepoint}`);
      const requested = (b.end.getTime() - b.start.getTime()) / 3_600_000;
      throw MatchingErrors.overWeeklyHours(round(total - requested), round(requested), provider.max_hours_per_week);
    }
    await m.query(`RELEASE SAVEPOINT ${savepoint}`);
    return id;
  }

  /**
   * Locks these providers' rows as a booking does (`FOR NO KEY UPDATE`), in id order, in one
   * statement. A transaction that may change the bookings of several providers (free one's time,
   * then book whichever of a ranking can hold the window) calls it first with all of them: a
   * provider's booking steps then wait on its `match_providers` row only while holding its
   * `care_providers` row, so two such transactions whose providers cross queue on the first
   * provider they share instead of each holding what the other needs (docs/matching.md).
   */
  async lockProviders(m: EntityManager, providerIds: readonly string[]): Promise<void> {
    if (providerIds.length === 0) return;
    await m.query('SELECT 1 FROM care_providers WHERE id = ANY($1::uuid[]) ORDER BY id FOR NO KEY UPDATE', [providerIds]);
  }

  /**
   * Frees the time a source held (a declined, expired or cancelled assignment, a rescheduled
   * interpreter). The provider's row first, as for a booking, so that a release never holds the
   * `match_providers` row that a booking holding the provider's row waits for.
   */
  async release(m: EntityManager, source: BookingRequest['source'], sourceId: string): Promise<void> {
    await m.query(
      'SELECT 1 FROM care_providers WHERE id IN (SELECT provider_id FROM provider_bookings WHERE source = $1 AND source_id = $2 AND live) ORDER BY id FOR NO KEY UPDATE',
      [source, sourceId],
    );
    await m.query('UPDATE provider_bookings SET live = false WHERE source = $1 AND source_id = $2 AND live', [source, sourceId]);
  }

  /** Hours of the provider's live bookings that start in [from, to): a booking counts in the week it starts. */
  async hoursStartingIn(m: EntityManager, providerId: string, from: Date, to: Date): Promise<number> {
    const [{ hours }]: { hours: number }[] = await m.query(
      `SELECT COALESCE(sum(extract(epoch FROM upper(during) - lower(during))), 0)::float8 / 3600 AS hours
         FROM provider_bookings WHERE provider_id = $1 AND live AND lower(during) >= $2 AND lower(during) < $3`,
      [providerId, from, to],
    );
    return hours;
  }
}

const round = (h: number) => Math.round(h * 100) / 100;
