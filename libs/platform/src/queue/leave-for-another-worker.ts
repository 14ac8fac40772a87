/**
 * Thrown by a handler that this process cannot run now: a job or subscriber of another version,
 * met during a rolling deploy, or a delivery another job holds at this moment. The worker host
 * puts the job back, delayed, without counting an attempt, for a worker (or a moment) that can.
 */
export class LeaveForAnotherWorker extends Error {
  constructor(
    message: string,
    readonly delayMs = LEAVE_FOR_ANOTHER_WORKER_DELAY_MS,
  ) {
    super(message);
  }
}

/** How long such a job waits before a worker looks at it again. */
export const LEAVE_FOR_ANOTHER_WORKER_DELAY_MS = 5000;
