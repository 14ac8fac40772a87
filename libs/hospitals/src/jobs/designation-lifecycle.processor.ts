import { Injectable } from '@nestjs/common';
import { DesignationsService } from '../services/designations.service.js';
import { JobHandler, JOBS } from '@medjourney/platform';

/** Hourly: ends suspensions, expires designations at year end, sends the 60- and 30-day reminders. */
@Injectable()
export class DesignationLifecycleProcessor {
  constructor(private readonly designations: DesignationsService) {}

  @JobHandler(JOBS.designationLifecycle)
  run() {
    return this.designations.runLifecycle();
  }
}
