import { Injectable } from '@nestjs/common';
import { JobHandler, JOBS } from '@medjourney/platform';
import { OverstaysService } from '../services/overstays.service.js';

/** Nightly (a job scheduler in the worker): visa expiry and overstay detection. */
@Injectable()
export class JourneyNightlyProcessor {
  constructor(private readonly overstays: OverstaysService) {}

  @JobHandler(JOBS.journeyNightly)
  run() {
    return this.overstays.runNightly();
  }
}
