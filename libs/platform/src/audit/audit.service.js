var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '../clock/clock.js';
import { RequestContext } from '../http/request-context.js';
import { paginate } from '../pagination/pagination.js';
import { auditHash, GENESIS_HASH } from './audit-hash.js';
import { AuditRecord } from './audit-record.entity.js';
import { maskPersonalData } from './mask.js';
const AUDIT_CHAIN_LOCK = 7_362_001;
const VERIFY_BATCH = 1000;
let AuditService = class AuditService {
    db;
    clock;
    constructor(db, clock) {
        this.db = db;
        this.clock = clock;
    }
    async record(manager, entry) {
        if (!manager.queryRunner?.isTransactionActive) {
            throw new Error('AuditService.record must run inside the transaction of the change');
        }
        const ctx = RequestContext.current();
        const actor = entry.actor === undefined ? ctx?.actor : entry.actor;
        await manager.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_CHAIN_LOCK]);
        const [last] = await manager.query('SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1');
        const [{ seq }] = await manager.query(`SELECT nextval(pg_get_serial_sequence('audit_log', 'seq'))::text AS seq`);
        const record = {
            seq,
            occurredAt: this.clock.now(),
            actorId: actor?.userId ?? null,
            actorRole: actor?.role ?? null,
            action: entry.action,
            entityType: entry.entityType,
            entityId: entry.entityId ?? null,
            before: entry.before ? maskPersonalData(toJson(entry.before)) : null,
            after: entry.after ? maskPersonalData(toJson(entry.after)) : null,
            requestId: ctx?.requestId ?? null,
            ip: ctx?.ip ?? null,
            prevHash: last?.hash ?? GENESIS_HASH,
        };
        await manager.query(`INSERT INTO audit_log (seq, occurred_at, actor_id, actor_role, action, entity_type, entity_id, before, after, request_id, ip, prev_hash, hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`, [
            record.seq, record.occurredAt, record.actorId, record.actorRole, record.action, record.entityType, record.entityId,
            record.before && JSON.stringify(record.before), record.after && JSON.stringify(record.after),
            record.requestId, record.ip, record.prevHash, auditHash(record),
        ]);
    }
    async list(filter, page) {
        const qb = this.db.getRepository(AuditRecord).createQueryBuilder('a');
        if (filter.entityType)
            qb.andWhere('a.entity_type = :entityType', { entityType: filter.entityType });
        if (filter.entityId)
            qb.andWhere('a.entity_id = :entityId', { entityId: filter.entityId });
        if (filter.entityTypes)
            qb.andWhere('a.entity_type = ANY(:entityTypes)', { entityTypes: filter.entityTypes });
        return paginate(qb, [{ expr: 'a.seq', direction: 'DESC', value: (r) => r.seq, cast: 'bigint' }], page);
    }
    async verify() {
        let prevHash = GENESIS_HASH;
        let after = '0';
        let checked = 0;
        for (;;) {
            const rows = await this.db
                .getRepository(AuditRecord)
                .createQueryBuilder('a')
                .where('a.seq > :after', { after })
                .orderBy('a.seq', 'ASC')
                .limit(VERIFY_BATCH)
                .getMany();
            for (const r of rows) {
                if (r.prevHash !== prevHash)
                    return { valid: false, checked, firstInvalidSeq: r.seq, reason: 'the chain is broken before this record (a record was removed or reordered)' };
                if (auditHash(r) !== r.hash)
                    return { valid: false, checked, firstInvalidSeq: r.seq, reason: 'this record was altered' };
                prevHash = r.hash;
                checked++;
            }
            if (rows.length < VERIFY_BATCH)
                return { valid: true, checked, firstInvalidSeq: null, reason: null };
            after = rows[rows.length - 1].seq;
        }
    }
};
AuditService = __decorate([
    Injectable(),
    __metadata("design:paramtypes", [DataSource,
        Clock])
], AuditService);
export { AuditService };
function toJson(value) {
    return JSON.parse(JSON.stringify(value));
}
//# sourceMappingURL=audit.service.js.map