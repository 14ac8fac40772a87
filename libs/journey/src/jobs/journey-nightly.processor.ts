import { Injectable } from '@nestjs/common';
import { JobHandler, JOBS } from '@medjourney/platform';
import { OverstaysService } from '../services/overstays.service.js';
import { TimelineService } from '../services/timeline.service.js';

/** Pages of 200 applications one backfill run fills in. */
const BACKFILL_PAGES_PER_RUN = 5;

/** Nightly (a job scheduler in the worker): visa expiry and overstay detection. */
@Injectable()
export class JourneyNightlyProcessor {
  constructor(
    private readonly overstays: OverstaysService,
    private readonly timeline: TimelineService,
  ) {}

  @JobHandler(JOBS.journeyNightly)
  run() {
    return this.overstays.runNightly();
  }

  /**
   * Fills in the timeline of applications older than the module (declared at every worker start;
   * once done, a no-op). A few pages per run, so that a worker stopping waits for one short run
   * and the rest goes on at the next period.
   */
  @JobHandler(JOBS.journeyBackfill)
  async backfill(): Promise<{ applications: number }> {
    return { applications: await this.timeline.backfill(BACKFILL_PAGES_PER_RUN) };
  }
}
