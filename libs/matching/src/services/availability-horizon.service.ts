import { Injectable, Logger } from '@nestjs/common';
import { Clock } from '@medjourney/platform';
import { DataSource, type EntityManager } from 'typeorm';
import type { AvailabilityException, WeeklyHours } from '../domain/availability.js';
import { AVAILABILITY_HORIZON_DAYS, DAY_MS, writeAvailability } from './availability-instants.js';

/** Providers extended per transaction, and transactions per run (the rest waits for the next run). */
const PAGE = 100;
const PAGES_PER_RUN = 50;

interface DueProvider {
  id: string;
  timezone: string;
  weekly: WeeklyHours[];
  exceptions: AvailabilityException[];
}

/**
 * Keeps every active provider's availability instants AVAILABILITY_HORIZON_DAYS ahead (the
 * worker runs it hourly): a provider whose instants reach less than a day short of that is
 * extended from its last range on, which joins the range the old horizon cut. Providers
 * someone else holds (an availability save, a booking, another worker) are skipped until the
 * next run; running it again changes nothing. Each run also folds the matcher's count deltas
 * (match_compact, docs/matching.md).
 */
@Injectable()
export class AvailabilityHorizonService {
  private readonly logger = new Logger('AvailabilityHorizon');

  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
  ) {}

  /** Returns how many providers were extended. */
  async extend(maxPages = PAGES_PER_RUN): Promise<number> {
    let count = 0;
    for (let page = 0; page < maxPages; page++) {
      const extended = await this.db.transaction((m) => this.extendPage(m));
      count += extended;
      if (extended < PAGE) break;
    }
    if (count) this.logger.log({ providers: count }, 'extended availability horizons');
    // The matcher's counts are delta rows (a writer never waits on another's counter): fold them.
    await this.db.query('SELECT match_compact()');
    return count;
  }

  private async extendPage(m: EntityManager): Promise<number> {
    const now = this.clock.now().getTime();
    const until = new Date(now + AVAILABILITY_HORIZON_DAYS * DAY_MS);
    const pastBefore = new Date(now - DAY_MS);
    const due: DueProvider[] = await m.query(
      `SELECT id, timezone, weekly, exceptions FROM care_providers
        WHERE active AND availability_until < $1
        ORDER BY availability_until, id LIMIT $2
        FOR NO KEY UPDATE SKIP LOCKED`,
      [new Date(until.getTime() - DAY_MS), PAGE],
    );
    if (due.length === 0) return 0;
    // Read under the locks, so that no availability save slips in between.
    const last: { provider_id: string; start: Date }[] = await m.query(
      `SELECT DISTINCT ON (provider_id) provider_id, lower(during) AS start FROM care_provider_availability
        WHERE provider_id = ANY($1::uuid[]) ORDER BY provider_id, lower(during) DESC`,
      [due.map((p) => p.id)],
    );
    const lastStart = new Map(last.map((l) => [l.provider_id, l.start.getTime()]));
    await writeAvailability(
      m,
      due.map((p) => ({
        providerId: p.id,
        availability: { timezone: p.timezone, weekly: p.weekly, exceptions: p.exceptions },
        from: new Date(Math.max(lastStart.get(p.id) ?? 0, pastBefore.getTime())),
        until,
      })),
      pastBefore,
    );
    return due.length;
  }
}
