export const QUEUE_NAMES = ['notifications', 'maintenance'];
function job(key) {
    const [queue, name] = key.split('/');
    return { key, queue, name };
}
export const JOBS = {
    email: job('notifications/email'),
    purgeExpired: job('maintenance/purge-expired'),
};
export const ALL_JOBS = Object.values(JOBS);
export const DEFAULT_JOB_OPTIONS = {
    attempts: 5,
    backoff: { type: 'exponential', delay: 1000 },
    removeOnComplete: { age: 24 * 3600, count: 10_000 },
    removeOnFail: { age: 7 * 24 * 3600, count: 10_000 },
};
export function jobId(...parts) {
    return parts.map((p) => String(p).replace(/:/g, '_')).join(':');
}
//# sourceMappingURL=queue-registry.js.map