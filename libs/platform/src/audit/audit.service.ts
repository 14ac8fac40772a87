import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { Clock } from '../clock/clock.js';
import { RequestContext, type Actor } from '../http/request-context.js';
import { paginate, type Page, type PageQuery } from '../pagination/pagination.js';
import { auditHash, GENESIS_HASH } from './audit-hash.js';
import { AuditRecord } from './audit-record.entity.js';
import { maskPersonalData } from './mask.js';

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId?: string | null;
  before?: object | null;
  after?: object | null;
  /** Defaults to the caller of the current request; pass null for the system itself. */
  actor?: Pick<Actor, 'userId' | 'role'> | null;
}

export interface AuditVerification {
  valid: boolean;
  checked: number;
  firstInvalidSeq: string | null;
  reason: string | null;
}

/** Serialises writers of the chain for the length of their transaction. */
const AUDIT_CHAIN_LOCK = 7_362_001;
const VERIFY_BATCH = 1000;

/** The one audit writer: call it inside the transaction of the change it records. */
@Injectable()
export class AuditService {
  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
  ) {}

  async record(manager: EntityManager, entry: AuditEntry): Promise<void> {
    await this.recordMany(manager, [entry]);
  }

  /** Several records, chained in order, with one turn of the chain's lock and one insert. */
  async recordMany(manager: EntityManager, entries: readonly AuditEntry[]): Promise<void> {
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error('AuditService.record must run inside the transaction of the change');
    }
    if (entries.length === 0) return;
    const ctx = RequestContext.current();
    await manager.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_CHAIN_LOCK]);
    const [last] = await manager.query('SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1');
    const seqs: string[] = (
      await manager.query(`SELECT nextval(pg_get_serial_sequence('audit_log', 'seq'))::text AS seq FROM generate_series(1, $1)`, [entries.length])
    ).map((r: { seq: string }) => r.seq).sort((a: string, b: string) => (BigInt(a) < BigInt(b) ? -1 : 1));
    let prevHash: string = last?.hash ?? GENESIS_HASH;
    const rows = entries.map((entry, i) => {
      const actor = entry.actor === undefined ? ctx?.actor : entry.actor;
      const record = {
        seq: seqs[i],
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
        prevHash,
      };
      const hash = auditHash(record);
      prevHash = hash;
      return { ...record, hash };
    });
    const column = <K extends keyof (typeof rows)[number]>(k: K) => rows.map((r) => r[k]);
    await manager.query(
      `INSERT INTO audit_log (seq, occurred_at, actor_id, actor_role, action, entity_type, entity_id, before, after, request_id, ip, prev_hash, hash)
       SELECT seq, occurred_at, actor_id, actor_role, action, entity_type, entity_id, before::jsonb, after::jsonb, request_id, ip, prev_hash, hash
         FROM unnest($1::bigint[], $2::timestamptz[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[])
           AS u(seq, occurred_at, actor_id, actor_role, action, entity_type, entity_id, before, after, request_id, ip, prev_hash, hash)
        ORDER BY seq`,
      [
        column('seq'), column('occurredAt'), column('actorId'), column('actorRole'), column('action'), column('entityType'), column('entityId'),
        rows.map((r) => r.before && JSON.stringify(r.before)), rows.map((r) => r.after && JSON.stringify(r.after)),
        column('requestId'), column('ip'), column('prevHash'), column('hash'),
      ],
    );
  }

  async list(filter: { entityType?: string; entityId?: string; entityTypes?: readonly string[] }, page: PageQuery): Promise<Page<AuditRecord>> {
    const qb = this.db.getRepository(AuditRecord).createQueryBuilder('a');
    if (filter.entityType) qb.andWhere('a.entity_type = :entityType', { entityType: filter.entityType });
    if (filter.entityId) qb.andWhere('a.entity_id = :entityId', { entityId: filter.entityId });
    if (filter.entityTypes) qb.andWhere('a.entity_type = ANY(:entityTypes)', { entityTypes: filter.entityTypes });
    return paginate(qb, [{ expr: 'a.seq', direction: 'DESC', value: (r) => r.seq, cast: 'bigint' }], page);
  }

  /** Recomputes the whole chain: a removed, inserted or altered record breaks it. */
  async verify(): Promise<AuditVerification> {
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
        if (r.prevHash !== prevHash) return { valid: false, checked, firstInvalidSeq: r.seq, reason: 'the chain is broken before this record (a record was removed or reordered)' };
        if (auditHash(r) !== r.hash) return { valid: false, checked, firstInvalidSeq: r.seq, reason: 'this record was altered' };
        prevHash = r.hash;
        checked++;
      }
      if (rows.length < VERIFY_BATCH) return { valid: true, checked, firstInvalidSeq: null, reason: null };
      after = rows[rows.length - 1].seq;
    }
  }
}

/** Plain JSON as it will come back from jsonb, so the hash computed now matches the stored one. */
function toJson(value: object): Record<string, unknown> {
  return JSON.parse(JSON.stringify(value));
}
