import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { SlaView } from '../domain/sla-stages.js';
import type { ClockFact, ClockRow, SlaSubject } from './sla.repository.js';
import { SlaPlanning } from './sla-planning.service.js';
import { SlaViews, type SlaExplanation } from './sla-views.service.js';

/**
 * The processing clock of visa applications (spec/sla.md), as other modules use it: visas starts
 * and halts it in its own transactions and shows its views. Planning, firing (on the platform's
 * durable timers), views, reports and assignment live in their own services behind this door.
 */
@Injectable()
export class SlaClockService {
  constructor(
    private readonly planning: SlaPlanning,
    private readonly slaViews: SlaViews,
  ) {}

  /**
   * After submit or resubmit, in the change's transaction; `fact` is what the history records.
   * `app` is the application as the change leaves it. Returns the due time for the caller to
   * store with its own update of the application, and the `sla` block of its answer, made from
   * the history the plan already holds.
   */
  async start(m: EntityManager, app: SlaSubject & { track: ClockRow['track']; assignedOfficerId: string | null }, fact: ClockFact): Promise<{ dueAt: Date | null; sla: SlaView | null }> {
    const { dueAt, history } = await this.planning.start(m, app, fact);
    return { dueAt, sla: this.slaViews.viewFrom(app, history) };
  }

  /** After a supplement request, a decision, a withdrawal or a lapse, in the change's transaction. */
  halt(m: EntityManager, applicationId: string, fact: ClockFact): Promise<void> {
    return this.planning.halt(m, applicationId, fact);
  }

  views(m: EntityManager, apps: readonly SlaSubject[]): Promise<Map<string, SlaView | null>> {
    return this.slaViews.views(m, apps);
  }

  explain(applicationId: string, m?: EntityManager): Promise<SlaExplanation | null> {
    return this.slaViews.explain(applicationId, m);
  }
}
