import { Redis, type RedisOptions } from 'ioredis';

/**
 * A Redis connection for BullMQ: `maxRetriesPerRequest: null` is required by its workers,
 * and a capped retry strategy keeps a dead Redis from hanging start-up or shutdown.
 */
export function createRedis(url: string, extra: RedisOptions = {}): Redis {
  return new Redis(url, {
    maxRetriesPerRequest: null,
    enableReadyCheck: true,
    retryStrategy: (times) => Math.min(times * 200, 2000),
    ...extra,
  });
}

/** QUIT when connected; otherwise drop the socket at once (a QUIT would wait for a Redis that is gone). */
export async function closeRedis(redis: Redis): Promise<void> {
  if (redis.status !== 'ready') {
    redis.disconnect();
    return;
  }
  await Promise.race([redis.quit().catch(() => undefined), new Promise((r) => setTimeout(r, 1000).unref())]);
  redis.disconnect();
}
