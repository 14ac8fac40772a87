import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, Clock, JOBS, OutboxService, TimersService, jobId, type AppConfig } from '@medjourney/platform';
import type { EntityManager } from 'typeorm';
import { planStages, STAGES, type Stage } from '../domain/sla-stages.js';
import { clockTimeline, runningSegments } from '../domain/sla-timeline.js';
import { SLA_APPLICATIONS, type SlaApplicationsPort } from '../ports/sla-applications.port.js';
import { SlaRepository, type ClockFact, type ClockRow } from './sla.repository.js';
import { targetOf } from './sla-settings.js';

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

/** Whether the clock of this application runs (it is neither paused nor stopped). */
export const isRunning = (clock: ClockRow) => clock.state === 'running';

/** When each clock's stages fall due: the next stage and its instant, the due time, the timer. */
@Injectable()
export class SlaPlanning {
  constructor(
    private readonly repo: SlaRepository,
    private readonly timers: TimersService,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
    @Inject(SLA_APPLICATIONS) private readonly applications: SlaApplicationsPort,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** After submit or resubmit (in the change's transaction): a new cycle, its plan and its timer; and an assignment when none. */
  async start(m: EntityManager, applicationId: string, track: ClockRow['track'], fact: ClockFact): Promise<void> {
    const cycle = await this.repo.startCycle(m, applicationId, track);
    await this.repo.recordFact(m, applicationId, fact, this.clock.now());
    await this.plan(m, await this.repo.clocks(m, [applicationId]));
    const assigned = (await this.applications.assignedOfficers(m, [applicationId])).get(applicationId);
    if (!assigned) await this.outbox.publish(m, JOBS.slaAssign, { applicationId }, { jobId: jobId('sla-assign', applicationId, cycle) });
  }

  /** After a supplement request (paused), a decision, a withdrawal or a lapse (stopped): nothing is due any more. */
  async halt(m: EntityManager, applicationId: string, fact: ClockFact): Promise<void> {
    // A draft withdrawn before submission has no clock to stop.
    if (!(await this.repo.halt(m, applicationId, fact.action === 'request_supplement' ? 'paused' : 'stopped'))) return;
    await this.repo.recordFact(m, applicationId, fact, this.clock.now());
    await this.applications.mirror(m, [{ id: applicationId, dueAt: null }]);
    await this.timers.cancel(m, [stageTimerKey(applicationId)]);
  }

  /** Recomputes next stage, its instant and the due time from the history, and arms (or disarms) each timer. */
  async plan(m: EntityManager, clocks: ClockRow[]): Promise<void> {
    if (clocks.length === 0) return;
    const ids = clocks.map((c) => c.id);
    const histories = await this.repo.histories(m, ids);
    const firedOf = await this.repo.firedStages(m, ids);
    const now = this.clock.now();
    const { calendar: mode, warnAt, escalateAt } = this.config.sla;
    const plans = clocks.map((c) => {
      const segments = isRunning(c) ? runningSegments(clockTimeline(histories.get(c.id) ?? [], mode, now)) : [];
      const fired = firedOf.get(c.id) ?? [];
      // Every stage's instant once; the due time is the breach's, fired or not.
      const all = planStages({ segments, target: targetOf(this.config.sla, c.track), mode, warnAt, escalateAt, fired: [] });
      const next = all.filter((p) => !fired.includes(p.stage)).sort((a, b) => a.at.getTime() - b.at.getTime() || STAGES.indexOf(a.stage) - STAGES.indexOf(b.stage))[0];
      return { clock: c, next, due: all.find((p) => p.stage === 'breach')?.at ?? null };
    });
    await this.repo.savePlans(m, plans.map((p) => ({ id: p.clock.id, stage: p.next?.stage ?? null, at: p.next?.at ?? null, due: p.due })));
    await this.applications.mirror(m, plans.map((p) => ({ id: p.clock.id, dueAt: p.due })));
    await this.timers.schedule(
      m,
      plans.flatMap(({ clock, next }) =>
        next ? [{ kind: SLA_STAGE_TIMER, key: stageTimerKey(clock.id), at: next.at, payload: { applicationId: clock.id, stage: next.stage, cycle: clock.cycle } }] : [],
      ),
    );
    await this.timers.cancel(m, plans.filter((p) => !p.next).map((p) => stageTimerKey(p.clock.id)));
  }
}
