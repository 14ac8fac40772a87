import { describe, expect, it } from '@jest/globals';
import type { AssignmentFacts } from '@medjourney/platform';
import { careAssignmentEntry, windowInWords } from './timeline-entries.js';

const FACTS: AssignmentFacts = {
  assignmentId: 'a1', providerId: 'p1', providerName: 'Choi Eun-ji', hospitalId: 'h1', hospitalName: 'Seoul Hospital',
  patientId: 'pt1', kind: 'caregiver', start: '2026-11-24T11:00:00.000Z', end: '2026-11-24T23:00:00.000Z', matchId: null,
};
const AT = new Date('2026-11-20T00:00:00Z');

describe('windowInWords', () => {
  it('names a window within one Korean day by its date and hours', () => {
    expect(windowInWords('2026-11-24T01:00:00Z', '2026-11-24T03:30:00Z')).toBe('24 November 2026, 10:00–12:30 Korean time');
  });

  it('names both ends of a window across midnight in Korea, even when it is one UTC day', () => {
    expect(windowInWords(FACTS.start, FACTS.end)).toBe('24 November 2026 at 20:00 to 25 November 2026 at 08:00 Korean time');
  });
});

describe('careAssignmentEntry', () => {
  it('makes one line of a booking, a confirmation and a completion, keyed by the event', () => {
    const lines = (['care-assignment.offered', 'care-assignment.accepted', 'care-assignment.completed'] as const).map((name, i) => careAssignmentEntry(`e${i}`, name, FACTS, AT));
    expect(lines.map((l) => [l?.type, l?.source])).toEqual([
      ['care_assignment_booked', 'domain-event:e0'],
      ['care_assignment_confirmed', 'domain-event:e1'],
      ['care_assignment_completed', 'domain-event:e2'],
    ]);
    expect(lines[0]).toMatchObject({
      at: AT,
      summary: 'Caregiver Choi Eun-ji was booked at Seoul Hospital for 24 November 2026 at 20:00 to 25 November 2026 at 08:00 Korean time; waiting for them to confirm.',
      refs: { assignmentId: 'a1', providerId: 'p1', hospitalId: 'h1', kind: 'caregiver', start: FACTS.start, end: FACTS.end },
    });
  });

  it('makes none of the other assignment events', () => {
    for (const name of ['care-assignment.declined', 'care-assignment.expired', 'care-assignment.cancelled', 'care-assignment.unfilled']) {
      expect(careAssignmentEntry('e', name, FACTS, AT)).toBeNull();
    }
  });
});
