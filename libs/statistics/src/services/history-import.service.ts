import { Injectable } from '@nestjs/common';
import { Clock, EventBus } from '@medjourney/platform';
import type { EntityManager } from 'typeorm';
import { demoHistory, type HistoryMonth } from '../seed/seed-figures.js';
import { FiguresProjector } from './figures-projector.js';

/**
 * Programme figures from before MedJourney held the facts, brought in as events: each month is
 * published as `statistics.history-imported` and applied at once, in the caller's transaction,
 * by the figures' subscriber (its delivery then finds it applied). Being events, they are
 * replayed by a rebuild like every other fact.
 */
@Injectable()
export class HistoryImport {
  constructor(
    private readonly events: EventBus,
    private readonly projector: FiguresProjector,
    private readonly clock: Clock,
  ) {}

  /** Imports the months; a month already imported from the same source is skipped. Returns how many were imported. */
  async import(m: EntityManager, months: readonly HistoryMonth[]): Promise<number> {
    let imported = 0;
    for (const payload of months) {
      const [id] = await this.events.publishMany(m, 'statistics.history-imported', [{ payload, dedupeKey: `statistics.history.${payload.source}.${payload.month}` }]);
      if (!id) continue;
      await this.projector.apply({ id, name: 'statistics.history-imported', payload, occurredAt: this.clock.now() }, m);
      imported++;
    }
    return imported;
  }

  /** The demo's two years of history (`demoHistory`); returns the patients it holds. */
  async importDemo(m: EntityManager, now: Date, hospitals: readonly { id: string; region: string; specialties: readonly string[] }[]): Promise<number> {
    const { months, patients } = demoHistory(now, hospitals);
    await this.import(m, months);
    return patients;
  }
}
