import { EventSubscriber, type DataSource, type EntityManager, type EntitySubscriberInterface, type QueryRunner, type TransactionCommitEvent, type TransactionRollbackEvent } from 'typeorm';
import type { QueueName } from '../queue/queue-registry.js';

/** An audit record as it will be inserted (its JSON already masked and serialised). */
export interface DeferredAudit {
  occurredAt: Date;
  actorId: string | null;
  actorRole: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  before: string | null;
  after: string | null;
  requestId: string | null;
  ip: string | null;
}

/** An outbox row: a job added to BullMQ after commit (by the writing process, or by the relay). */
export interface DeferredJob {
  queue: QueueName;
  jobName: string;
  jobId: string;
  /** The payload as inserted (JSON), and as handed to BullMQ. */
  payload: string;
  data: Record<string, unknown>;
  delayUntil: Date | null;
}

/** An outbox row this process wrote leased to itself, with its id. */
export type LeasedJob = DeferredJob & { id: string };

/** The process's own publisher of outbox jobs after commit (OUTBOX_ENQUEUE_ON_COMMIT, outbox/outbox-on-commit.ts). */
export interface OutboxPublisher {
  /** Until when a row written now is left to this process by the relay. */
  leaseUntil(): Date;
  committed(jobs: readonly LeasedJob[], leasedUntil: Date): void;
}

type Write = { audit: DeferredAudit } | { job: DeferredJob };
type Leased = { jobs: LeasedJob[]; leasedUntil: Date };

/** 1 in a transaction, more in its savepoints (TypeORM's own count). */
export const depthOf = (runner: QueryRunner) => (runner as unknown as { transactionDepth: number }).transactionDepth;

/**
 * What a transaction keeps until its commit, each item at the savepoint depth that added it: a
 * savepoint released hands its items to the level around it, one rolled back drops them, a
 * rollback drops all. The caller's subscriber calls `released` from its beforeTransactionCommit
 * and `rolledBack` from its beforeTransactionRollback (the depth is still the savepoint's there).
 */
export class TransactionScoped<T> {
  private readonly lists = new WeakMap<QueryRunner, { item: T; depth: number }[]>();

  add(runner: QueryRunner, item: T): void {
    const list = this.lists.get(runner) ?? [];
    list.push({ item, depth: depthOf(runner) });
    this.lists.set(runner, list);
  }

  /** Everything kept so far, no longer kept. */
  take(runner: QueryRunner): T[] {
    const list = this.lists.get(runner) ?? [];
    this.lists.delete(runner);
    return list.map((e) => e.item);
  }

  /** A COMMIT that releases a savepoint: its items become the level around it's. */
  released(runner: QueryRunner): void {
    const depth = depthOf(runner);
    if (depth <= 1) return;
    for (const e of this.lists.get(runner) ?? []) if (e.depth >= depth) e.depth = depth - 1;
  }

  rolledBack(runner: QueryRunner): void {
    const depth = depthOf(runner);
    const kept = depth <= 1 ? [] : (this.lists.get(runner) ?? []).filter((e) => e.depth < depth);
    if (kept.length) this.lists.set(runner, kept);
    else this.lists.delete(runner);
  }
}

const pending = new TransactionScoped<Write>();
const leased = new TransactionScoped<Leased>();
const publishers = new WeakMap<DataSource, OutboxPublisher>();

/** From now on this data source's outbox rows are written leased to `publisher`, which adds their jobs after commit; null: left to the relay. */
export function publishOutboxOnCommit(db: DataSource, publisher: OutboxPublisher | null): void {
  if (publisher) publishers.set(db, publisher);
  else publishers.delete(db);
}

/**
 * What every change writes beside its own rows (its audit records and its outbox jobs) is kept
 * with the transaction and inserted in one statement just before COMMIT (issue 22: a create
 * wrote them in three statements, a submit in three, each a round trip). Nothing reads these
 * rows inside the transaction that writes them; a rolled-back transaction, or savepoint, drops
 * what it deferred. Callers go through AuditService and OutboxService, which check that a
 * transaction is active. (Domain events are written at once: their callers may need the ids
 * the insert returns.)
 */
export async function deferWrite(manager: EntityManager, write: Write): Promise<void> {
  const runner = manager.queryRunner;
  if (!runner?.isTransactionActive) throw new Error('a deferred write must run inside a transaction');
  pending.add(runner, write);
  // A data source made without dataSourceOptions() has no flusher: nothing would write the row at COMMIT.
  if (!hasFlusher(runner)) await flush(runner);
}

const hasFlusher = (runner: QueryRunner) => runner.connection.subscribers.some((s) => s instanceof DeferredWritesFlusher);

/** Writes what the transaction deferred so far, now (for a caller that needs a row's seq or id taken at this point). */
export async function flushDeferredWrites(manager: EntityManager): Promise<void> {
  const runner = manager.queryRunner;
  if (runner) await flush(runner);
}

async function flush(runner: QueryRunner): Promise<void> {
  const list = pending.take(runner);
  if (!list.length) return;
  const audits = list.flatMap((w) => ('audit' in w ? [w.audit] : []));
  const jobs = list.flatMap((w) => ('job' in w ? [w.job] : []));
  const params: unknown[] = [];
  const p = (value: unknown, type: string) => `$${params.push(value)}::${type}`;
  const parts: string[] = [];
  if (audits.length) {
    const col = <K extends keyof DeferredAudit>(k: K) => audits.map((a) => a[k]);
    parts.push(`a AS (
      INSERT INTO audit_log (occurred_at, actor_id, actor_role, action, entity_type, entity_id, before, after, request_id, ip)
      SELECT occurred_at, actor_id, actor_role, action, entity_type, entity_id, before::jsonb, after::jsonb, request_id, ip
        FROM unnest(${p(col('occurredAt'), 'timestamptz[]')}, ${p(col('actorId'), 'uuid[]')}, ${p(col('actorRole'), 'text[]')}, ${p(col('action'), 'text[]')},
                    ${p(col('entityType'), 'text[]')}, ${p(col('entityId'), 'text[]')}, ${p(col('before'), 'text[]')}, ${p(col('after'), 'text[]')},
                    ${p(col('requestId'), 'text[]')}, ${p(col('ip'), 'text[]')}) WITH ORDINALITY
          AS u(occurred_at, actor_id, actor_role, action, entity_type, entity_id, before, after, request_id, ip, n)
       ORDER BY n)`);
  }
  // Only a flusher's commit hook can hand leased rows to their publisher.
  const publisher = jobs.length && hasFlusher(runner) ? publishers.get(runner.connection) : undefined;
  const leasedUntil = publisher?.leaseUntil() ?? null;
  if (jobs.length) {
    const col = <K extends keyof DeferredJob>(k: K) => jobs.map((j) => j[k]);
    parts.push(`o AS (
      INSERT INTO outbox (queue, job_name, job_id, payload, delay_until, claimed_until)
      SELECT queue, job_name, job_id, payload::jsonb, delay_until, ${p(leasedUntil, 'timestamptz')}
        FROM unnest(${p(col('queue'), 'text[]')}, ${p(col('jobName'), 'text[]')}, ${p(col('jobId'), 'text[]')}, ${p(col('payload'), 'text[]')}, ${p(col('delayUntil'), 'timestamptz[]')})
             WITH ORDINALITY AS u(queue, job_name, job_id, payload, delay_until, n)
       ORDER BY n
      ON CONFLICT DO NOTHING${leasedUntil ? ' RETURNING id, queue, job_id' : ''})`);
  }
  // A leased row's id comes back; a job id already written does not (its writer publishes it).
  const written: { id: string; queue: string; job_id: string }[] = await runner.query(`WITH ${parts.join(',\n')}\n${leasedUntil ? 'SELECT id::text AS id, queue, job_id FROM o' : 'SELECT 1'}`, params);
  if (!leasedUntil || written.length === 0) return;
  const byKey = new Map(jobs.map((j) => [`${j.queue}/${j.jobId}`, j]));
  leased.add(runner, { jobs: written.map((w) => ({ ...byKey.get(`${w.queue}/${w.job_id}`)!, id: w.id })), leasedUntil });
}

/**
 * Flushes a transaction's deferred writes before its COMMIT, and hands the outbox rows it leased
 * to their publisher after; a savepoint released hands its writes to the level around it, one
 * rolled back drops them, a rollback drops all.
 */
@EventSubscriber()
export class DeferredWritesFlusher implements EntitySubscriberInterface {
  async beforeTransactionCommit(event: TransactionCommitEvent): Promise<void> {
    const runner = event.queryRunner;
    if (depthOf(runner) <= 1) return flush(runner);
    pending.released(runner);
    leased.released(runner);
  }

  afterTransactionCommit(event: TransactionCommitEvent): void {
    const runner = event.queryRunner;
    // A released savepoint: the transaction goes on.
    if (runner.isTransactionActive) return;
    const list = leased.take(runner);
    if (!list.length) return;
    const publisher = publishers.get(runner.connection);
    // No publisher any more (shutting down): the leases run out and the relay takes the rows.
    for (const l of list) publisher?.committed(l.jobs, l.leasedUntil);
  }

  beforeTransactionRollback(event: TransactionRollbackEvent): void {
    pending.rolledBack(event.queryRunner);
    leased.rolledBack(event.queryRunner);
  }
}
