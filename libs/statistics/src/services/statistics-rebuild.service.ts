import { Injectable } from '@nestjs/common';
import { DomainEventLog } from '@medjourney/platform';
import { DataSource } from 'typeorm';
import { FIGURE_EVENTS, FiguresProjector } from './figures-projector.js';
import { RollupsRepository } from './rollups.repository.js';

const PAGE = 1000;

/**
 * Recomputes the rollups from the stored domain events, through the subscriber's own
 * `applyAll`, a page of events at a time (their increments summed per page), in one
 * transaction: readers see the old figures until it commits; deliveries arriving
 * meanwhile wait for it and then find their event applied or apply it after.
 */
@Injectable()
export class StatisticsRebuild {
  constructor(
    private readonly db: DataSource,
    private readonly log: DomainEventLog,
    private readonly repo: RollupsRepository,
    private readonly projector: FiguresProjector,
  ) {}

  async rebuild(): Promise<{ events: number }> {
    return this.db.transaction(async (m) => {
      await this.repo.lockForRebuild(m);
      await this.repo.clear(m);
      let events = 0;
      let after = '0';
      for (;;) {
        const page = await this.log.page(m, FIGURE_EVENTS, after, PAGE);
        await this.projector.applyAll(page.map((p) => p.event), m);
        events += page.length;
        if (page.length < PAGE) return { events };
        after = page[page.length - 1].seq;
      }
    });
  }
}
