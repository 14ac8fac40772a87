import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, Clock, type AppConfig } from '@medjourney/platform';
import { DataSource, type EntityManager } from 'typeorm';
import type { CalendarMode } from '../domain/sla-calendar.js';
import { slaView, type SlaView } from '../domain/sla-stages.js';
import { clockTimeline, explainStages, runningSegments, type ClockEvent, type ClockSegment, type StageExplanation } from '../domain/sla-timeline.js';
import { SLA_APPLICATIONS, type SlaApplicationsPort } from '../ports/sla-applications.port.js';
import { SlaRepository, type SlaSubject } from './sla.repository.js';
import { targetOf } from './sla-settings.js';

export interface SlaExplanation {
  target: string | null;
  calendar: CalendarMode;
  /** The zone whose days are counted in business mode. */
  timeZone: string;
  sla: SlaView | null;
  segments: ClockSegment[];
  stages: StageExplanation[];
}

/** The `sla` block of application views, and the clock explained (spec/sla.md). */
@Injectable()
export class SlaViews {
  constructor(
    private readonly db: DataSource,
    private readonly repo: SlaRepository,
    private readonly clock: Clock,
    @Inject(SLA_APPLICATIONS) private readonly applications: SlaApplicationsPort,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The `sla` blocks of applications (a page, a report, one view) from one read of their histories. */
  async views(m: EntityManager, apps: readonly SlaSubject[]): Promise<Map<string, SlaView | null>> {
    const histories = await this.repo.histories(m, apps.filter((a) => a.track).map((a) => a.id));
    const now = this.clock.now();
    return new Map(apps.map((app) => [app.id, this.block(app, clockTimeline(histories.get(app.id) ?? [], this.config.sla.calendar, now), now)]));
  }

  /** One application's `sla` block from a history the caller holds. */
  viewFrom(app: SlaSubject, history: readonly ClockEvent[]): SlaView | null {
    const now = this.clock.now();
    return this.block(app, clockTimeline(history, this.config.sla.calendar, now), now);
  }

  /** How the clock reached its state (spec/sla.md, "the clock is explainable"): its stretches with their causes, and the stages. */
  async explain(applicationId: string, m: EntityManager = this.db.manager): Promise<SlaExplanation | null> {
    const [app] = await this.applications.subjects(m, [applicationId]);
    if (!app) return null;
    const now = this.clock.now();
    const mode = this.config.sla.calendar;
    const timeline = clockTimeline((await this.repo.histories(m, [applicationId])).get(applicationId) ?? [], mode, now);
    const fired = await this.repo.effectsOf(m, applicationId);
    const target = app.track ? targetOf(this.config.sla, app.track) : null;
    return {
      target,
      calendar: mode,
      timeZone: 'Asia/Seoul',
      sla: this.block(app, timeline, now),
      segments: timeline,
      stages: target ? explainStages({ timeline, fired, target, mode, warnAt: this.config.sla.warnAt, escalateAt: this.config.sla.escalateAt }) : [],
    };
  }

  /** One application's `sla` block from its timeline; none before the track is fixed at submission. */
  private block(app: SlaSubject, timeline: ClockSegment[], now: Date): SlaView | null {
    if (!app.track) return null;
    return slaView({
      segments: runningSegments(timeline),
      target: targetOf(this.config.sla, app.track),
      mode: this.config.sla.calendar,
      submittedAt: app.submittedAt,
      closedAt: app.closedAt,
      decided: app.status === 'approved' || app.status === 'rejected',
      escalationLevel: app.escalationLevel,
      now,
    });
  }
}
