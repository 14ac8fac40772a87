import { Inject, Injectable } from '@nestjs/common';
import { AuditService, Clock, EventBus, MetricsService, TimersService, type DueTimer, type NewTimer } from '@medjourney/platform';
import { Counter, Histogram } from 'prom-client';
import type { EntityManager } from 'typeorm';
import type { Stage } from '../domain/sla-stages.js';
import { SLA_APPLICATIONS, type SlaApplicationsPort } from '../ports/sla-applications.port.js';
import { SlaRepository } from './sla.repository.js';
import { SLA_STAGE_TIMER, SlaPlanning, stageTimerKey, type StageTimer } from './sla-planning.service.js';

export interface FiredStage {
  applicationId: string;
  stage: Stage;
  cycle: number;
  /** Seconds after its instant. */
  lateness: number;
}

/**
 * Fires due stages: the handler of the stage timers. The effect of a stage is written once under
 * a unique key, so a second delivery changes nothing; metrics count only committed effects.
 */
@Injectable()
export class SlaFiring {
  private readonly breaches: Counter;
  private readonly lateness: Histogram;

  constructor(
    private readonly repo: SlaRepository,
    private readonly planning: SlaPlanning,
    private readonly events: EventBus,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(SLA_APPLICATIONS) private readonly applications: SlaApplicationsPort,
    timers: TimersService,
    metrics: MetricsService,
  ) {
    this.breaches = (metrics.registry.getSingleMetric('sla_breaches_total') as Counter) ??
      new Counter({ name: 'sla_breaches_total', help: 'Applications that passed their processing target', registers: [metrics.registry] });
    this.lateness = (metrics.registry.getSingleMetric('sla_stage_lateness_seconds') as Histogram) ??
      new Histogram({ name: 'sla_stage_lateness_seconds', help: 'How late each SLA stage fired', labelNames: ['stage'], buckets: [0.1, 0.5, 1, 2, 5, 10, 30, 60, 120], registers: [metrics.registry] });
    timers.register<StageTimer, FiredStage>(SLA_STAGE_TIMER, { fire: (m, due, opts) => this.fireTimers(m, due, opts), committed: (fired) => this.observe(fired) });
  }

  /**
   * The stage timers that are due, their rows locked by the timer service: fires their stages
   * (one statement locks the clocks, skipping those another transaction holds unless told to
   * wait, decides which are still this cycle's and due, records the effects and moves each
   * clock to its next stage), re-arms each timer for its clock's next stage (the timer service
   * moves the row in place; a clock with none left has its timer deleted), then writes what
   * follows from them in bulk. A timer whose clock another transaction held stays armed.
   */
  private async fireTimers(
    m: EntityManager,
    due: DueTimer<StageTimer>[],
    { wait, rearm }: { wait: boolean; rearm: (timers: readonly NewTimer<StageTimer>[]) => void },
  ): Promise<Map<string, FiredStage | null>> {
    const now = this.clock.now();
    const officers = await this.applications.assignedOfficers(m, due.map((d) => d.payload.applicationId));
    const outcome = await this.repo.fireStages(
      m,
      now,
      due.map((d) => ({ ...d.payload, officerId: officers.get(d.payload.applicationId) ?? null })),
      wait,
    );
    rearm(
      outcome.flatMap(({ clock, due: isDue, planned, next }) =>
        clock && isDue && planned && next
          ? [{ kind: SLA_STAGE_TIMER, key: stageTimerKey(clock.id), at: next.at, payload: { applicationId: clock.id, stage: next.stage, cycle: clock.cycle } }]
          : [],
      ),
    );
    const fired = new Map((await this.followUp(m, now, outcome, officers)).map((f) => [f.applicationId, f]));
    const held = new Set(outcome.filter((o) => o.held).map((o) => o.applicationId));
    return new Map(due.filter((d) => !held.has(d.payload.applicationId)).map((d) => [d.key, fired.get(d.payload.applicationId) ?? null]));
  }

  /** Metrics once the effects are committed. */
  private observe(fired: FiredStage[]): void {
    for (const f of fired) {
      this.lateness.observe({ stage: f.stage }, f.lateness);
      if (f.stage === 'breach') this.breaches.inc();
    }
  }

  /**
   * What follows from the stages just recorded, in bulk: the escalation level on the application,
   * the events, the next plan of every due clock that had no stored instants (recorded now or
   * before; the others moved on in the firing statement) and, last, the audit records.
   */
  private async followUp(
    m: EntityManager,
    now: Date,
    outcome: Awaited<ReturnType<SlaRepository['fireStages']>>,
    officers: Map<string, string | null>,
  ): Promise<FiredStage[]> {
    const due = outcome.filter((o) => o.due).map((o) => o.clock!);
    if (due.length === 0) return [];
    const fired = outcome
      .filter((o) => o.fired)
      .map(({ clock }) => ({ clock: clock!, stage: clock!.next_stage!, lateness: Math.max(0, (now.getTime() - clock!.next_stage_at!.getTime()) / 1000), officerId: officers.get(clock!.id) ?? null }));
    await this.applications.mirror(m, fired.filter((f) => f.stage !== 'warning').map((f) => ({ id: f.clock.id, escalationLevel: f.stage === 'escalation' ? 1 : 2 })));
    await this.events.publishMany(
      m,
      'sla.stage-fired',
      fired.map((f) => ({
        payload: { applicationId: f.clock.id, stage: f.stage, cycle: f.clock.cycle, officerId: f.officerId, dueAt: f.clock.due_at?.toISOString() ?? null },
        dedupeKey: `sla.${f.clock.id}.${f.stage}`,
      })),
    );
    await this.planning.plan(m, outcome.filter((o) => o.due && !o.planned).map((o) => o.clock!));
    await this.audit.recordMany(m, fired.map((f) => ({ action: `sla.${f.stage}`, entityType: 'sla', entityId: f.clock.id, after: { stage: f.stage, lateness: f.lateness, officerId: f.officerId }, actor: null })));
    return fired.map((f) => ({ applicationId: f.clock.id, stage: f.stage, cycle: f.clock.cycle, lateness: f.lateness }));
  }
}
