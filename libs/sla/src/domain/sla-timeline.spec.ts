import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { countedBetween } from './sla-calendar.js';
import { planStages, slaView } from './sla-stages.js';
import { clockTimeline, explainStages, runningSegments, type ClockEvent } from './sla-timeline.js';

const kst = (local: string) => new Date(`${local}+09:00`);
const ev = (action: string, local: string, actorRole: string | null = 'officer'): ClockEvent => ({ action, occurredAt: kst(local), actorRole, actorId: null });
const plan = { target: 'P3D', mode: 'business' as const, warnAt: 0.5, escalateAt: 0.8 };

describe('the clock timeline', () => {
  it('alternates running and paused stretches with their causes, and stops at a decision', () => {
    const timeline = clockTimeline(
      [ev('submit', '2026-11-23T12:00:00', 'hospital_coordinator'), ev('request_supplement', '2026-11-23T13:00:00'), ev('resubmit', '2026-11-23T15:00:00', 'hospital_coordinator'), ev('decide', '2026-11-24T12:00:00')],
      'business',
      kst('2026-11-30T00:00:00'),
    );
    expect(timeline.map((s) => [s.kind, s.startedBy.action, s.endedBy?.action ?? null, s.countedSeconds])).toEqual([
      ['running', 'submit', 'request_supplement', 3600],
      ['paused', 'request_supplement', 'resubmit', 0],
      ['running', 'resubmit', 'decide', 21 * 3600],
    ]);
    expect(runningSegments(timeline)).toEqual([
      { from: kst('2026-11-23T12:00:00'), to: kst('2026-11-23T13:00:00') },
      { from: kst('2026-11-23T15:00:00'), to: kst('2026-11-24T12:00:00') },
    ]);
  });

  it('a lapse ends the pause; a withdrawal while running ends the run; nothing opens before a submission', () => {
    const lapsed = clockTimeline([ev('submit', '2026-11-23T12:00:00'), ev('request_supplement', '2026-11-23T13:00:00'), ev('lapse', '2026-12-23T13:00:00', 'system')], 'calendar', kst('2027-01-01T00:00:00'));
    expect(lapsed.map((s) => [s.kind, s.to?.toISOString() ?? null])).toEqual([['running', kst('2026-11-23T13:00:00').toISOString()], ['paused', kst('2026-12-23T13:00:00').toISOString()]]);
    expect(lapsed[1].endedBy).toEqual({ action: 'lapse', actorRole: 'system', actorId: null });
    const withdrawn = clockTimeline([ev('submit', '2026-11-23T12:00:00'), ev('withdraw', '2026-11-23T12:30:00')], 'calendar', kst('2027-01-01T00:00:00'));
    expect(withdrawn).toHaveLength(1);
    expect(withdrawn[0]).toMatchObject({ kind: 'running', countedSeconds: 1800 });
    expect(clockTimeline([ev('withdraw', '2026-11-23T12:30:00')], 'calendar', kst('2027-01-01T00:00:00'))).toEqual([]);
  });

  it('an open stretch counts up to now', () => {
    const [open] = clockTimeline([ev('submit', '2026-11-20T15:00:00')], 'business', kst('2026-11-23T01:00:00'));
    expect(open).toMatchObject({ to: null, endedBy: null, countedSeconds: 10 * 3600 });
  });

  const hours = fc.array(fc.integer({ min: 1, max: 72 }), { minLength: 1, maxLength: 8 });

  it('property: stretches are contiguous, alternate, and count exactly the running time', () => {
    fc.assert(
      fc.property(hours, (gaps) => {
        let at = kst('2026-11-20T09:00:00').getTime();
        const events: ClockEvent[] = [{ action: 'submit', occurredAt: new Date(at), actorRole: 'hospital_coordinator', actorId: null }];
        gaps.forEach((h, i) => {
          at += h * 3600_000;
          events.push({ action: i % 2 === 0 ? 'request_supplement' : 'resubmit', occurredAt: new Date(at), actorRole: 'officer', actorId: null });
        });
        const now = new Date(at + 3600_000);
        const timeline = clockTimeline(events, 'business', now);
        expect(timeline).toHaveLength(events.length);
        timeline.forEach((s, i) => {
          expect(s.kind).toBe(i % 2 === 0 ? 'running' : 'paused');
          if (i > 0) expect(s.from).toEqual(timeline[i - 1].to);
        });
        const counted = timeline.reduce((sum, s) => sum + s.countedSeconds, 0);
        const expected = runningSegments(timeline).reduce((sum, s) => sum + countedBetween(s.from, s.to ?? now, 'business'), 0);
        expect(Math.abs(counted - expected)).toBeLessThanOrEqual(timeline.length);
      }),
      { numRuns: 200 },
    );
  });
});

describe('stages', () => {
  const submitted = [{ from: kst('2026-11-23T12:00:00'), to: null }];

  it('fall due at their share of the counted target; a pause pushes the unfired ones later', () => {
    expect(planStages({ ...plan, segments: submitted, fired: [] }).map((p) => [p.stage, p.at.toISOString()])).toEqual([
      ['warning', kst('2026-11-25T00:00:00').toISOString()],
      ['escalation', kst('2026-11-25T21:36:00').toISOString()],
      ['breach', kst('2026-11-26T12:00:00').toISOString()],
    ]);
    const paused = [{ from: kst('2026-11-23T12:00:00'), to: kst('2026-11-23T13:00:00') }, { from: kst('2026-11-23T15:00:00'), to: null }];
    expect(planStages({ ...plan, segments: paused, fired: ['warning'] }).map((p) => [p.stage, p.at.toISOString()])).toEqual([
      ['escalation', kst('2026-11-25T23:36:00').toISOString()],
      ['breach', kst('2026-11-26T14:00:00').toISOString()],
    ]);
    expect(planStages({ ...plan, segments: [{ from: kst('2026-11-23T12:00:00'), to: kst('2026-11-23T13:00:00') }], fired: [] })).toEqual([]);
  });

  it('are explained as fired, scheduled, held or cancelled', () => {
    const events = [ev('submit', '2026-11-23T12:00:00')];
    const fired = [{ stage: 'warning' as const, dueInstant: kst('2026-11-25T00:00:00'), firedAt: kst('2026-11-25T00:00:02'), latenessSeconds: 2 }];
    const now = kst('2026-11-25T01:00:00');
    const running = explainStages({ ...plan, timeline: clockTimeline(events, 'business', now), fired });
    expect(running.map((s) => s.status)).toEqual(['fired', 'scheduled', 'scheduled']);
    expect(running[0]).toMatchObject({ firedAt: kst('2026-11-25T00:00:02'), latenessSeconds: 2 });
    const held = explainStages({ ...plan, timeline: clockTimeline([...events, ev('request_supplement', '2026-11-25T01:00:00')], 'business', now), fired });
    expect(held.map((s) => [s.status, s.dueAt])).toEqual([['fired', fired[0].dueInstant], ['held', null], ['held', null]]);
    const decided = explainStages({ ...plan, timeline: clockTimeline([...events, ev('decide', '2026-11-25T01:00:00')], 'business', now), fired });
    expect(decided.map((s) => s.status)).toEqual(['fired', 'cancelled', 'cancelled']);
    expect(explainStages({ ...plan, timeline: [], fired: [] })).toEqual([]);
  });
});

describe('the sla block', () => {
  const view = (over: Partial<Parameters<typeof slaView>[0]> = {}) =>
    slaView({ segments: [{ from: kst('2026-11-23T12:00:00'), to: null }], target: 'P3D', mode: 'business', submittedAt: kst('2026-11-23T12:00:00'), closedAt: null, decided: false, escalationLevel: 0, now: kst('2026-11-24T12:00:00'), ...over });

  it('reports counted, actual and remaining time, and the state from the escalation level', () => {
    expect(view()).toEqual({ target: 'P3D', dueAt: kst('2026-11-26T12:00:00').toISOString(), countedSeconds: 24 * 3600, actualSeconds: 24 * 3600, remainingSeconds: 48 * 3600, paused: false, state: 'on_track', escalationLevel: 0 });
    expect(view({ escalationLevel: 1 })!.state).toBe('at_risk');
    expect(view({ escalationLevel: 2 })!.state).toBe('breached');
    expect(view({ now: kst('2026-11-28T12:00:00') })).toMatchObject({ state: 'breached', remainingSeconds: 0, countedSeconds: 108 * 3600 });
  });

  it('is paused without a deadline, met or breached at a decision, stopped at a withdrawal, absent before submission', () => {
    expect(view({ segments: [{ from: kst('2026-11-23T12:00:00'), to: kst('2026-11-23T13:00:00') }] })).toMatchObject({ paused: true, dueAt: null, countedSeconds: 3600, actualSeconds: 24 * 3600 });
    const closed = { segments: [{ from: kst('2026-11-23T12:00:00'), to: kst('2026-11-24T12:00:00') }], closedAt: kst('2026-11-24T12:00:00') };
    expect(view({ ...closed, decided: true })).toMatchObject({ state: 'met', dueAt: null, paused: false });
    expect(view({ ...closed, decided: true, escalationLevel: 2 })!.state).toBe('breached');
    expect(view({ ...closed, decided: false })!.state).toBe('stopped');
    expect(view({ submittedAt: null })).toBeNull();
  });
});
