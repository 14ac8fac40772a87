import { Injectable } from '@nestjs/common';
import { JobHandler, JOBS } from '@medjourney/platform';
import { OverstaysService } from '../services/overstays.service.js';
import { TimelineService } from '../services/timeline.service.js';

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

  /** Fills in the timeline of applications older than the module (declared at every worker start; once done, a no-op). */
  @JobHandler(JOBS.journeyBackfill)
  async backfill(): Promise<{ applications: number }> {
    return { applications: await this.timeline.backfill() };
  }
}
