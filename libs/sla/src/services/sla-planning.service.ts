import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, Clock, JOBS, OutboxService, TimersService, jobId, type AppConfig } from '@medjourney/platform';
import type { EntityManager } from 'typeorm';
import { planStages, STAGES, type Stage } from '../domain/sla-stages.js';
import { clockTimeline, runningSegments, type ClockEvent } from '../domain/sla-timeline.js';
import { SLA_APPLICATIONS, type SlaApplicationsPort } from '../ports/sla-applications.port.js';
import { SlaRepository, type ClockFact, type ClockRow, type StoredPlan } from './sla.repository.js';
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

/**
 * When each clock's stages fall due: the next stage and its instant, the due time, the timer.
 * A plan is made when the clock starts or resumes (and for a clock that has no stored instants
 * yet); it stores every stage's instant, from which firing takes the next stage on its own.
 */
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

  /**
   * After submit or resubmit (in the change's transaction): a new cycle, its plan and its timer;
   * and an assignment when none. Returns the due time, which the caller stores on the application
   * in its own update, and the history the plan was made from, for the change's answer.
   */
  async start(m: EntityManager, app: { id: string; track: ClockRow['track']; assignedOfficerId: string | null }, fact: ClockFact): Promise<{ dueAt: Date | null; history: ClockEvent[] }> {
    const now = this.clock.now();
    // A first cycle's history is the fact being written and nothing of it has fired: its plan is
    // made before the write and stored with the new clock, in one statement.
    const history: ClockEvent[] = [{ ...fact, occurredAt: now }];
    const first = this.planOf(app.track, true, history, [], now);
    const clock = await this.repo.startCycle(m, app.id, app.track, fact, now, first);
    // A later cycle kept its old plan: it is planned from the whole history.
    const planned = clock.cycle === 1 ? { due: first.due, history } : (await this.plan(m, [clock], { mirror: false }))[0];
    if (clock.cycle === 1) await this.arm(m, [{ clock, next: first.next }]);
    if (!app.assignedOfficerId) await this.outbox.publish(m, JOBS.slaAssign, { applicationId: app.id }, { jobId: jobId('sla-assign', app.id, clock.cycle) });
    return { dueAt: planned.due, history: planned.history };
  }

  /** After a supplement request (paused), a decision, a withdrawal or a lapse (stopped): nothing is due any more. */
  async halt(m: EntityManager, applicationId: string, fact: ClockFact): Promise<void> {
    // A draft withdrawn before submission has no clock to stop.
    if (!(await this.repo.halt(m, applicationId, fact.action === 'request_supplement' ? 'paused' : 'stopped'))) return;
    await this.repo.recordFact(m, applicationId, fact, this.clock.now());
    await this.applications.mirror(m, [{ id: applicationId, dueAt: null }]);
    await this.timers.cancel(m, [stageTimerKey(applicationId)]);
  }

  /**
   * Recomputes next stage, its instant and the due time from the history, and arms (or disarms)
   * each timer. The due time is mirrored onto the applications unless the caller stores it
   * itself (`mirror: false`); histories and fired stages the caller already holds are not read again.
   */
  async plan(
    m: EntityManager,
    clocks: ClockRow[],
    opts: { known?: { histories: Map<string, ClockEvent[]>; fired: Map<string, Stage[]> }; mirror?: boolean } = {},
  ): Promise<{ id: string; due: Date | null; history: ClockEvent[] }[]> {
    if (clocks.length === 0) return [];
    const ids = clocks.map((c) => c.id);
    const histories = opts.known?.histories ?? (await this.repo.histories(m, ids));
    const firedOf = opts.known?.fired ?? (await this.repo.firedStages(m, ids));
    const now = this.clock.now();
    const plans = clocks.map((c) => ({ clock: c, ...this.planOf(c.track, isRunning(c), histories.get(c.id) ?? [], firedOf.get(c.id) ?? [], now) }));
    // Every stage's instant is stored with the plan, so that firing a stage moves the clock on without planning (SlaRepository.fireStages).
    await this.repo.savePlans(m, plans.map((p) => ({ id: p.clock.id, ...p })));
    // The visas module keeps the due time for its work queue; a stage firing leaves it as it was, so only changes travel.
    if (opts.mirror !== false) {
      await this.applications.mirror(m, plans.filter((p) => p.due?.getTime() !== p.clock.due_at?.getTime()).map((p) => ({ id: p.clock.id, dueAt: p.due })));
    }
    await this.arm(m, plans);
    return plans.map((p) => ({ id: p.clock.id, due: p.due, history: histories.get(p.clock.id) ?? [] }));
  }

  /** Every stage's instant once, from the clock's history; the next stage not fired yet; the due time is the breach's, fired or not. */
  private planOf(track: ClockRow['track'], running: boolean, history: readonly ClockEvent[], fired: readonly Stage[], now: Date): StoredPlan & { next: { stage: Stage; at: Date } | undefined } {
    const { calendar: mode, warnAt, escalateAt } = this.config.sla;
    const segments = running ? runningSegments(clockTimeline([...history], mode, now)) : [];
    const all = planStages({ segments, target: targetOf(this.config.sla, track), mode, warnAt, escalateAt, fired: [] });
    const next = all.filter((p) => !fired.includes(p.stage)).sort((a, b) => a.at.getTime() - b.at.getTime() || STAGES.indexOf(a.stage) - STAGES.indexOf(b.stage))[0];
    const at = (stage: Stage) => all.find((p) => p.stage === stage)?.at ?? null;
    return { next, stage: next?.stage ?? null, at: next?.at ?? null, due: at('breach'), warningAt: at('warning'), escalationAt: at('escalation') };
  }

  /** Arms each clock's timer for its next stage, or disarms it when none is left. */
  private async arm(m: EntityManager, plans: readonly { clock: ClockRow; next: { stage: Stage; at: Date } | undefined }[]): Promise<void> {
    await this.timers.schedule(
      m,
      plans.flatMap(({ clock, next }) =>
        next ? [{ kind: SLA_STAGE_TIMER, key: stageTimerKey(clock.id), at: next.at, payload: { applicationId: clock.id, stage: next.stage, cycle: clock.cycle } }] : [],
      ),
    );
    await this.timers.cancel(m, plans.filter((p) => !p.next).map((p) => stageTimerKey(p.clock.id)));
  }
}
