import { Injectable } from '@nestjs/common';
import { DelayedError } from 'bullmq';
import { JobHandler, type JobOf } from '../queue/job-handler.decorator.js';
import { JOBS } from '../queue/queue-registry.js';
import { TimersService } from './timers.service.js';

/** The timers' jobs; only the worker provides this. */
@Injectable()
export class TimersProcessor {
  constructor(private readonly timers: TimersService) {}

  /** A job that came early (clock skew, a moved timer's job) goes back to the queue until the instant. */
  @JobHandler(JOBS.timerDue)
  async due(job: JobOf<'timers/due'>): Promise<{ fired: boolean }> {
    const { fired, earlyByMs } = await this.timers.fire(job.data.key, job.data.arming);
    if (earlyByMs) {
      await job.moveToDelayed(Date.now() + earlyByMs, job.token);
      throw new DelayedError();
    }
    return { fired };
  }

  @JobHandler(JOBS.timersReconcile)
  reconcile(): Promise<{ fired: number; timers: number }> {
    return this.timers.reconcile();
  }
}
