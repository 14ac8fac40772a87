import { createHash } from 'node:crypto';
export const GENESIS_HASH = '0'.repeat(64);
export function canonicalJson(value) {
    if (value === null || value === undefined)
        return 'null';
    if (Array.isArray(value))
        return `[${value.map(canonicalJson).join(',')}]`;
    if (value instanceof Date)
        return JSON.stringify(value.toISOString());
    if (typeof value === 'object') {
        const entries = Object.entries(value)
            .filter(([, v]) => v !== undefined)
            .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
        return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
    }
    return JSON.stringify(value);
}
export function auditHash(r) {
    const content = canonicalJson({
        seq: String(r.seq),
        occurredAt: new Date(r.occurredAt).toISOString(),
        actorId: r.actorId,
        actorRole: r.actorRole,
        action: r.action,
        entityType: r.entityType,
        entityId: r.entityId,
        before: r.before ?? null,
        after: r.after ?? null,
        requestId: r.requestId,
        ip: r.ip,
    });
    return createHash('sha256').update(r.prevHash).update('\n').update(content).digest('hex');
}
//# sourceMappingURL=audit-hash.js.map