import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { PollingLoop } from '../queue/polling-loop.js';
import { Clock } from '../clock/clock.js';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/config.schema.js';
import { auditHash } from './audit-hash.js';
import type { AuditRecord } from './audit-record.entity.js';

/** Held by the one chainer at work, across every process, for the length of one pass. */
const AUDIT_CHAINER_LOCK = 7_362_002;
const BATCH = 500;

interface UnlinkedRow {
  seq: string;
  occurred_at: Date;
  actor_id: string | null;
  actor_role: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  request_id: string | null;
  ip: string | null;
}

/**
 * Links committed audit records into the hash chain, after their transactions committed. One
 * chainer at a time across all processes: each pass is a transaction that holds an advisory
 * lock, so a chainer that dies (its connection gone) releases it with its uncommitted work and
 * the next pass of any worker takes over. The chainer assigns the order itself (chain_position,
 * in order of seq among the records committed when it looks), so records that commit out of seq
 * order, and the gaps that rolled-back transactions leave in seq, neither break nor stall it.
 */
@Injectable()
export class AuditChainer {
  private readonly loop: PollingLoop;

  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.loop = new PollingLoop('AuditChainer', async () => (await this.linkOnce()) === BATCH, config.auditChainIntervalMs);
  }

  /**
   * Links one batch. Returns how many records it linked, or null when another chainer holds the
   * lock (unless `wait`, which queues behind it). `beforeCommit` lets tests act mid-pass.
   */
  async linkOnce(opts: { wait?: boolean; beforeCommit?: (manager: EntityManager) => Promise<void> } = {}): Promise<number | null> {
    return this.db.transaction(async (m) => {
      if (opts.wait) await m.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_CHAINER_LOCK]);
      else {
        const [{ locked }] = await m.query('SELECT pg_try_advisory_xact_lock($1) AS locked', [AUDIT_CHAINER_LOCK]);
        if (!locked) return null;
      }
      const rows: UnlinkedRow[] = await m.query(
        `SELECT seq::text, occurred_at, actor_id, actor_role, action, entity_type, entity_id, before, after, request_id, ip
           FROM audit_log WHERE chain_position IS NULL ORDER BY seq LIMIT $1`,
        [BATCH],
      );
      if (rows.length === 0) return 0;
      const [head] = await m.query(`SELECT position::text AS position, hash FROM audit_chain_head`);
      let position = BigInt(head.position);
      let prevHash: string = head.hash;
      const links = rows.map((r) => {
        const record: Omit<AuditRecord, 'chainPosition' | 'linkedAt' | 'hash'> & { prevHash: string } = {
          seq: r.seq, occurredAt: r.occurred_at, actorId: r.actor_id, actorRole: r.actor_role, action: r.action, entityType: r.entity_type,
          entityId: r.entity_id, before: r.before, after: r.after, requestId: r.request_id, ip: r.ip, prevHash,
        };
        const hash = auditHash(record);
        position += 1n;
        const link = { seq: r.seq, position: String(position), prevHash, hash };
        prevHash = hash;
        return link;
      });
      const now = this.clock.now();
      await m.query(
        `UPDATE audit_log a SET chain_position = u.position, prev_hash = u.prev_hash, hash = u.hash, linked_at = $5
           FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[]) AS u(seq, position, prev_hash, hash)
          WHERE a.seq = u.seq`,
        [links.map((l) => l.seq), links.map((l) => l.position), links.map((l) => l.prevHash), links.map((l) => l.hash), now],
      );
      await m.query(`UPDATE audit_chain_head SET position = $1, hash = $2, linked_at = $3`, [String(position), prevHash, now]);
      await opts.beforeCommit?.(m);
      return links.length;
    });
  }

  /** Links everything committed so far (on demand: tests, an operator), waiting for a running chainer. */
  async linkPending(): Promise<number> {
    let total = 0;
    for (;;) {
      const n = (await this.linkOnce({ wait: true })) ?? 0;
      total += n;
      if (n < BATCH) return total;
    }
  }

  /** The worker's loop: every poll interval, link what has committed (one process wins each pass). */
  start(): void {
    this.loop.start();
  }


  stop(): Promise<void> {
    return this.loop.stop();
  }
}
