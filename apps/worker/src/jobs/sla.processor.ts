import { Injectable } from '@nestjs/common';
import { JobHandler, JOBS, type JobOf } from '@medjourney/platform';
import { SlaClockService } from '@medjourney/sla';
import { ApplicationWorkflowService } from '@medjourney/visas';

/** The SLA jobs: each re-reads PostgreSQL and does nothing when the state has moved on. */
@Injectable()
export class SlaProcessor {
  constructor(
    private readonly clock: SlaClockService,
    private readonly workflow: ApplicationWorkflowService,
  ) {}

  @JobHandler(JOBS.slaStageDue)
  async stageDue(job: JobOf<'sla/stage-due'>): Promise<{ fired: boolean }> {
    return { fired: await this.clock.fire(job.data.applicationId, job.data.stage, job.data.cycle) };
  }

  @JobHandler(JOBS.supplementLapse)
  async lapse(job: JobOf<'visas/supplement-lapse'>): Promise<{ lapsed: boolean }> {
    return { lapsed: await this.workflow.lapse(job.data.applicationId, job.data.requestedAt) };
  }

  @JobHandler(JOBS.lapseSweep)
  async lapseSweep(): Promise<{ lapsed: number }> {
    return { lapsed: await this.workflow.lapseOverdue() };
  }

  @JobHandler(JOBS.slaReconcile)
  reconcile() {
    return this.clock.reconcile();
  }

  @JobHandler(JOBS.slaAssign)
  async assign(job: JobOf<'sla/assign'>): Promise<{ officerId: string | null }> {
    return { officerId: await this.clock.assign(job.data.applicationId) };
  }
}
