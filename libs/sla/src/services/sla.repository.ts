import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Stage } from '../domain/sla-stages.js';
import type { CLOCK_ACTIONS, ClockEvent } from '../domain/sla-timeline.js';

/** An application's clock as the SLA plans and fires it (sla_clocks). */
export interface ClockRow {
  id: string;
  track: 'e_visa' | 'certificate';
  cycle: number;
  state: 'running' | 'paused' | 'stopped';
  next_stage: Stage | null;
  next_stage_at: Date | null;
  due_at: Date | null;
  escalation_level: number;
  /** The warning's and the escalation's instants as planned at the last start or resume (the breach's is `due_at`); null before that was stored. */
  warning_at: Date | null;
  escalation_at: Date | null;
}
const CLOCK_COLUMNS = 'application_id AS id, track, cycle, state, next_stage, next_stage_at, due_at, escalation_level, warning_at, escalation_at';

/** A clock's next stage and its instant, the due time, and every stage's instant (null: not running). */
export interface StoredPlan {
  stage: Stage | null;
  at: Date | null;
  due: Date | null;
  warningAt: Date | null;
  escalationAt: Date | null;
}

/** What moved a clock: the action of the application's history, and who took it. */
export interface ClockFact {
  action: (typeof CLOCK_ACTIONS)[number];
  actorRole: string;
  actorId: string | null;
}

/** What the `sla` block needs of an application. */
export interface SlaSubject {
  id: string;
  track: 'e_visa' | 'certificate' | null;
  status: string;
  submittedAt: Date | null;
  closedAt: Date | null;
  escalationLevel: number;
}

/** Every statement of the SLA, in one place; it names only the SLA's own tables (what it needs of applications comes through SlaApplicationsPort). */
@Injectable()
export class SlaRepository {
  constructor(private readonly db: DataSource) {}

  // Planning

  /**
   * A new cycle of the clock (submit, resubmit), running, and the fact that started it, in one
   * statement. A first cycle is stored with `firstPlan` (made from that fact alone); a later one
   * keeps its old plan, for the caller to plan from the history. Returns the clock as it now stands.
   */
  async startCycle(m: EntityManager, applicationId: string, track: ClockRow['track'], fact: ClockFact, at: Date, firstPlan: StoredPlan): Promise<ClockRow> {
    const [row]: ClockRow[] = await m.query(
      `WITH clock AS (
         INSERT INTO sla_clocks (application_id, track, cycle, state, next_stage, next_stage_at, due_at, warning_at, escalation_at)
         VALUES ($1, $2, 1, 'running', $3, $4, $5, $6, $7)
         ON CONFLICT (application_id) DO UPDATE SET cycle = sla_clocks.cycle + 1, state = 'running', track = EXCLUDED.track
         RETURNING ${CLOCK_COLUMNS}),
       fact AS (INSERT INTO sla_clock_events (application_id, action, occurred_at, actor_role, actor_id) VALUES ($1, $8, $9, $10, $11))
       SELECT * FROM clock`,
      [applicationId, track, firstPlan.stage, firstPlan.at, firstPlan.due, firstPlan.warningAt, firstPlan.escalationAt, fact.action, at, fact.actorRole, fact.actorId],
    );
    return row;
  }

  /** Paused or stopped: nothing is due. Returns whether the application has a clock (it was submitted). */
  async halt(m: EntityManager, applicationId: string, state: 'paused' | 'stopped'): Promise<boolean> {
    const [, count]: [unknown, number] = await m.query(
      'UPDATE sla_clocks SET state = $2, next_stage = NULL, next_stage_at = NULL, due_at = NULL, warning_at = NULL, escalation_at = NULL WHERE application_id = $1',
      [
        applicationId,
        state,
      ],
    );
    return count > 0;
  }

  async recordFact(m: EntityManager, applicationId: string, fact: ClockFact, at: Date): Promise<void> {
    await m.query('INSERT INTO sla_clock_events (application_id, action, occurred_at, actor_role, actor_id) VALUES ($1, $2, $3, $4, $5)', [
      applicationId,
      fact.action,
      at,
      fact.actorRole,
      fact.actorId,
    ]);
  }

  /** Stores each clock's plan. */
  async savePlans(m: EntityManager, plans: readonly (StoredPlan & { id: string })[]): Promise<void> {
    await m.query(
      `UPDATE sla_clocks c SET next_stage = u.stage, next_stage_at = u.at, due_at = u.due, warning_at = u.warning, escalation_at = u.escalation
         FROM unnest($1::uuid[], $2::text[], $3::timestamptz[], $4::timestamptz[], $5::timestamptz[], $6::timestamptz[]) AS u(id, stage, at, due, warning, escalation)
        WHERE c.application_id = u.id`,
      [plans.map((p) => p.id), plans.map((p) => p.stage), plans.map((p) => p.at), plans.map((p) => p.due), plans.map((p) => p.warningAt), plans.map((p) => p.escalationAt)],
    );
  }

  /** What moved these clocks, oldest first, in one query. */
  async histories(m: EntityManager, ids: readonly string[]): Promise<Map<string, ClockEvent[]>> {
    const out = new Map<string, ClockEvent[]>();
    if (ids.length === 0) return out;
    const rows: (ClockEvent & { applicationId: string })[] = await m.query(
      `SELECT application_id AS "applicationId", action, occurred_at AS "occurredAt", actor_role AS "actorRole", actor_id AS "actorId"
         FROM sla_clock_events WHERE application_id = ANY($1) ORDER BY id`,
      [ids],
    );
    for (const { applicationId, ...event } of rows) out.set(applicationId, [...(out.get(applicationId) ?? []), event]);
    return out;
  }

  /** The stages already fired, per application. */
  async firedStages(m: EntityManager, ids: readonly string[]): Promise<Map<string, Stage[]>> {
    const rows: { application_id: string; stage: Stage }[] = await m.query('SELECT application_id, stage FROM sla_stage_effects WHERE application_id = ANY($1)', [ids]);
    const out = new Map<string, Stage[]>();
    for (const r of rows) out.set(r.application_id, [...(out.get(r.application_id) ?? []), r.stage]);
    return out;
  }

  // Firing

  /**
   * Fires the stages these timers name, in one statement: locks their clocks (in id order;
   * without `wait`, skipping those another transaction holds), decides which are still this
   * cycle's and due, records each stage's effect once (the primary key), and moves each due
   * clock on: its next stage is the earliest of the stored instants whose stage has not fired
   * (none: the breach was the last), and those that escalated or breached get their level. A
   * clock without stored instants (started before they were stored) keeps its plan here and is
   * planned by the caller (`planned` false). Returns, per timer, the clock as it stood (null:
   * held by another transaction, or gone), whether its stage was due, whether this statement
   * recorded its effect, and the clock's next stage and instant.
   */
  async fireStages(
    m: EntityManager,
    now: Date,
    timers: readonly { applicationId: string; stage: Stage; cycle: number; officerId: string | null }[],
    wait: boolean,
  ): Promise<{ applicationId: string; clock: ClockRow | null; held: boolean; due: boolean; fired: boolean; planned: boolean; next: { stage: Stage; at: Date } | null }[]> {
    const rows: (ClockRow & { timer_id: string; held: boolean; due: boolean; fired: boolean; planned: boolean; following: Stage | null; following_at: Date | null })[] = await m.query(
      `WITH timer AS (SELECT * FROM unnest($1::uuid[], $2::text[], $3::int[], $4::uuid[]) AS u(id, stage, cycle, officer)),
            locked AS (SELECT c.* FROM sla_clocks c WHERE c.application_id IN (SELECT id FROM timer) ORDER BY c.application_id FOR UPDATE${wait ? '' : ' SKIP LOCKED'}),
            due AS (
              SELECT l.*, t.officer, l.warning_at IS NOT NULL AND l.escalation_at IS NOT NULL AND l.due_at IS NOT NULL AS planned
                FROM locked l JOIN timer t ON t.id = l.application_id
               WHERE l.state = 'running' AND l.cycle = t.cycle AND l.next_stage = t.stage AND l.next_stage_at <= $5),
            effect AS (
              INSERT INTO sla_stage_effects (application_id, stage, cycle, due_instant, fired_at, lateness_seconds, officer_id)
              SELECT application_id, next_stage, cycle, next_stage_at, $5, greatest(0, extract(epoch FROM $5 - next_stage_at)), officer FROM due
              ON CONFLICT DO NOTHING RETURNING application_id, stage),
            following AS (
              SELECT d.application_id, d.planned, n.stage, n.at FROM due d
                LEFT JOIN LATERAL (
                  SELECT s.stage, s.at FROM (VALUES ('warning', d.warning_at, 0), ('escalation', d.escalation_at, 1), ('breach', d.due_at, 2)) AS s(stage, at, rank)
                   WHERE d.planned AND s.stage <> d.next_stage
                     AND NOT EXISTS (SELECT 1 FROM sla_stage_effects f WHERE f.application_id = d.application_id AND f.stage = s.stage)
                   ORDER BY s.at, s.rank LIMIT 1) n ON true),
            moved AS (
              UPDATE sla_clocks c
                 SET next_stage = CASE WHEN f.planned THEN f.stage ELSE c.next_stage END,
                     next_stage_at = CASE WHEN f.planned THEN f.at ELSE c.next_stage_at END,
                     escalation_level = CASE e.stage WHEN 'escalation' THEN 1 WHEN 'breach' THEN 2 ELSE c.escalation_level END
                FROM following f LEFT JOIN effect e ON e.application_id = f.application_id
               WHERE c.application_id = f.application_id AND (f.planned OR e.stage IN ('escalation', 'breach')))
       SELECT t.id AS timer_id, ${CLOCK_COLUMNS.replace(/(^|, )/g, '$1l.')},
              l.application_id IS NULL AND EXISTS (SELECT 1 FROM sla_clocks c WHERE c.application_id = t.id) AS held,
              f.application_id IS NOT NULL AS due,
              EXISTS (SELECT 1 FROM effect e WHERE e.application_id = t.id) AS fired,
              coalesce(f.planned, false) AS planned, f.stage AS following, f.at AS following_at
         FROM timer t LEFT JOIN locked l ON l.application_id = t.id LEFT JOIN following f ON f.application_id = t.id`,
      [timers.map((t) => t.applicationId), timers.map((t) => t.stage), timers.map((t) => t.cycle), timers.map((t) => t.officerId), now],
    );
    return rows.map(({ timer_id, held, due, fired, planned, following, following_at, ...clock }) => ({
      applicationId: timer_id,
      clock: clock.id ? clock : null,
      held,
      due,
      fired,
      planned,
      next: following && following_at ? { stage: following, at: following_at } : null,
    }));
  }

  // Views and reports

  async effectsOf(m: EntityManager, applicationId: string): Promise<{ stage: Stage; dueInstant: Date; firedAt: Date; latenessSeconds: number }[]> {
    return m.query(`SELECT stage, due_instant AS "dueInstant", fired_at AS "firedAt", lateness_seconds AS "latenessSeconds" FROM sla_stage_effects WHERE application_id = $1`, [
      applicationId,
    ]);
  }

  async breachesBetween(from: Date, to: Date): Promise<number> {
    return (await this.db.query(`SELECT count(*)::int AS n FROM sla_stage_effects WHERE stage = 'breach' AND fired_at >= $1 AND fired_at < $2`, [from, to]))[0].n;
  }

  /** Breaches recorded in the window, per officer who held the application when it breached (null: nobody). */
  async breachesPerOfficer(from: Date, to: Date): Promise<Map<string | null, number>> {
    const rows: { officer_id: string | null; n: number }[] = await this.db.query(
      `SELECT officer_id, count(*)::int AS n FROM sla_stage_effects WHERE stage = 'breach' AND fired_at >= $1 AND fired_at < $2 GROUP BY officer_id`,
      [from, to],
    );
    return new Map(rows.map((r) => [r.officer_id, r.n]));
  }

  /** Which of these applications breached their target. */
  async breachedAmong(ids: readonly string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows: { application_id: string }[] = await this.db.query(`SELECT application_id FROM sla_stage_effects WHERE stage = 'breach' AND application_id = ANY($1)`, [ids]);
    return new Set(rows.map((r) => r.application_id));
  }
}
