import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { Clock } from '../clock/clock.js';
import { deferWrite } from '../database/transaction-writes.js';
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
  /** Linked records checked, from position 1 to the chain's head. */
  checked: number;
  firstInvalidSeq: string | null;
  firstInvalidPosition: string | null;
  reason: string | null;
  /** Committed records the chainer has not linked yet (not covered by this verification). */
  unlinked: { count: number; oldestSeq: string | null; oldestAgeSeconds: number | null };
}

const VERIFY_BATCH = 1000;

/**
 * The one audit writer: call it inside the transaction of the change it records. Records are
 * inserted unlinked, with no lock shared across transactions, in the one statement that writes
 * the transaction's deferred rows before its COMMIT (database/transaction-writes.ts);
 * AuditChainer links them after commit.
 */
@Injectable()
export class AuditService {
  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
  ) {}

  async record(manager: EntityManager, entry: AuditEntry): Promise<void> {
    await this.recordMany(manager, [entry]);
  }

  /** Several records, inserted in this order (of seq) when the transaction commits. */
  async recordMany(manager: EntityManager, entries: readonly AuditEntry[]): Promise<void> {
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error('AuditService.record must run inside the transaction of the change');
    }
    if (entries.length === 0) return;
    const ctx = RequestContext.current();
    const now = this.clock.now();
    for (const entry of entries) {
      const actor = entry.actor === undefined ? ctx?.actor : entry.actor;
      await deferWrite(manager, {
        audit: {
          occurredAt: now,
          actorId: actor?.userId ?? null,
          actorRole: actor?.role ?? null,
          action: entry.action,
          entityType: entry.entityType,
          entityId: entry.entityId ?? null,
          before: entry.before ? JSON.stringify(maskPersonalData(toJson(entry.before))) : null,
          after: entry.after ? JSON.stringify(maskPersonalData(toJson(entry.after))) : null,
          requestId: ctx?.requestId ?? null,
          ip: ctx?.ip ?? null,
        },
      });
    }
  }

  async list(filter: { entityType?: string; entityId?: string; entityTypes?: readonly string[] }, page: PageQuery): Promise<Page<AuditRecord>> {
    const qb = this.db.getRepository(AuditRecord).createQueryBuilder('a');
    if (filter.entityType) qb.andWhere('a.entity_type = :entityType', { entityType: filter.entityType });
    if (filter.entityId) qb.andWhere('a.entity_id = :entityId', { entityId: filter.entityId });
    if (filter.entityTypes) qb.andWhere('a.entity_type = ANY(:entityTypes)', { entityTypes: filter.entityTypes });
    return paginate(qb, [{ expr: 'a.seq', direction: 'DESC', value: (r) => r.seq, cast: 'bigint' }], page);
  }

  /**
   * Recomputes the linked chain from position 1 to the head the chainer recorded: a removed,
   * inserted, reordered or altered record breaks it, and is named. Records not linked yet are
   * counted, with the age of the oldest.
   */
  async verify(): Promise<AuditVerification> {
    const [head] = await this.db.query(`SELECT position::text AS position, hash FROM audit_chain_head`);
    const [tail] = await this.db.query(
      `SELECT count(*)::int AS count, min(seq)::text AS "oldestSeq", min(occurred_at) AS oldest FROM audit_log WHERE chain_position IS NULL`,
    );
    const unlinked = {
      count: tail.count as number,
      oldestSeq: tail.oldestSeq as string | null,
      oldestAgeSeconds: tail.oldest ? Math.max(0, (this.clock.now().getTime() - new Date(tail.oldest).getTime()) / 1000) : null,
    };
    const headPosition = BigInt(head?.position ?? 0);
    const invalid = (seq: string | null, position: bigint, reason: string, checked: number): AuditVerification => ({
      valid: false, checked, firstInvalidSeq: seq, firstInvalidPosition: String(position), reason, unlinked,
    });
    if (!head) return invalid(null, 0n, 'the chain head is missing', 0);
    let prevHash = GENESIS_HASH;
    let position = 0n;
    let checked = 0;
    for (;;) {
      const rows = await this.db
        .getRepository(AuditRecord)
        .createQueryBuilder('a')
        .where('a.chain_position > :after AND a.chain_position <= :head', { after: String(position), head: String(headPosition) })
        .orderBy('a.chain_position', 'ASC')
        .limit(VERIFY_BATCH)
        .getMany();
      for (const r of rows) {
        const expected = position + 1n;
        if (BigInt(r.chainPosition!) !== expected) return invalid(r.seq, expected, `the record at chain position ${expected} was removed (the chain resumes at this record)`, checked);
        if (r.prevHash !== prevHash) return invalid(r.seq, expected, 'the chain is broken before this record (a record was removed or reordered)', checked);
        if (auditHash({ ...r, prevHash }) !== r.hash) return invalid(r.seq, expected, 'this record was altered', checked);
        prevHash = r.hash;
        position = expected;
        checked++;
      }
      if (rows.length < VERIFY_BATCH) break;
    }
    if (position < headPosition) return invalid(null, position + 1n, `the last linked records, from chain position ${position + 1n} to ${headPosition}, were removed`, checked);
    if (prevHash !== head.hash) return invalid(null, position, 'the last linked record does not match the chain head', checked);
    return { valid: true, checked, firstInvalidSeq: null, firstInvalidPosition: null, reason: null, unlinked };
  }
}

/** Plain JSON (dates as ISO strings), as it will come back from jsonb, before masking. */
function toJson(value: object): Record<string, unknown> {
  return JSON.parse(JSON.stringify(value));
}
