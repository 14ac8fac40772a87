import { Injectable } from '@nestjs/common';
import { JobHandler, JOBS } from '@medjourney/platform';
import { AvailabilityHorizonService } from '../services/availability-horizon.service.js';

/** Hourly (a job scheduler in the worker): availability instants never run out. */
@Injectable()
export class AvailabilityHorizonProcessor {
  constructor(private readonly horizon: AvailabilityHorizonService) {}

  @JobHandler(JOBS.availabilityHorizon)
  async run(): Promise<{ providers: number }> {
    return { providers: await this.horizon.extend() };
  }
}
