import { Injectable } from '@nestjs/common';
import { DelayedError } from 'bullmq';
import { JobHandler, type JobOf } from '../queue/job-handler.decorator.js';
import { JOBS } from '../queue/queue-registry.js';
import { TimersService } from './timers.service.js';

/** How long a job whose timer's subject another transaction held waits before it looks again. */
const HELD_RETRY_MS = 1000;

/** The timers' jobs; only the worker provides this. */
@Injectable()
export class TimersProcessor {
  constructor(private readonly timers: TimersService) {}

  /**
   * A job that came early (clock skew) goes back to the queue until its instant; one that left a
   * timer armed because another transaction held its subject looks again a second later (the
   * timer is fired then, or gone if that transaction cancelled it).
   */
  @JobHandler(JOBS.timerDue)
  async due(job: JobOf<'timers/due'>): Promise<{ fired: number }> {
    // A job armed before jobs stood for instants names a key, not an instant: it fires what is due now.
    const { fired, earlyByMs, retry } = await this.timers.fireAt(new Date(job.data.at ?? 0));
    if (earlyByMs || retry) {
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
