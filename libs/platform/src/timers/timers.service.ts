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
/** How many timers one job stands for (the jobs of one instant are shared among the workers). */
const JOB_TIMERS = 200;
/**
 * How many due timers one transaction fires at most. Larger than a job's share, so a burst's
 * commits and round trips are paid per thousand stages: on the bench's 10,000-stage burst, 1,000
 * fired 10,070 stages/s against 2,819–3,660 at 200 (bench/README.md).
 */
const DUE_BATCH = 1000;
/**
 * Timers armed in one transaction whose instants fall within one such span share a job, due at
 * the span's end (never before any of their instants): a hundred thousand timers due within a
 * minute cost a few hundred jobs, not one each.
 */
const INSTANT_MS = 100;
/** The reconciler's jobs for timers due soon come per second (after a FLUSHALL, a second late at most). */
const RECONCILE_INSTANT_MS = 1000;

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
 * "fired" commit together; a taken key the handler passes to `rearm` (its next instant and
 * payload) is moved there instead, in the statement that deletes the others, under a new arming.
 * `committed` runs after commit (metrics).
 */
export interface TimerHandler<P extends object = Record<string, unknown>, R = unknown> {
  fire(m: EntityManager, due: DueTimer<P>[], opts: { wait: boolean; rearm: (timers: readonly NewTimer<P>[]) => void }): Promise<Map<string, R | null>>;
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
 * Durable timers: each armed timer's instant lives in PostgreSQL; a delayed BullMQ job per
 * instant (timers armed together and due within INSTANT_MS of one another, up to JOB_TIMERS of
 * them: id `timer.<instant>.<first arming>`, never reused) fires every timer due by then, in
 * batches; a reconciler (job scheduler) fires whatever is overdue and re-creates the jobs of
 * timers due soon, so losing Redis loses nothing. A timer fires at most once per arming (its row
 * is deleted with its effect), never before its instant; batches take their rows with FOR UPDATE
 * SKIP LOCKED, so the jobs of one instant on several workers share its timers. A timer of a kind
 * this process does not know is left alone, for a process that does (a rolling deploy).
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
    await this.outbox.publishMany(m, JOBS.timerDue, instantJobs(armed, INSTANT_MS));
  }

  /** Disarms timers in the caller's transaction; their jobs, when they come, find nothing. */
  async cancel(m: EntityManager, keys: readonly string[]): Promise<void> {
    if (keys.length) await m.query('DELETE FROM timers WHERE key = ANY($1)', [keys]);
  }

  /**
   * The job of an instant: fires every timer due by now, a batch per transaction, until a batch
   * comes back short. A job that came early fires nothing and says by how much (within
   * EARLY_WAIT_MS it waits out the difference first); `retry` says that a due timer is still
   * armed (another transaction held it or its subject), to be looked at again shortly: fired by
   * then, or free again should that transaction have failed.
   */
  async fireAt(at: Date): Promise<{ fired: number; earlyByMs?: number; retry?: boolean }> {
    const early = at.getTime() - this.clock.now().getTime();
    if (early > EARLY_WAIT_MS) return { fired: 0, earlyByMs: early };
    if (early > 0) await new Promise((r) => setTimeout(r, early));
    let fired = 0;
    let now = this.clock.now();
    for (;;) {
      now = this.clock.now();
      const pass = await this.firePass({ limit: DUE_BATCH, now });
      fired += pass.fired.length;
      // Taken but left armed (their subject was busy): the next pass would take them again.
      if (pass.taken > pass.fired.length) return { fired, retry: true };
      if (pass.taken < DUE_BATCH) break;
    }
    // Due by the last pass's instant and not taken by it: held by another transaction.
    const [held] = await this.db.query('SELECT 1 FROM timers WHERE at <= $1 AND kind = ANY($2) LIMIT 1', [now, [...this.handlers.keys()]]);
    return held ? { fired, retry: true } : { fired };
  }

  /**
   * Fires this timer now if it is still this arming and due, waiting (through its handler) for
   * its subject; a timer row that another transaction holds is that transaction's to fire
   * ('held'). What a failed batch falls back to, one timer at a time.
   */
  async fireOne(key: string, arming: string): Promise<FiredTimer[] | 'held'> {
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

  /**
   * Fires up to `limit` due timers (of one kind, or of every kind this process knows) in one
   * transaction; rows another transaction holds are skipped, so workers share the load and never
   * fire the same timer. Should the batch fail, each timer gets a transaction of its own, so one
   * bad timer cannot hold back the others.
   */
  async fireDue(opts: { kind?: string; limit?: number } = {}): Promise<FiredTimer[]> {
    return (await this.firePass(opts)).fired;
  }

  /** One batch: what it fired, and how many due rows it took (fired or left armed). */
  private async firePass(opts: { kind?: string; limit?: number; now?: Date }): Promise<{ fired: FiredTimer[]; taken: number }> {
    const limit = opts.limit ?? DUE_BATCH;
    const kinds = opts.kind ? [opts.kind] : [...this.handlers.keys()];
    let pass: { fired: FiredTimer[]; taken: number };
    try {
      pass = await this.db.transaction(async (m) => {
        const due: TimerRow[] = await m.query(
          'SELECT key, kind, at, payload, arming FROM timers WHERE at <= $1 AND kind = ANY($2) ORDER BY at LIMIT $3 FOR UPDATE SKIP LOCKED',
          [opts.now ?? this.clock.now(), kinds, limit],
        );
        return { fired: await this.fireLocked(m, due, false), taken: due.length };
      });
    } catch (e) {
      this.logger.warn({ err: e }, 'firing a batch of timers failed; firing them one by one');
      const fired = await this.fireDueOneByOne(kinds, limit);
      return { fired, taken: fired.length };
    }
    this.committed(pass.fired);
    return pass;
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
    // The jobs of timers due soon, per second of their instants, under ids of the reconciler's own
    // (`timer.<instant>.r`): it cannot tell which of the instant jobs Redis still holds, and a job
    // too many finds nothing to fire; repeated reconciles find theirs and add nothing.
    const horizon = new Date(this.clock.now().getTime() + 2 * Duration.fromISO(this.config.sla.reconcileEvery).toMillis());
    const soon: { at: Date }[] = await this.db.query(
      `SELECT DISTINCT to_timestamp(ceil(extract(epoch FROM at) * 1000 / $3) * $3 / 1000) AS at FROM timers WHERE at <= $1 AND kind = ANY($2)`,
      [horizon, [...this.handlers.keys()], RECONCILE_INSTANT_MS],
    );
    let timers = 0;
    const queue = this.queues.get(JOBS.timerDue.queue);
    for (const { at } of soon) {
      const id = jobId('timer', at.getTime(), 'r');
      if (await queue.getJob(id)) continue;
      await queue.add(JOBS.timerDue.name, { at: at.toISOString() }, { jobId: id, delay: Math.max(0, at.getTime() - this.clock.now().getTime()) });
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
   * Runs each kind's handler on its locked due timers, then, in one statement, moves the taken
   * timers the handler re-armed (a new arming, the row updated in place) and deletes the others it
   * took (this arming only: it may have re-armed the key through `schedule`); the moved timers'
   * jobs go out through the outbox.
   */
  private async fireLocked(m: EntityManager, rows: TimerRow[], wait: boolean): Promise<FiredTimer[]> {
    const fired: FiredTimer[] = [];
    const moves = new Map<string, NewTimer<object> & { arming: string }>();
    for (const kind of new Set(rows.map((r) => r.kind))) {
      const due = rows.filter((r) => r.kind === kind).map((r) => ({ key: r.key, kind: r.kind, at: r.at, payload: r.payload, arming: String(r.arming) }));
      const rearmed: NewTimer<object>[] = [];
      const results = await this.handlers.get(kind)!.fire(m, due, { wait, rearm: (timers) => rearmed.push(...timers) });
      for (const d of due) if (results.has(d.key)) fired.push({ key: d.key, kind, arming: d.arming, result: results.get(d.key) ?? null });
      const taken = new Map(due.filter((d) => results.has(d.key)).map((d) => [d.key, d.arming]));
      for (const t of rearmed) {
        if (t.kind !== kind || !taken.has(t.key)) throw new Error(`timer ${t.key} re-armed by the handler of ${kind} without being taken by it`);
        moves.set(t.key, { ...t, arming: taken.get(t.key)! });
      }
    }
    if (fired.length === 0) return fired;
    const gone = fired.filter((f) => !moves.has(f.key));
    const moved = [...moves.values()];
    const armed: { key: string; arming: string; at: Date }[] = await m.query(
      `WITH moved AS (
         UPDATE timers t SET at = u.at, payload = u.payload::jsonb, arming = DEFAULT
           FROM unnest($1::text[], $2::bigint[], $3::timestamptz[], $4::text[]) AS u(key, arming, at, payload)
          WHERE t.key = u.key AND t.arming = u.arming
          RETURNING t.key, t.arming, t.at),
       gone AS (DELETE FROM timers t USING unnest($5::text[], $6::bigint[]) AS u(key, arming) WHERE t.key = u.key AND t.arming = u.arming)
       SELECT key, arming, at FROM moved`,
      [moved.map((t) => t.key), moved.map((t) => t.arming), moved.map((t) => t.at), moved.map((t) => JSON.stringify(t.payload)), gone.map((f) => f.key), gone.map((f) => f.arming)],
    );
    await this.outbox.publishMany(m, JOBS.timerDue, instantJobs(armed, INSTANT_MS));
    return fired;
  }

  private committed(fired: FiredTimer[]): void {
    for (const kind of new Set(fired.map((f) => f.kind))) {
      const results = fired.filter((f) => f.kind === kind && f.result !== null).map((f) => f.result);
      if (results.length) this.handlers.get(kind)!.committed?.(results);
    }
  }
}

interface InstantJob {
  payload: { at: string };
  jobId: string;
  delayUntil: Date;
}

/**
 * The jobs of timers armed together: one per instant (each timer's instant rounded up to the
 * span) and JOB_TIMERS timers, id `timer.<instant>.<first arming>` (never reused: armings come
 * from a sequence), due at the instant.
 */
function instantJobs(armed: readonly { arming: string; at: Date }[], spanMs: number): InstantJob[] {
  const byInstant = new Map<number, string[]>();
  for (const a of armed) {
    const instant = Math.ceil(a.at.getTime() / spanMs) * spanMs;
    const armings = byInstant.get(instant);
    if (armings) armings.push(String(a.arming));
    else byInstant.set(instant, [String(a.arming)]);
  }
  return [...byInstant].flatMap(([instant, armings]) => {
    armings.sort((x, y) => (BigInt(x) < BigInt(y) ? -1 : 1));
    const jobs: InstantJob[] = [];
    for (let i = 0; i < armings.length; i += JOB_TIMERS) {
      jobs.push({ payload: { at: new Date(instant).toISOString() }, jobId: jobId('timer', instant, armings[i]), delayUntil: new Date(instant) });
    }
    return jobs;
  });
}
