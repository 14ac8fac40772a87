import { describe, expect, it } from '@jest/globals';
import { ACTIONS, checkTransition, nextStatus, TRANSITIONS, type Action, type Actor } from './application-state-machine.js';
import { APPLICATION_STATUSES, type ApplicationStatus } from './vocabulary.js';

const ACTORS: Actor[] = ['sponsor_coordinator', 'own_patient', 'assigned_officer', 'supervisor', 'system'];

/** The life cycle of spec/visas.md, written out independently of the table under test. */
const EXPECTED: Record<Action, { from: ApplicationStatus[]; by: Actor[] }> = {
  edit: { from: ['draft'], by: ['sponsor_coordinator', 'own_patient'] },
  request_sponsorship: { from: ['draft'], by: ['own_patient'] },
  decline_sponsorship: { from: ['sponsor_review'], by: ['sponsor_coordinator'] },
  accept_sponsorship: { from: ['draft'], by: ['own_patient'] },
  submit: { from: ['draft', 'sponsor_review'], by: ['sponsor_coordinator'] },
  start_review: { from: ['submitted'], by: ['assigned_officer', 'supervisor'] },
  request_supplement: { from: ['in_review'], by: ['assigned_officer'] },
  resubmit: { from: ['supplement_requested'], by: ['sponsor_coordinator'] },
  decide: { from: ['in_review'], by: ['assigned_officer', 'supervisor'] },
  withdraw: { from: ['draft', 'sponsor_review', 'submitted', 'in_review', 'supplement_requested'], by: ['sponsor_coordinator', 'own_patient'] },
  assign: { from: ['submitted', 'in_review', 'supplement_requested'], by: ['supervisor'] },
  lapse: { from: ['supplement_requested'], by: ['system'] },
};

describe('visa application state machine', () => {
  const cases = APPLICATION_STATUSES.flatMap((status) => ACTIONS.flatMap((action) => ACTORS.map((actor) => [status, action, actor] as const)));

  it('covers every action', () => {
    expect(Object.keys(TRANSITIONS).sort()).toEqual([...ACTIONS].sort());
  });

  it.each(cases)('%s × %s × %s', (status, action, actor) => {
    const result = checkTransition(status, action, [actor]);
    const e = EXPECTED[action];
    if (!e.by.includes(actor)) expect(result).toEqual({ ok: false, reason: 'actor' });
    else if (!e.from.includes(status)) expect(result).toEqual({ ok: false, reason: 'state' });
    else expect(result).toEqual({ ok: true });
  });

  it('moves to the next status', () => {
    expect(nextStatus('draft', 'request_sponsorship')).toBe('sponsor_review');
    expect(nextStatus('sponsor_review', 'decline_sponsorship')).toBe('draft');
    expect(nextStatus('sponsor_review', 'submit')).toBe('submitted');
    expect(nextStatus('submitted', 'start_review')).toBe('in_review');
    expect(nextStatus('in_review', 'request_supplement')).toBe('supplement_requested');
    expect(nextStatus('supplement_requested', 'resubmit')).toBe('in_review');
    expect(nextStatus('in_review', 'decide', true)).toBe('approved');
    expect(nextStatus('in_review', 'decide', false)).toBe('rejected');
    expect(nextStatus('submitted', 'withdraw')).toBe('withdrawn');
    expect(nextStatus('supplement_requested', 'lapse')).toBe('withdrawn');
    expect(nextStatus('in_review', 'assign')).toBe('in_review');
    expect(nextStatus('draft', 'edit')).toBe('draft');
    expect(nextStatus('draft', 'accept_sponsorship')).toBe('draft');
  });

  it('lets nothing leave a final state', () => {
    for (const status of ['approved', 'rejected', 'withdrawn'] as const) {
      for (const action of ACTIONS) expect(checkTransition(status, action, ACTORS).ok).toBe(false);
    }
  });
});
