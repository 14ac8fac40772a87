import { Injectable } from '@nestjs/common';
import { JobHandler, JOBS, type JobOf } from '@medjourney/platform';
import { SlaClockService } from '@medjourney/sla';

/** The SLA jobs (its stages are durable timers of the platform): each re-reads PostgreSQL and does nothing when the state has moved on. */
@Injectable()
export class SlaProcessor {
  constructor(
    private readonly clock: SlaClockService,
  ) {}

  @JobHandler(JOBS.slaAssign)
  async assign(job: JobOf<'sla/assign'>): Promise<{ officerId: string | null }> {
    return { officerId: await this.clock.assign(job.data.applicationId) };
  }
}
