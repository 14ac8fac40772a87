import { countedBetween, type CalendarMode, type RunningSegment } from './sla-calendar.js';
import { planStages, STAGES, type Stage } from './sla-stages.js';

/** The history actions that move the clock: submit and resubmit run it, a supplement request pauses it, the rest stop it. */
export const CLOCK_ACTIONS = ['submit', 'resubmit', 'request_supplement', 'decide', 'withdraw', 'lapse'] as const;

/** Who or what moved the clock: an actor's role (`system` for jobs) and the history action. */
export interface ClockCause {
  action: string;
  actorRole: string | null;
  actorId: string | null;
}

export interface ClockEvent extends ClockCause {
  occurredAt: Date;
}

export interface ClockSegment {
  kind: 'running' | 'paused';
  from: Date;
  /** Open while the clock is still in this state. */
  to: Date | null;
  /** Time that counts toward the target (always 0 while paused); an open segment counts up to `now`. */
  countedSeconds: number;
  startedBy: ClockCause;
  endedBy: ClockCause | null;
}

/**
 * The application's clock as consecutive running and paused stretches, each with its cause,
 * from the history alone (oldest first). After a decision, withdrawal or lapse no stretch is
 * open. Pure.
 */
export function clockTimeline(events: readonly ClockEvent[], mode: CalendarMode, now: Date): ClockSegment[] {
  const out: ClockSegment[] = [];
  for (const e of events) {
    const cause: ClockCause = { action: e.action, actorRole: e.actorRole, actorId: e.actorId };
    const last = out.at(-1);
    const open = last?.to === null ? last : undefined;
    const starts = e.action === 'submit' || e.action === 'resubmit';
    if (starts && open?.kind === 'running') continue;
    if (!starts && !open) continue;
    if (open) {
      open.to = e.occurredAt;
      open.endedBy = cause;
    }
    if (starts) out.push({ kind: 'running', from: e.occurredAt, to: null, countedSeconds: 0, startedBy: cause, endedBy: null });
    else if (e.action === 'request_supplement' && open!.kind === 'running') {
      out.push({ kind: 'paused', from: e.occurredAt, to: null, countedSeconds: 0, startedBy: cause, endedBy: null });
    }
  }
  for (const s of out) if (s.kind === 'running') s.countedSeconds = Math.round(countedBetween(s.from, s.to ?? now, mode));
  return out;
}

/** The running stretches of a timeline, as the calendar functions take them. */
export function runningSegments(timeline: readonly ClockSegment[]): RunningSegment[] {
  return timeline.filter((s) => s.kind === 'running').map((s) => ({ from: s.from, to: s.to }));
}

export interface StageRecord {
  stage: Stage;
  dueInstant: Date;
  firedAt: Date;
  latenessSeconds: number;
}

export interface StageExplanation {
  stage: Stage;
  /** Share of the target at which the stage falls due. */
  share: number;
  /** `fired`; `scheduled` while the clock runs; `held` while it is paused; `cancelled` once it stopped first. */
  status: 'fired' | 'scheduled' | 'held' | 'cancelled';
  dueAt: Date | null;
  firedAt: Date | null;
  latenessSeconds: number | null;
}

/** Each stage with its instant and, once fired, when and how late; none before the first submission. Pure. */
export function explainStages(input: {
  timeline: readonly ClockSegment[];
  fired: readonly StageRecord[];
  target: string;
  mode: CalendarMode;
  warnAt: number;
  escalateAt: number;
}): StageExplanation[] {
  if (input.timeline.length === 0) return [];
  const share: Record<Stage, number> = { warning: input.warnAt, escalation: input.escalateAt, breach: 1 };
  const planned = planStages({ segments: runningSegments(input.timeline), target: input.target, mode: input.mode, warnAt: input.warnAt, escalateAt: input.escalateAt, fired: input.fired.map((f) => f.stage) });
  const open = input.timeline.find((s) => s.to === null);
  return STAGES.map((stage) => {
    const fired = input.fired.find((f) => f.stage === stage);
    if (fired) return { stage, share: share[stage], status: 'fired', dueAt: fired.dueInstant, firedAt: fired.firedAt, latenessSeconds: fired.latenessSeconds };
    const at = planned.find((p) => p.stage === stage)?.at ?? null;
    const status = open?.kind === 'running' ? 'scheduled' : open?.kind === 'paused' ? 'held' : 'cancelled';
    return { stage, share: share[stage], status, dueAt: at, firedAt: null, latenessSeconds: null };
  });
}
