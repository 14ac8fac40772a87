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
}
const CLOCK_COLUMNS = 'application_id AS id, track, cycle, state, next_stage, next_stage_at, due_at, escalation_level';

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

export interface FiredRecord {
  applicationId: string;
  stage: Stage;
  cycle: number;
  dueInstant: Date;
  lateness: number;
  officerId: string | null;
}

/** Every statement of the SLA, in one place; it names only the SLA's own tables (what it needs of applications comes through SlaApplicationsPort). */
@Injectable()
export class SlaRepository {
  constructor(private readonly db: DataSource) {}

  // Planning

  /** A new cycle of the clock (submit, resubmit): running; returns the clock as it now stands. */
  async startCycle(m: EntityManager, applicationId: string, track: ClockRow['track']): Promise<ClockRow> {
    const [row]: ClockRow[] = await m.query(
      `INSERT INTO sla_clocks (application_id, track, cycle, state) VALUES ($1, $2, 1, 'running')
       ON CONFLICT (application_id) DO UPDATE SET cycle = sla_clocks.cycle + 1, state = 'running', track = EXCLUDED.track
       RETURNING ${CLOCK_COLUMNS}`,
      [applicationId, track],
    );
    return row;
  }

  /** Paused or stopped: nothing is due. Returns whether the application has a clock (it was submitted). */
  async halt(m: EntityManager, applicationId: string, state: 'paused' | 'stopped'): Promise<boolean> {
    const [, count]: [unknown, number] = await m.query('UPDATE sla_clocks SET state = $2, next_stage = NULL, next_stage_at = NULL, due_at = NULL WHERE application_id = $1', [
      applicationId,
      state,
    ]);
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

  async savePlans(m: EntityManager, plans: readonly { id: string; stage: Stage | null; at: Date | null; due: Date | null }[]): Promise<void> {
    await m.query(
      `UPDATE sla_clocks c SET next_stage = u.stage, next_stage_at = u.at, due_at = u.due
         FROM unnest($1::uuid[], $2::text[], $3::timestamptz[], $4::timestamptz[]) AS u(id, stage, at, due) WHERE c.application_id = u.id`,
      [plans.map((p) => p.id), plans.map((p) => p.stage), plans.map((p) => p.at), plans.map((p) => p.due)],
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

  /** Locks these clocks, in id order; without `wait`, skips those another transaction holds. */
  async lockClocks(m: EntityManager, ids: readonly string[], wait: boolean): Promise<ClockRow[]> {
    return m.query(`SELECT ${CLOCK_COLUMNS} FROM sla_clocks WHERE application_id = ANY($1) ORDER BY application_id FOR UPDATE${wait ? '' : ' SKIP LOCKED'}`, [ids]);
  }

  async existing(m: EntityManager, ids: readonly string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    return new Set((await m.query('SELECT application_id FROM sla_clocks WHERE application_id = ANY($1)', [ids])).map((r: { application_id: string }) => r.application_id));
  }

  /** Records each stage's effect once (the primary key); returns the applications whose effect is new. */
  async recordEffects(m: EntityManager, firedAt: Date, effects: readonly FiredRecord[]): Promise<Set<string>> {
    const inserted: { application_id: string }[] = await m.query(
      `INSERT INTO sla_stage_effects (application_id, stage, cycle, due_instant, fired_at, lateness_seconds, officer_id)
       SELECT id, stage, cycle, due, $5::timestamptz, lateness, officer
         FROM unnest($1::uuid[], $2::text[], $3::int[], $4::timestamptz[], $6::float8[], $7::uuid[]) AS u(id, stage, cycle, due, lateness, officer)
       ON CONFLICT DO NOTHING RETURNING application_id`,
      [
        effects.map((e) => e.applicationId),
        effects.map((e) => e.stage),
        effects.map((e) => e.cycle),
        effects.map((e) => e.dueInstant),
        firedAt,
        effects.map((e) => e.lateness),
        effects.map((e) => e.officerId),
      ],
    );
    return new Set(inserted.map((r) => r.application_id));
  }

  async setEscalation(m: EntityManager, levels: readonly { id: string; level: number }[]): Promise<void> {
    if (levels.length === 0) return;
    await m.query('UPDATE sla_clocks c SET escalation_level = u.level FROM unnest($1::uuid[], $2::int[]) AS u(id, level) WHERE c.application_id = u.id', [
      levels.map((l) => l.id),
      levels.map((l) => l.level),
    ]);
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
