import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, AuditService, Clock, EventBus, JOBS, MetricsService, OnDomainEvent, OutboxService, TimersService, jobId, type AppConfig, type DomainEvent, type DueTimer } from '@medjourney/platform';
import { Counter, Histogram } from 'prom-client';
import { DataSource, type EntityManager } from 'typeorm';
import type { CalendarMode } from '../domain/sla-calendar.js';
import { planStages, slaView, STAGES, type SlaView, type Stage } from '../domain/sla-stages.js';
import { CLOCK_ACTIONS, clockTimeline, explainStages, runningSegments, type ClockEvent, type ClockSegment, type StageExplanation } from '../domain/sla-timeline.js';

const RUNNING = ['submitted', 'in_review'];
const ASSIGNMENT_LOCK = 'sla-assignment';

/**
 * The stages run on the platform's durable timers: one timer per application, keyed by the
 * application and re-armed (moved) for each next stage, its payload naming the stage and the
 * clock's cycle. A resume re-arms it, so a job of the timer before a pause is never mistaken for
 * the one after it (its arming differs).
 */
export const SLA_STAGE_TIMER = 'sla.stage';
export const stageTimerKey = (applicationId: string) => `sla.stage.${applicationId}`;
export interface StageTimer {
  applicationId: string;
  stage: Stage;
  cycle: number;
}

interface AppRow {
  id: string;
  status: string;
  track: 'e_visa' | 'certificate';
  sla_cycle: number;
  next_stage: Stage | null;
  next_stage_at: Date | null;
  assigned_officer_id: string | null;
  due_at: Date | null;
  submitted_at: Date | null;
  closed_at: Date | null;
  escalation_level: number;
}

/**
 * The processing clock of visa applications (spec/sla.md). PostgreSQL holds each application's
 * next stage and its instant; a durable timer of the platform (TimersService: stored instant,
 * delayed job, reconciler) fires it; the effect of a stage is written once under a unique key,
 * so a second delivery changes nothing and losing Redis loses nothing.
 */
@Injectable()
export class SlaClockService {
  private readonly logger = new Logger('SlaClock');
  private readonly breaches: Counter;
  private readonly lateness: Histogram;

  constructor(
    private readonly db: DataSource,
    private readonly outbox: OutboxService,
    private readonly events: EventBus,
    private readonly audit: AuditService,
    private readonly timers: TimersService,
    private readonly clock: Clock,
    metrics: MetricsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.breaches = (metrics.registry.getSingleMetric('sla_breaches_total') as Counter) ??
      new Counter({ name: 'sla_breaches_total', help: 'Applications that passed their processing target', registers: [metrics.registry] });
    this.lateness = (metrics.registry.getSingleMetric('sla_stage_lateness_seconds') as Histogram) ??
      new Histogram({ name: 'sla_stage_lateness_seconds', help: 'How late each SLA stage fired', labelNames: ['stage'], buckets: [0.1, 0.5, 1, 2, 5, 10, 30, 60, 120], registers: [metrics.registry] });
    timers.register<StageTimer, FiredStage>(SLA_STAGE_TIMER, { fire: (m, due, opts) => this.fireTimers(m, due, opts), committed: (fired) => this.observe(fired) });
  }

  target(track: 'e_visa' | 'certificate'): string {
    return track === 'e_visa' ? this.config.sla.target : this.config.sla.targetCertificate;
  }

  /** After submit or resubmit (in the change's transaction): a new cycle, its plan and its first timer; and an assignment when none. */
  async start(m: EntityManager, applicationId: string): Promise<void> {
    const [[app]]: [{ sla_cycle: number; assigned_officer_id: string | null }[], number] = await m.query(
      'UPDATE visa_applications SET sla_cycle = sla_cycle + 1 WHERE id = $1 RETURNING sla_cycle, assigned_officer_id',
      [applicationId],
    );
    await this.plan(m, applicationId);
    if (!app.assigned_officer_id) await this.outbox.publish(m, JOBS.slaAssign, { applicationId }, { jobId: jobId('sla-assign', applicationId, app.sla_cycle) });
  }

  /** After a supplement request, a decision or a withdrawal: nothing is due any more. */
  async halt(m: EntityManager, applicationId: string): Promise<void> {
    await m.query('UPDATE visa_applications SET next_stage = NULL, next_stage_at = NULL, due_at = NULL WHERE id = $1', [applicationId]);
    await this.timers.cancel(m, [stageTimerKey(applicationId)]);
  }

  /**
   * The stage timers that are due, their rows locked by the timer service: locks their
   * applications (skipping those another transaction holds, unless told to wait: those stay
   * armed) and fires the next stage of each that is still this cycle's and due.
   */
  private async fireTimers(m: EntityManager, due: DueTimer<StageTimer>[], { wait }: { wait: boolean }): Promise<Map<string, FiredStage | null>> {
    const ids = due.map((d) => d.payload.applicationId);
    const apps: AppRow[] = await m.query(`SELECT * FROM visa_applications WHERE id = ANY($1) ORDER BY id FOR UPDATE${wait ? '' : ' SKIP LOCKED'}`, [ids]);
    const locked = new Map(apps.map((a) => [a.id, a]));
    const missing = ids.filter((id) => !locked.has(id));
    const busy = new Set<string>(missing.length ? (await m.query('SELECT id FROM visa_applications WHERE id = ANY($1)', [missing])).map((r: { id: string }) => r.id) : []);
    const now = this.clock.now().getTime();
    const firing = apps.filter((app) => {
      const timer = due.find((d) => d.payload.applicationId === app.id)!.payload;
      return RUNNING.includes(app.status) && app.sla_cycle === timer.cycle && app.next_stage === timer.stage && app.next_stage_at!.getTime() <= now;
    });
    const fired = new Map((await this.fireLocked(m, firing)).map((f) => [f.applicationId, f]));
    return new Map(due.filter((d) => !busy.has(d.payload.applicationId)).map((d) => [d.key, fired.get(d.payload.applicationId) ?? null]));
  }

  /** Metrics once the effects are committed. */
  private observe(fired: FiredStage[]): void {
    for (const f of fired) {
      this.lateness.observe({ stage: f.stage }, f.lateness);
      if (f.stage === 'breach') this.breaches.inc();
    }
  }

  /**
   * The effects of the due next stage of applications whose rows this transaction holds: each
   * recorded once under its primary key, then the notices, the next plan and, last, the audit
   * records (the audit chain's lock lasts until commit and serialises every audited write).
   */
  private async fireLocked(m: EntityManager, apps: AppRow[]): Promise<FiredStage[]> {
    if (apps.length === 0) return [];
    const now = this.clock.now();
    const lateness = new Map(apps.map((a) => [a.id, Math.max(0, (now.getTime() - a.next_stage_at!.getTime()) / 1000)]));
    const inserted: { application_id: string }[] = await m.query(
      `INSERT INTO sla_stage_effects (application_id, stage, cycle, due_instant, fired_at, lateness_seconds, officer_id)
       SELECT id, stage, cycle, due, $5::timestamptz, lateness, officer
         FROM unnest($1::uuid[], $2::text[], $3::int[], $4::timestamptz[], $6::float8[], $7::uuid[]) AS u(id, stage, cycle, due, lateness, officer)
       ON CONFLICT DO NOTHING RETURNING application_id`,
      [apps.map((a) => a.id), apps.map((a) => a.next_stage), apps.map((a) => a.sla_cycle), apps.map((a) => a.next_stage_at), now, apps.map((a) => lateness.get(a.id)), apps.map((a) => a.assigned_officer_id)],
    );
    const firedIds = new Set(inserted.map((r) => r.application_id));
    const fired = apps.filter((a) => firedIds.has(a.id)).map((a) => ({ app: a, stage: a.next_stage!, lateness: lateness.get(a.id)! }));
    const escalated = fired.filter((f) => f.stage !== 'warning');
    if (escalated.length) {
      await m.query(
        'UPDATE visa_applications a SET escalation_level = u.level FROM unnest($1::uuid[], $2::int[]) AS u(id, level) WHERE a.id = u.id',
        [escalated.map((f) => f.app.id), escalated.map((f) => (f.stage === 'escalation' ? 1 : 2))],
      );
    }
    await this.events.publishMany(
      m,
      'sla.stage-fired',
      fired.map((f) => ({ payload: { applicationId: f.app.id, stage: f.stage, cycle: f.app.sla_cycle, officerId: f.app.assigned_officer_id, dueAt: f.app.due_at?.toISOString() ?? null }, dedupeKey: `sla.${f.app.id}.${f.stage}` })),
    );
    await this.planMany(m, apps);
    await this.audit.recordMany(m, fired.map((f) => ({ action: `sla.${f.stage}`, entityType: 'sla', entityId: f.app.id, after: { stage: f.stage, lateness: f.lateness, officerId: f.app.assigned_officer_id }, actor: null })));
    return fired.map((f) => ({ applicationId: f.app.id, stage: f.stage, cycle: f.app.sla_cycle, lateness: f.lateness }));
  }

  /**
   * To the active officer with the fewest open applications (ties: least recently assigned);
   * safe with several workers. With `from`, moves an application still held by that officer.
   */
  async assign(applicationId: string, from: string | null = null): Promise<string | null> {
    return this.db.transaction(async (m) => {
      await m.query('SELECT pg_advisory_xact_lock(hashtext($1))', [ASSIGNMENT_LOCK]);
      const [app] = await m.query('SELECT status, assigned_officer_id FROM visa_applications WHERE id = $1 FOR UPDATE', [applicationId]);
      if (!app || app.assigned_officer_id !== from || !['submitted', 'in_review', 'supplement_requested'].includes(app.status)) return null;
      const [officer]: { id: string }[] = await m.query(
        `SELECT u.id FROM users u
           LEFT JOIN visa_applications a ON a.assigned_officer_id = u.id AND a.status IN ('submitted','in_review','supplement_requested')
          WHERE u.role = 'officer' AND u.active
          GROUP BY u.id
          ORDER BY count(a.id), max(a.assigned_at) NULLS FIRST, u.id
          LIMIT 1`,
      );
      if (!officer) return null;
      await m.query('UPDATE visa_applications SET assigned_officer_id = $2, assigned_at = $3 WHERE id = $1', [applicationId, officer.id, this.clock.now()]);
      await this.audit.record(m, { action: 'visa_application.auto_assigned', entityType: 'visa_application', entityId: applicationId, after: { officerId: officer.id }, actor: null });
      return officer.id;
    });
  }

  /** Reacts to identity's deactivation. Moving only what the officer still holds makes a repeated delivery change nothing. */
  @OnDomainEvent('officer.deactivated', 'sla.redistribute')
  async onOfficerDeactivated(event: DomainEvent<'officer.deactivated'>): Promise<void> {
    await this.redistribute(event.payload.officerId);
  }

  /** An officer left: each of their open applications goes, one by one, to whoever is least loaded then. */
  async redistribute(officerId: string): Promise<number> {
    const open: { id: string }[] = await this.db.query(
      `SELECT id FROM visa_applications WHERE assigned_officer_id = $1 AND status IN ('submitted','in_review','supplement_requested') ORDER BY due_at NULLS LAST, id`,
      [officerId],
    );
    let moved = 0;
    for (const a of open) if (await this.assign(a.id, officerId)) moved++;
    return moved;
  }

  /** The supervisors' report for a window (spec/sla.md, reports). */
  async summary(from: Date, to: Date): Promise<SlaSummary> {
    const [counts] = await this.db.query(
      `SELECT count(*) FILTER (WHERE submitted_at >= $1 AND submitted_at < $2)::int AS submitted,
              count(*) FILTER (WHERE decided_at >= $1 AND decided_at < $2)::int AS decided,
              count(*) FILTER (WHERE decided_at >= $1 AND decided_at < $2 AND NOT EXISTS (
                SELECT 1 FROM sla_stage_effects e WHERE e.application_id = a.id AND e.stage = 'breach'))::int AS decided_on_time,
              count(*) FILTER (WHERE escalation_level = 1 AND status IN ('submitted','in_review','supplement_requested'))::int AS at_risk,
              count(*) FILTER (WHERE escalation_level = 2 AND status IN ('submitted','in_review','supplement_requested'))::int AS breached
         FROM visa_applications a`,
      [from, to],
    );
    const [{ breaches }] = await this.db.query(`SELECT count(*)::int AS breaches FROM sla_stage_effects WHERE stage = 'breach' AND fired_at >= $1 AND fired_at < $2`, [from, to]);
    const decided: SlaSubject[] = await this.db.query(`SELECT ${SUBJECT_COLUMNS} FROM visa_applications WHERE decided_at >= $1 AND decided_at < $2`, [from, to]);
    const views = await this.views(this.db.manager, decided);
    const hours = [...views.values()].flatMap((v) => (v ? [v.countedSeconds / 3600] : [])).sort((a, b) => a - b);
    const perOfficer = await this.db.query(
      `SELECT u.id AS "officerId", u.name,
              count(a.id) FILTER (WHERE a.status IN ('submitted','in_review','supplement_requested'))::int AS open,
              count(a.id) FILTER (WHERE a.escalation_level = 1 AND a.status IN ('submitted','in_review','supplement_requested'))::int AS "atRisk",
              count(a.id) FILTER (WHERE a.escalation_level = 2 AND a.status IN ('submitted','in_review','supplement_requested'))::int AS breached,
              count(a.id) FILTER (WHERE a.decided_at >= $1 AND a.decided_at < $2)::int AS decided
         FROM users u LEFT JOIN visa_applications a ON a.assigned_officer_id = u.id
        WHERE u.role = 'officer' GROUP BY u.id, u.name ORDER BY u.name, u.id`,
      [from, to],
    );
    return {
      from: from.toISOString(),
      to: to.toISOString(),
      submitted: counts.submitted,
      decided: counts.decided,
      decidedOnTimeShare: counts.decided ? counts.decided_on_time / counts.decided : null,
      breaches,
      processingHoursP50: percentile(hours, 0.5),
      processingHoursP90: percentile(hours, 0.9),
      currentlyAtRisk: counts.at_risk,
      currentlyBreached: counts.breached,
      perOfficer,
    };
  }

  /** The `sla` blocks of applications (a page, a report, one view) from one read of their histories. */
  async views(m: EntityManager, apps: readonly SlaSubject[]): Promise<Map<string, SlaView | null>> {
    const histories = await this.histories(m, apps.filter((a) => a.track).map((a) => a.id));
    const now = this.clock.now();
    return new Map(apps.map((app) => [app.id, this.block(app, clockTimeline(histories.get(app.id) ?? [], this.mode, now), now)]));
  }

  /** How the clock reached its state (spec/sla.md, "the clock is explainable"): its stretches with their causes, and the stages. */
  async explain(applicationId: string, m: EntityManager = this.db.manager): Promise<SlaExplanation | null> {
    const [app]: SlaSubject[] = await m.query(`SELECT ${SUBJECT_COLUMNS} FROM visa_applications WHERE id = $1`, [applicationId]);
    if (!app) return null;
    const now = this.clock.now();
    const timeline = clockTimeline((await this.histories(m, [applicationId])).get(applicationId) ?? [], this.mode, now);
    const fired = await m.query(
      `SELECT stage, due_instant AS "dueInstant", fired_at AS "firedAt", lateness_seconds AS "latenessSeconds" FROM sla_stage_effects WHERE application_id = $1`,
      [applicationId],
    );
    return {
      target: app.track ? this.target(app.track) : null,
      calendar: this.mode,
      timeZone: 'Asia/Seoul',
      sla: this.block(app, timeline, now),
      segments: timeline,
      stages: app.track ? explainStages({ timeline, fired, target: this.target(app.track), mode: this.mode, warnAt: this.config.sla.warnAt, escalateAt: this.config.sla.escalateAt }) : [],
    };
  }

  /** One application's `sla` block from its timeline; none before the track is fixed at submission. */
  private block(app: SlaSubject, timeline: ClockSegment[], now: Date): SlaView | null {
    if (!app.track) return null;
    return slaView({
      segments: runningSegments(timeline),
      target: this.target(app.track),
      mode: this.mode,
      submittedAt: app.submittedAt,
      closedAt: app.closedAt,
      decided: app.status === 'approved' || app.status === 'rejected',
      escalationLevel: app.escalationLevel,
      now,
    });
  }

  /** Recomputes next stage, its instant and the due time from the history; the timer goes through the outbox. */
  private async plan(m: EntityManager, applicationId: string): Promise<void> {
    await this.planMany(m, await m.query('SELECT * FROM visa_applications WHERE id = $1', [applicationId]));
  }

  private async planMany(m: EntityManager, apps: AppRow[]): Promise<void> {
    if (apps.length === 0) return;
    const ids = apps.map((a) => a.id);
    const histories = await this.histories(m, ids);
    const effects: { application_id: string; stage: Stage }[] = await m.query('SELECT application_id, stage FROM sla_stage_effects WHERE application_id = ANY($1)', [ids]);
    const firedOf = new Map<string, Stage[]>();
    for (const e of effects) firedOf.set(e.application_id, [...(firedOf.get(e.application_id) ?? []), e.stage]);
    const now = this.clock.now();
    const plans = apps.map((app) => {
      const segments = RUNNING.includes(app.status) ? runningSegments(clockTimeline(histories.get(app.id) ?? [], this.mode, now)) : [];
      const fired = firedOf.get(app.id) ?? [];
      // Every stage's instant once; the due time is the breach's, fired or not.
      const all = planStages({ segments, target: this.target(app.track), mode: this.mode, warnAt: this.config.sla.warnAt, escalateAt: this.config.sla.escalateAt, fired: [] });
      const next = all.filter((p) => !fired.includes(p.stage)).sort((a, b) => a.at.getTime() - b.at.getTime() || STAGES.indexOf(a.stage) - STAGES.indexOf(b.stage))[0];
      return { app, next, due: all.find((p) => p.stage === 'breach')?.at ?? null };
    });
    await m.query(
      `UPDATE visa_applications a SET next_stage = u.stage, next_stage_at = u.at, due_at = u.due
         FROM unnest($1::uuid[], $2::text[], $3::timestamptz[], $4::timestamptz[]) AS u(id, stage, at, due) WHERE a.id = u.id`,
      [ids, plans.map((p) => p.next?.stage ?? null), plans.map((p) => p.next?.at ?? null), plans.map((p) => p.due)],
    );
    await this.timers.schedule(
      m,
      plans.flatMap(({ app, next }) =>
        next ? [{ kind: SLA_STAGE_TIMER, key: stageTimerKey(app.id), at: next.at, payload: { applicationId: app.id, stage: next.stage, cycle: app.sla_cycle } }] : [],
      ),
    );
    await this.timers.cancel(m, plans.filter((p) => !p.next).map((p) => stageTimerKey(p.app.id)));
  }

  private get mode(): CalendarMode {
    return this.config.sla.calendar;
  }

  /** The clock-moving history entries of these applications, oldest first, in one query. */
  private async histories(m: EntityManager, ids: readonly string[]): Promise<Map<string, ClockEvent[]>> {
    const out = new Map<string, ClockEvent[]>();
    if (ids.length === 0) return out;
    const rows: (ClockEvent & { applicationId: string })[] = await m.query(
      `SELECT application_id AS "applicationId", action, occurred_at AS "occurredAt", COALESCE(actor_role, 'system') AS "actorRole", actor_id AS "actorId"
         FROM visa_application_events WHERE application_id = ANY($1) AND action = ANY($2) ORDER BY id`,
      [ids, CLOCK_ACTIONS],
    );
    for (const { applicationId, ...event } of rows) {
      const list = out.get(applicationId) ?? [];
      list.push(event);
      out.set(applicationId, list);
    }
    return out;
  }
}

export interface FiredStage {
  applicationId: string;
  stage: Stage;
  cycle: number;
  /** Seconds after its instant. */
  lateness: number;
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

export interface SlaExplanation {
  target: string | null;
  calendar: CalendarMode;
  /** The zone whose days are counted in business mode. */
  timeZone: string;
  sla: SlaView | null;
  segments: ClockSegment[];
  stages: StageExplanation[];
}

export interface SlaSummary {
  from: string;
  to: string;
  submitted: number;
  decided: number;
  decidedOnTimeShare: number | null;
  breaches: number;
  processingHoursP50: number | null;
  processingHoursP90: number | null;
  currentlyAtRisk: number;
  currentlyBreached: number;
  perOfficer: { officerId: string; name: string; open: number; atRisk: number; breached: number; decided: number }[];
}

/** Nearest-rank percentile of sorted values, rounded to hundredths. */
function percentile(sorted: number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return Math.round(sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] * 100) / 100;
}
