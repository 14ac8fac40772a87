import { Injectable } from '@nestjs/common';
import { JobHandler, JOBS, type JobOf } from '@medjourney/platform';
import { SlaAssignment } from '../services/sla-assignment.service.js';

/** The SLA's job (its stages are durable timers of the platform): re-reads PostgreSQL and does nothing when the state has moved on. */
@Injectable()
export class SlaAssignProcessor {
  constructor(private readonly assignment: SlaAssignment) {}

  @JobHandler(JOBS.slaAssign)
  async assign(job: JobOf<'sla/assign'>): Promise<{ officerId: string | null }> {
    return { officerId: await this.assignment.assign(job.data.applicationId) };
  }
}
