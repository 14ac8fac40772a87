import { Inject, Injectable } from '@nestjs/common';
import { AuditService, Clock, EventBus, MetricsService, TimersService, type DueTimer } from '@medjourney/platform';
import { Counter, Histogram } from 'prom-client';
import type { EntityManager } from 'typeorm';
import type { Stage } from '../domain/sla-stages.js';
import { SLA_APPLICATIONS, type SlaApplicationsPort } from '../ports/sla-applications.port.js';
import { SlaRepository, type ClockRow } from './sla.repository.js';
import { isRunning, SLA_STAGE_TIMER, SlaPlanning, type StageTimer } from './sla-planning.service.js';

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
   * The stage timers that are due, their rows locked by the timer service: locks their clocks
   * (skipping those another transaction holds, unless told to wait: those stay armed) and fires
   * the next stage of each that is still this cycle's and due.
   */
  private async fireTimers(m: EntityManager, due: DueTimer<StageTimer>[], { wait }: { wait: boolean }): Promise<Map<string, FiredStage | null>> {
    const ids = due.map((d) => d.payload.applicationId);
    const clocks = await this.repo.lockClocks(m, ids, wait);
    const locked = new Set(clocks.map((c) => c.id));
    const busy = await this.repo.existing(m, ids.filter((id) => !locked.has(id)));
    const now = this.clock.now().getTime();
    const timerOf = new Map(due.map((d) => [d.payload.applicationId, d.payload]));
    const firing = clocks.filter((c) => {
      const timer = timerOf.get(c.id)!;
      return isRunning(c) && c.cycle === timer.cycle && c.next_stage === timer.stage && c.next_stage_at!.getTime() <= now;
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
   * The effects of the due next stage of clocks this transaction holds: each recorded once under
   * its primary key, then the events, the next plan and, last, the audit records (the audit
   * chain's lock lasts until commit and serialises every audited write).
   */
  private async fireLocked(m: EntityManager, clocks: ClockRow[]): Promise<FiredStage[]> {
    if (clocks.length === 0) return [];
    const now = this.clock.now();
    const lateness = new Map(clocks.map((c) => [c.id, Math.max(0, (now.getTime() - c.next_stage_at!.getTime()) / 1000)]));
    const officers = await this.applications.assignedOfficers(m, clocks.map((c) => c.id));
    const firedIds = await this.repo.recordEffects(
      m,
      now,
      clocks.map((c) => ({ applicationId: c.id, stage: c.next_stage!, cycle: c.cycle, dueInstant: c.next_stage_at!, lateness: lateness.get(c.id)!, officerId: officers.get(c.id) ?? null })),
    );
    const fired = clocks.filter((c) => firedIds.has(c.id)).map((c) => ({ clock: c, stage: c.next_stage!, lateness: lateness.get(c.id)!, officerId: officers.get(c.id) ?? null }));
    const escalated = fired.filter((f) => f.stage !== 'warning').map((f) => ({ id: f.clock.id, level: f.stage === 'escalation' ? 1 : 2 }));
    await this.repo.setEscalation(m, escalated);
    await this.applications.mirror(m, escalated.map((e) => ({ id: e.id, escalationLevel: e.level })));
    await this.events.publishMany(
      m,
      'sla.stage-fired',
      fired.map((f) => ({
        payload: { applicationId: f.clock.id, stage: f.stage, cycle: f.clock.cycle, officerId: f.officerId, dueAt: f.clock.due_at?.toISOString() ?? null },
        dedupeKey: `sla.${f.clock.id}.${f.stage}`,
      })),
    );
    await this.planning.plan(m, clocks);
    await this.audit.recordMany(m, fired.map((f) => ({ action: `sla.${f.stage}`, entityType: 'sla', entityId: f.clock.id, after: { stage: f.stage, lateness: f.lateness, officerId: f.officerId }, actor: null })));
    return fired.map((f) => ({ applicationId: f.clock.id, stage: f.stage, cycle: f.clock.cycle, lateness: f.lateness }));
  }
}
