import { EventSubscriber, type EntityManager, type EntitySubscriberInterface, type QueryRunner, type TransactionCommitEvent, type TransactionRollbackEvent } from 'typeorm';

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

/** An outbox row: a job the relay enqueues after commit. */
export interface DeferredJob {
  queue: string;
  jobName: string;
  jobId: string;
  payload: string;
  delayUntil: Date | null;
}

type Write = { audit: DeferredAudit } | { job: DeferredJob };
type Pending = Write & { depth: number };

const pending = new WeakMap<QueryRunner, Pending[]>();
const depthOf = (runner: QueryRunner) => (runner as unknown as { transactionDepth: number }).transactionDepth;

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
  const list = pending.get(runner) ?? [];
  list.push({ ...write, depth: depthOf(runner) });
  pending.set(runner, list);
  // A data source made without dataSourceOptions() has no flusher: nothing would write the row at COMMIT.
  if (!runner.connection.subscribers.some((s) => s instanceof DeferredWritesFlusher)) await flush(runner);
}

/** Writes what the transaction deferred so far, now (for a caller that needs a row's seq or id taken at this point). */
export async function flushDeferredWrites(manager: EntityManager): Promise<void> {
  const runner = manager.queryRunner;
  if (runner) await flush(runner);
}

async function flush(runner: QueryRunner): Promise<void> {
  const list = pending.get(runner);
  if (!list?.length) return;
  pending.delete(runner);
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
  if (jobs.length) {
    const col = <K extends keyof DeferredJob>(k: K) => jobs.map((j) => j[k]);
    parts.push(`o AS (
      INSERT INTO outbox (queue, job_name, job_id, payload, delay_until)
      SELECT queue, job_name, job_id, payload::jsonb, delay_until
        FROM unnest(${p(col('queue'), 'text[]')}, ${p(col('jobName'), 'text[]')}, ${p(col('jobId'), 'text[]')}, ${p(col('payload'), 'text[]')}, ${p(col('delayUntil'), 'timestamptz[]')})
             WITH ORDINALITY AS u(queue, job_name, job_id, payload, delay_until, n)
       ORDER BY n
      ON CONFLICT DO NOTHING)`);
  }
  await runner.query(`WITH ${parts.join(',\n')}\nSELECT 1`, params);
}

/**
 * Flushes a transaction's deferred writes before its COMMIT; a savepoint released hands its
 * writes to the level around it, one rolled back drops them, a rollback drops all.
 */
@EventSubscriber()
export class DeferredWritesFlusher implements EntitySubscriberInterface {
  async beforeTransactionCommit(event: TransactionCommitEvent): Promise<void> {
    const runner = event.queryRunner;
    const depth = depthOf(runner);
    if (depth <= 1) return flush(runner);
    for (const w of pending.get(runner) ?? []) if (w.depth >= depth) w.depth = depth - 1;
  }

  beforeTransactionRollback(event: TransactionRollbackEvent): void {
    const runner = event.queryRunner;
    const list = pending.get(runner);
    if (!list) return;
    const depth = depthOf(runner);
    const kept = depth <= 1 ? [] : list.filter((w) => w.depth < depth);
    if (kept.length) pending.set(runner, kept);
    else pending.delete(runner);
  }
}
