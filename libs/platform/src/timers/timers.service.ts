import { Inject, Injectable, Logger } from '@nestjs/common';
import { Duration } from 'luxon';
import { DataSource, type EntityManager } from 'typeorm';
import { Clock } from '../clock/clock.js';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/config.schema.js';
import { OutboxService } from '../outbox/outbox.service.js';
import { JOBS, jobId } from '../queue/queue-registry.js';
import { QueuesService } from '../queue/queues.service.js';

/** A timer that arrives this early waits out the difference; an earlier one is put back to its instant. */
const EARLY_WAIT_MS = 5000;
/** How many due timers one transaction fires at most. */
const DUE_BATCH = 200;

export interface NewTimer<P extends object = Record<string, unknown>> {
  /** Who handles it: registered once by the owning module. */
  kind: string;
  /** One armed timer per key: scheduling a key again moves it. */
  key: string;
  at: Date;
  /** The facts the handler needs (ids, a cycle), not rows. */
  payload: P;
}

export interface DueTimer<P extends object = Record<string, unknown>> extends NewTimer<P> {
  /** Raised at every (re)scheduling; a job of an older arming finds nothing to do. */
  arming: string;
}

/**
 * What a module does when its timers are due. `fire` runs in the firing transaction with the
 * timers' rows locked: it records the effects and returns, per key it took, a result (null: due
 * but nothing to do any more). A key it leaves out stays armed for a later pass (its subject was
 * busy and `wait` was false). Taken keys are deleted in the same transaction, so effect and
 * "fired" commit together. `committed` runs after commit (metrics).
 */
export interface TimerHandler<P extends object = Record<string, unknown>, R = unknown> {
  fire(m: EntityManager, due: DueTimer<P>[], opts: { wait: boolean }): Promise<Map<string, R | null>>;
  committed?(results: R[]): void;
}

export interface FiredTimer<R = unknown> {
  key: string;
  kind: string;
  arming: string;
  result: R | null;
}

interface TimerRow {
  key: string;
  kind: string;
  at: Date;
  payload: Record<string, unknown>;
  arming: string;
}

/**
 * Durable timers: each armed timer's instant lives in PostgreSQL, a delayed BullMQ job with a
 * deterministic id (key and arming) fires it, and a reconciler (job scheduler) fires whatever is
 * overdue and re-creates missing jobs, so losing Redis loses nothing. A timer fires at most once
 * per arming, never before its instant; due timers fire in batches (FOR UPDATE SKIP LOCKED), so
 * several workers share them. A timer of a kind this process does not know is left alone, for
 * a process that does (a rolling deploy).
 */
@Injectable()
export class TimersService {
  private readonly logger = new Logger('Timers');
  private readonly handlers = new Map<string, TimerHandler<any, any>>();

  constructor(
    private readonly db: DataSource,
    private readonly outbox: OutboxService,
    private readonly queues: QueuesService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The owning module registers the handler of each of its kinds, once. */
  register<P extends object, R>(kind: string, handler: TimerHandler<P, R>): void {
    if (this.handlers.has(kind)) throw new Error(`timer kind ${kind} has two handlers`);
    this.handlers.set(kind, handler);
  }

  /** Arms (or moves) timers in the caller's transaction; their jobs go out through the outbox after commit. */
  async schedule(m: EntityManager, timers: readonly NewTimer<object>[]): Promise<void> {
    if (timers.length === 0) return;
    const armed: { key: string; arming: string; at: Date }[] = await m.query(
      `INSERT INTO timers (key, kind, at, payload)
       SELECT key, kind, at, payload::jsonb FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::text[]) AS u(key, kind, at, payload)
       ON CONFLICT (key) DO UPDATE SET kind = EXCLUDED.kind, at = EXCLUDED.at, payload = EXCLUDED.payload, arming = EXCLUDED.arming
       RETURNING key, arming, at`,
      [timers.map((t) => t.key), timers.map((t) => t.kind), timers.map((t) => t.at), timers.map((t) => JSON.stringify(t.payload))],
    );
    await this.outbox.publishMany(
      m,
      JOBS.timerDue,
      armed.map((a) => ({ payload: { key: a.key, arming: String(a.arming) }, jobId: timerJobId(a.key, a.arming), delayUntil: a.at })),
    );
  }

  /** Disarms timers in the caller's transaction; their jobs, when they come, find nothing. */
  async cancel(m: EntityManager, keys: readonly string[]): Promise<void> {
    if (keys.length) await m.query('DELETE FROM timers WHERE key = ANY($1)', [keys]);
  }

  /**
   * A timer's job: fires it together with whatever else is due (one transaction for the lot);
   * if another transaction held its subject, waits for it and fires the timer if it is still
   * this arming and due. A job that came early fires nothing and says by how much.
   */
  async fire(key: string, arming: string): Promise<{ fired: boolean; earlyByMs?: number; heldByAnother?: boolean }> {
    const [row]: TimerRow[] = await this.db.query('SELECT key, kind, at, arming FROM timers WHERE key = $1', [key]);
    if (!row || String(row.arming) !== arming || !this.handlers.has(row.kind)) return { fired: false };
    const early = row.at.getTime() - this.clock.now().getTime();
    if (early > EARLY_WAIT_MS) return { fired: false, earlyByMs: early };
    if (early > 0) await new Promise((r) => setTimeout(r, early));
    const batch = await this.fireDue();
    if (batch.some((f) => f.key === key && f.arming === arming)) return { fired: true };
    const one = await this.fireOne(key, arming);
    return one === 'held' ? { fired: false, heldByAnother: true } : { fired: one.length > 0 };
  }

  /**
   * Fires up to `limit` due timers (of one kind, or of every kind this process knows) in one
   * transaction; rows another transaction holds are skipped, so workers share the load and never
   * fire the same timer. Should the batch fail, each timer gets a transaction of its own, so one
   * bad timer cannot hold back the others.
   */
  async fireDue(opts: { kind?: string; limit?: number } = {}): Promise<FiredTimer[]> {
    const limit = opts.limit ?? DUE_BATCH;
    const kinds = opts.kind ? [opts.kind] : [...this.handlers.keys()];
    let fired: FiredTimer[];
    try {
      fired = await this.db.transaction(async (m) => {
        const due: TimerRow[] = await m.query(
          'SELECT key, kind, at, payload, arming FROM timers WHERE at <= $1 AND kind = ANY($2) ORDER BY at LIMIT $3 FOR UPDATE SKIP LOCKED',
          [this.clock.now(), kinds, limit],
        );
        return this.fireLocked(m, due, false);
      });
    } catch (e) {
      this.logger.warn({ err: e }, 'firing a batch of timers failed; firing them one by one');
      return this.fireDueOneByOne(kinds, limit);
    }
    this.committed(fired);
    await this.discardJobs(fired);
    return fired;
  }

  /**
   * The jobs of timers a batch fired would only find them gone: they are taken off the queue, so
   * a burst of due timers costs a few jobs rather than one each. A job already running (the one
   * that fired the batch) stays, and any that cannot be removed just finds nothing to do.
   */
  private async discardJobs(fired: readonly FiredTimer[]): Promise<void> {
    if (fired.length < 2) return;
    const queue = this.queues.get(JOBS.timerDue.queue);
    await Promise.all(fired.map((f) => queue.remove(timerJobId(f.key, f.arming)).catch(() => 0)));
  }

  /**
   * Fires every overdue timer and re-creates the jobs of timers due soon, from PostgreSQL alone:
   * after Redis lost its keys every timer still fires, once, at most one period late.
   */
  async reconcile(batch = DUE_BATCH): Promise<{ fired: number; timers: number }> {
    let fired = 0;
    for (;;) {
      const n = (await this.fireDue({ limit: batch })).length;
      fired += n;
      if (n < batch) break;
    }
    const horizon = new Date(this.clock.now().getTime() + 2 * Duration.fromISO(this.config.sla.reconcileEvery).toMillis());
    const soon: { key: string; arming: string; at: Date }[] = await this.db.query('SELECT key, arming, at FROM timers WHERE at <= $1 AND kind = ANY($2)', [
      horizon,
      [...this.handlers.keys()],
    ]);
    let timers = 0;
    const queue = this.queues.get(JOBS.timerDue.queue);
    for (const s of soon) {
      const id = timerJobId(s.key, s.arming);
      if (await queue.getJob(id)) continue;
      await queue.add(JOBS.timerDue.name, { key: s.key, arming: String(s.arming) }, { jobId: id, delay: Math.max(0, s.at.getTime() - this.clock.now().getTime()) });
      timers++;
    }
    return { fired, timers };
  }

  private async fireDueOneByOne(kinds: string[], limit: number): Promise<FiredTimer[]> {
    const due: { key: string; arming: string }[] = await this.db.query('SELECT key, arming FROM timers WHERE at <= $1 AND kind = ANY($2) ORDER BY at LIMIT $3', [
      this.clock.now(),
      kinds,
      limit,
    ]);
    const fired: FiredTimer[] = [];
    for (const d of due) {
      try {
        const one = await this.fireOne(d.key, String(d.arming));
        if (one !== 'held') fired.push(...one);
      } catch (e) {
        this.logger.error({ err: e, key: d.key }, 'a timer could not fire');
      }
    }
    return fired;
  }

  /**
   * Fires this timer if it is still this arming and due, waiting (through its handler) for its
   * subject. A row that another transaction holds is that transaction's to fire: 'held', rather
   * than a connection spent waiting for it (a burst of due timers has hundreds of such jobs).
   */
  private async fireOne(key: string, arming: string): Promise<FiredTimer[] | 'held'> {
    const fired = await this.db.transaction(async (m) => {
      const [row]: TimerRow[] = await m.query('SELECT key, kind, at, payload, arming FROM timers WHERE key = $1 FOR UPDATE SKIP LOCKED', [key]);
      if (!row) return (await m.query('SELECT 1 FROM timers WHERE key = $1 AND arming = $2', [key, arming])).length ? 'held' : [];
      if (String(row.arming) !== arming || !this.handlers.has(row.kind)) return [];
      if (row.at.getTime() > this.clock.now().getTime()) return [];
      return this.fireLocked(m, [row], true);
    });
    if (fired !== 'held') this.committed(fired);
    return fired;
  }

  /** Runs each kind's handler on its locked due timers, then deletes the timers it took (this arming only: it may have re-armed the key). */
  private async fireLocked(m: EntityManager, rows: TimerRow[], wait: boolean): Promise<FiredTimer[]> {
    const fired: FiredTimer[] = [];
    for (const kind of new Set(rows.map((r) => r.kind))) {
      const due = rows.filter((r) => r.kind === kind).map((r) => ({ key: r.key, kind: r.kind, at: r.at, payload: r.payload, arming: String(r.arming) }));
      const results = await this.handlers.get(kind)!.fire(m, due, { wait });
      for (const d of due) if (results.has(d.key)) fired.push({ key: d.key, kind, arming: d.arming, result: results.get(d.key) ?? null });
    }
    if (fired.length) {
      await m.query('DELETE FROM timers t USING unnest($1::text[], $2::bigint[]) AS u(key, arming) WHERE t.key = u.key AND t.arming = u.arming', [
        fired.map((f) => f.key),
        fired.map((f) => f.arming),
      ]);
    }
    return fired;
  }

  private committed(fired: FiredTimer[]): void {
    for (const kind of new Set(fired.map((f) => f.kind))) {
      const results = fired.filter((f) => f.kind === kind && f.result !== null).map((f) => f.result);
      if (results.length) this.handlers.get(kind)!.committed?.(results);
    }
  }
}

/** `timer.<key>.<arming>`, never reused (the arming comes from a sequence). */
export function timerJobId(key: string, arming: string): string {
  return jobId('timer', key, arming);
}
