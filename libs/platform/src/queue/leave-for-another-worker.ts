/**
 * Thrown by a handler that this process cannot run (a job or subscriber of another version,
 * met during a rolling deploy). The worker host puts the job back, delayed, without counting
 * an attempt, for a worker that knows it.
 */
export class LeaveForAnotherWorker extends Error {}

/** How long such a job waits before a worker looks at it again. */
export const LEAVE_FOR_ANOTHER_WORKER_DELAY_MS = 5000;
