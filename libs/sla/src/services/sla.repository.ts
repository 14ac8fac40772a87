import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Stage } from '../domain/sla-stages.js';
import { CLOCK_ACTIONS, type ClockEvent } from '../domain/sla-timeline.js';

const OPEN = `('submitted','in_review','supplement_requested')`;

/** An application's clock as the SLA plans and fires it. */
export interface ClockRow {
  id: string;
  status: string;
  track: 'e_visa' | 'certificate';
  sla_cycle: number;
  next_stage: Stage | null;
  next_stage_at: Date | null;
  assigned_officer_id: string | null;
  submitted_at: Date | null;
  closed_at: Date | null;
  escalation_level: number;
  due_at: Date | null;
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
const SUBJECT_COLUMNS = `id, track, status, submitted_at AS "submittedAt", closed_at AS "closedAt", escalation_level AS "escalationLevel"`;

export interface FiredRecord {
  applicationId: string;
  stage: Stage;
  cycle: number;
  dueInstant: Date;
  lateness: number;
  officerId: string | null;
}

/** Every statement of the SLA, in one place: whoever changes a column it reads finds it here. */
@Injectable()
export class SlaRepository {
  constructor(private readonly db: DataSource) {}

  // Planning

  /** A new cycle of the clock (submit, resubmit). */
  async newCycle(m: EntityManager, applicationId: string): Promise<{ cycle: number; assignedOfficerId: string | null }> {
    const [[row]]: [{ sla_cycle: number; assigned_officer_id: string | null }[], number] = await m.query(
      'UPDATE visa_applications SET sla_cycle = sla_cycle + 1 WHERE id = $1 RETURNING sla_cycle, assigned_officer_id',
      [applicationId],
    );
    return { cycle: row.sla_cycle, assignedOfficerId: row.assigned_officer_id };
  }

  async clocks(m: EntityManager, ids: readonly string[]): Promise<ClockRow[]> {
    return m.query('SELECT * FROM visa_applications WHERE id = ANY($1)', [ids]);
  }

  async clearPlan(m: EntityManager, applicationId: string): Promise<void> {
    await m.query('UPDATE visa_applications SET next_stage = NULL, next_stage_at = NULL, due_at = NULL WHERE id = $1', [applicationId]);
  }

  async savePlans(m: EntityManager, plans: readonly { id: string; stage: Stage | null; at: Date | null; due: Date | null }[]): Promise<void> {
    await m.query(
      `UPDATE visa_applications a SET next_stage = u.stage, next_stage_at = u.at, due_at = u.due
         FROM unnest($1::uuid[], $2::text[], $3::timestamptz[], $4::timestamptz[]) AS u(id, stage, at, due) WHERE a.id = u.id`,
      [plans.map((p) => p.id), plans.map((p) => p.stage), plans.map((p) => p.at), plans.map((p) => p.due)],
    );
  }

  /** The clock-moving history entries of these applications, oldest first, in one query. */
  async histories(m: EntityManager, ids: readonly string[]): Promise<Map<string, ClockEvent[]>> {
    const out = new Map<string, ClockEvent[]>();
    if (ids.length === 0) return out;
    const rows: (ClockEvent & { applicationId: string })[] = await m.query(
      `SELECT application_id AS "applicationId", action, occurred_at AS "occurredAt", COALESCE(actor_role, 'system') AS "actorRole", actor_id AS "actorId"
         FROM visa_application_events WHERE application_id = ANY($1) AND action = ANY($2) ORDER BY id`,
      [ids, CLOCK_ACTIONS],
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
    return m.query(`SELECT * FROM visa_applications WHERE id = ANY($1) ORDER BY id FOR UPDATE${wait ? '' : ' SKIP LOCKED'}`, [ids]);
  }

  async existing(m: EntityManager, ids: readonly string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    return new Set((await m.query('SELECT id FROM visa_applications WHERE id = ANY($1)', [ids])).map((r: { id: string }) => r.id));
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
    await m.query('UPDATE visa_applications a SET escalation_level = u.level FROM unnest($1::uuid[], $2::int[]) AS u(id, level) WHERE a.id = u.id', [
      levels.map((l) => l.id),
      levels.map((l) => l.level),
    ]);
  }

  // Views

  async subject(m: EntityManager, applicationId: string): Promise<SlaSubject | undefined> {
    return (await m.query(`SELECT ${SUBJECT_COLUMNS} FROM visa_applications WHERE id = $1`, [applicationId]))[0];
  }

  async effectsOf(m: EntityManager, applicationId: string): Promise<{ stage: Stage; dueInstant: Date; firedAt: Date; latenessSeconds: number }[]> {
    return m.query(`SELECT stage, due_instant AS "dueInstant", fired_at AS "firedAt", lateness_seconds AS "latenessSeconds" FROM sla_stage_effects WHERE application_id = $1`, [
      applicationId,
    ]);
  }

  // Reports

  async windowCounts(from: Date, to: Date): Promise<{ submitted: number; decided: number; decided_on_time: number; at_risk: number; breached: number }> {
    const [counts] = await this.db.query(
      `SELECT count(*) FILTER (WHERE submitted_at >= $1 AND submitted_at < $2)::int AS submitted,
              count(*) FILTER (WHERE decided_at >= $1 AND decided_at < $2)::int AS decided,
              count(*) FILTER (WHERE decided_at >= $1 AND decided_at < $2 AND NOT EXISTS (
                SELECT 1 FROM sla_stage_effects e WHERE e.application_id = a.id AND e.stage = 'breach'))::int AS decided_on_time,
              count(*) FILTER (WHERE escalation_level = 1 AND status IN ${OPEN})::int AS at_risk,
              count(*) FILTER (WHERE escalation_level = 2 AND status IN ${OPEN})::int AS breached
         FROM visa_applications a`,
      [from, to],
    );
    return counts;
  }

  async breachesBetween(from: Date, to: Date): Promise<number> {
    return (await this.db.query(`SELECT count(*)::int AS n FROM sla_stage_effects WHERE stage = 'breach' AND fired_at >= $1 AND fired_at < $2`, [from, to]))[0].n;
  }

  async decidedBetween(from: Date, to: Date): Promise<SlaSubject[]> {
    return this.db.query(`SELECT ${SUBJECT_COLUMNS} FROM visa_applications WHERE decided_at >= $1 AND decided_at < $2`, [from, to]);
  }

  async perOfficer(from: Date, to: Date): Promise<{ officerId: string; name: string; open: number; atRisk: number; breached: number; decided: number }[]> {
    return this.db.query(
      `SELECT u.id AS "officerId", u.name,
              count(a.id) FILTER (WHERE a.status IN ${OPEN})::int AS open,
              count(a.id) FILTER (WHERE a.escalation_level = 1 AND a.status IN ${OPEN})::int AS "atRisk",
              count(a.id) FILTER (WHERE a.escalation_level = 2 AND a.status IN ${OPEN})::int AS breached,
              count(a.id) FILTER (WHERE a.decided_at >= $1 AND a.decided_at < $2)::int AS decided
         FROM users u LEFT JOIN visa_applications a ON a.assigned_officer_id = u.id
        WHERE u.role = 'officer' GROUP BY u.id, u.name ORDER BY u.name, u.id`,
      [from, to],
    );
  }

  /** Open applications at risk or breached, most urgent first. */
  async escalations(): Promise<{ id: string; reference: string; status: string; escalation_level: number; due_at: Date | null; assigned_officer_id: string | null }[]> {
    return this.db.query(
      `SELECT id, reference, status, escalation_level, due_at, assigned_officer_id FROM visa_applications
        WHERE escalation_level > 0 AND status IN ${OPEN}
        ORDER BY escalation_level DESC, due_at NULLS LAST, id LIMIT 500`,
    );
  }

  // Assignment

  /** Locks an application for (re)assignment; undefined when it is missing or no longer open. */
  async lockOpenForAssignment(m: EntityManager, applicationId: string): Promise<{ assignedOfficerId: string | null } | undefined> {
    const [app] = await m.query(`SELECT status, assigned_officer_id FROM visa_applications WHERE id = $1 FOR UPDATE`, [applicationId]);
    if (!app || !['submitted', 'in_review', 'supplement_requested'].includes(app.status)) return undefined;
    return { assignedOfficerId: app.assigned_officer_id };
  }

  /** The active officer with the fewest open applications (ties: the one assigned least recently). */
  async leastLoadedOfficer(m: EntityManager): Promise<string | undefined> {
    const [officer]: { id: string }[] = await m.query(
      `SELECT u.id FROM users u
         LEFT JOIN visa_applications a ON a.assigned_officer_id = u.id AND a.status IN ${OPEN}
        WHERE u.role = 'officer' AND u.active
        GROUP BY u.id
        ORDER BY count(a.id), max(a.assigned_at) NULLS FIRST, u.id
        LIMIT 1`,
    );
    return officer?.id;
  }

  async setAssignee(m: EntityManager, applicationId: string, officerId: string, at: Date): Promise<void> {
    await m.query('UPDATE visa_applications SET assigned_officer_id = $2, assigned_at = $3 WHERE id = $1', [applicationId, officerId, at]);
  }

  /** An officer's open applications, most urgent first. */
  async openOf(officerId: string): Promise<string[]> {
    const rows: { id: string }[] = await this.db.query(
      `SELECT id FROM visa_applications WHERE assigned_officer_id = $1 AND status IN ${OPEN} ORDER BY due_at NULLS LAST, id`,
      [officerId],
    );
    return rows.map((r) => r.id);
  }
}
