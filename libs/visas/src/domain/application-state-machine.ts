import type { ApplicationStatus } from './vocabulary.js';

export const ACTIONS = [
  'edit', 'request_sponsorship', 'decline_sponsorship', 'accept_sponsorship', 'submit', 'start_review', 'request_supplement', 'resubmit', 'decide', 'withdraw', 'assign', 'lapse',
] as const;
export type Action = (typeof ACTIONS)[number];

/** Who may act: a role, or a role bound to the application (its sponsor's coordinator, its patient, its assigned officer). */
export type Actor = 'sponsor_coordinator' | 'own_patient' | 'assigned_officer' | 'supervisor' | 'system';

interface Transition {
  from: readonly ApplicationStatus[];
  /** The next status; `decide` depends on the patient's outcome, `edit` and `assign` keep the status. */
  to: ApplicationStatus | 'same' | 'decided';
  by: readonly Actor[];
}

const OPEN_OR_DRAFT: readonly ApplicationStatus[] = ['draft', 'sponsor_review', 'submitted', 'in_review', 'supplement_requested'];

/** The life cycle of spec/visas.md as a table: every other (state, action, actor) is refused. */
export const TRANSITIONS: Record<Action, Transition> = {
  edit: { from: ['draft'], to: 'same', by: ['sponsor_coordinator', 'own_patient'] },
  request_sponsorship: { from: ['draft'], to: 'sponsor_review', by: ['own_patient'] },
  decline_sponsorship: { from: ['sponsor_review'], to: 'draft', by: ['sponsor_coordinator'] },
  // The patient accepts a hospital's application filed for their existing account (spec/security.md); the status stays.
  accept_sponsorship: { from: ['draft'], to: 'same', by: ['own_patient'] },
  submit: { from: ['draft', 'sponsor_review'], to: 'submitted', by: ['sponsor_coordinator'] },
  start_review: { from: ['submitted'], to: 'in_review', by: ['assigned_officer', 'supervisor'] },
  request_supplement: { from: ['in_review'], to: 'supplement_requested', by: ['assigned_officer'] },
  resubmit: { from: ['supplement_requested'], to: 'in_review', by: ['sponsor_coordinator'] },
  decide: { from: ['in_review'], to: 'decided', by: ['assigned_officer', 'supervisor'] },
  withdraw: { from: OPEN_OR_DRAFT, to: 'withdrawn', by: ['sponsor_coordinator', 'own_patient'] },
  assign: { from: ['submitted', 'in_review', 'supplement_requested'], to: 'same', by: ['supervisor'] },
  lapse: { from: ['supplement_requested'], to: 'withdrawn', by: ['system'] },
};

export type TransitionCheck = { ok: true } | { ok: false; reason: 'actor' | 'state' };

/** Whether `actor` may take `action` from `status`. An actor check fails before a state check. */
export function checkTransition(status: ApplicationStatus, action: Action, actors: readonly Actor[]): TransitionCheck {
  const t = TRANSITIONS[action];
  if (!t.by.some((a) => actors.includes(a))) return { ok: false, reason: 'actor' };
  if (!t.from.includes(status)) return { ok: false, reason: 'state' };
  return { ok: true };
}

/** The status after a permitted transition; for `decide`, pass whether the patient was approved. */
export function nextStatus(status: ApplicationStatus, action: Action, patientApproved?: boolean): ApplicationStatus {
  const to = TRANSITIONS[action].to;
  if (to === 'same') return status;
  if (to === 'decided') return patientApproved ? 'approved' : 'rejected';
  return to;
}
