import { Injectable } from '@nestjs/common';
import { DelayedError } from 'bullmq';
import { JobHandler, type JobOf } from '../queue/job-handler.decorator.js';
import { JOBS } from '../queue/queue-registry.js';
import { TimersService } from './timers.service.js';

/** How long a job whose timer another transaction holds waits before it looks again. */
const HELD_RETRY_MS = 1000;

/** The timers' jobs; only the worker provides this. */
@Injectable()
export class TimersProcessor {
  constructor(private readonly timers: TimersService) {}

  /**
   * A job that came early (clock skew, a moved timer's job) goes back to the queue until the
   * instant; one whose timer another transaction is firing looks again a second later (it finds
   * the timer gone then, or fires it should that transaction have failed).
   */
  @JobHandler(JOBS.timerDue)
  async due(job: JobOf<'timers/due'>): Promise<{ fired: boolean }> {
    const { fired, earlyByMs, heldByAnother } = await this.timers.fire(job.data.key, job.data.arming);
    if (earlyByMs || heldByAnother) {
      await job.moveToDelayed(Date.now() + (earlyByMs ?? HELD_RETRY_MS), job.token);
      throw new DelayedError();
    }
    return { fired };
  }

  @JobHandler(JOBS.timersReconcile)
  reconcile(): Promise<{ fired: number; timers: number }> {
    return this.timers.reconcile();
  }
}
