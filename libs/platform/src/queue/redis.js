import { Redis } from 'ioredis';
export function createRedis(url, extra = {}) {
    return new Redis(url, {
        maxRetriesPerRequest: null,
        enableReadyCheck: true,
        retryStrategy: (times) => Math.min(times * 200, 2000),
        ...extra,
    });
}
//# sourceMappingURL=redis.js.map