/**
 * How long a process waits for Redis to take the jobs of a transaction it just committed before it
 * hands them to the relay (ioredis queues commands while Redis is down, so an add may never answer).
 */
export const AFTER_COMMIT_ADD_TIMEOUT_MS = 2000;

/** The promise's answer, or a rejection once Redis has not answered within `ms`; the timer never outlives the race. */
export async function redisAnswerWithin<T>(answer: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      answer,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`Redis did not answer within ${ms} ms`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
