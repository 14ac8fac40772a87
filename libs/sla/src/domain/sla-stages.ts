import { addCounted, countedBetween, targetSeconds, type CalendarMode, type RunningSegment } from './sla-calendar.js';

export const STAGES = ['warning', 'escalation', 'breach'] as const;
export type Stage = (typeof STAGES)[number];

export interface StagePlanInput {
  /** Closed running stretches, then at most one open one (the clock runs) or none (paused or stopped). */
  segments: RunningSegment[];
  target: string;
  mode: CalendarMode;
  warnAt: number;
  escalateAt: number;
  fired: readonly Stage[];
}

/**
 * Each unfired stage's instant: when the counted time reaches its share of the target. A pause
 * pushes every unfired stage later by the paused time; with no open segment nothing is due.
 * Pure.
 */
export function planStages(input: StagePlanInput): { stage: Stage; at: Date }[] {
  const open = input.segments.find((s) => s.to === null);
  if (!open) return [];
  const spent = input.segments.filter((s) => s.to !== null).reduce((sum, s) => sum + countedBetween(s.from, s.to!, input.mode), 0);
  const total = targetSeconds(input.target);
  const share: Record<Stage, number> = { warning: input.warnAt, escalation: input.escalateAt, breach: 1 };
  return STAGES.filter((stage) => !input.fired.includes(stage)).map((stage) => ({
    stage,
    at: addCounted(open.from, Math.max(0, share[stage] * total - spent), input.mode),
  }));
}

export type SlaState = 'on_track' | 'at_risk' | 'breached' | 'met' | 'stopped';

export interface SlaView {
  target: string;
  dueAt: string | null;
  countedSeconds: number;
  actualSeconds: number;
  remainingSeconds: number;
  paused: boolean;
  state: SlaState;
  escalationLevel: number;
}

/** The `sla` block of an application view (spec/sla.md). Pure. */
export function slaView(input: {
  segments: RunningSegment[];
  target: string;
  mode: CalendarMode;
  submittedAt: Date | null;
  closedAt: Date | null;
  decided: boolean;
  escalationLevel: number;
  now: Date;
}): SlaView | null {
  if (!input.submittedAt) return null;
  const end = input.closedAt ?? input.now;
  const counted = input.segments.reduce((sum, s) => sum + countedBetween(s.from, s.to ?? end, input.mode), 0);
  const total = targetSeconds(input.target);
  const open = input.segments.find((s) => s.to === null);
  const due = open && !input.closedAt ? addCounted(open.from, Math.max(0, total - (counted - countedBetween(open.from, end, input.mode))), input.mode) : null;
  const breached = counted >= total || input.escalationLevel >= 2;
  const state: SlaState = input.closedAt ? (input.decided && !breached ? 'met' : input.decided ? 'breached' : 'stopped') : breached ? 'breached' : input.escalationLevel >= 1 ? 'at_risk' : 'on_track';
  return {
    target: input.target,
    dueAt: due?.toISOString() ?? null,
    countedSeconds: Math.round(counted),
    actualSeconds: Math.round((end.getTime() - input.submittedAt.getTime()) / 1000),
    remainingSeconds: Math.round(Math.max(0, total - counted)),
    paused: !open && !input.closedAt,
    state,
    escalationLevel: input.escalationLevel,
  };
}
