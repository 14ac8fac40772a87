import { describe, expect, it } from '@jest/globals';
import { immigrationEntries } from './immigration-view.js';

describe('immigrationEntries', () => {
  const submittedApp = { applicationId: 'a1', reference: 'MV-2026-000001' };
  const draftApp = { applicationId: 'a2', reference: 'MV-2026-000002' };
  const entries: { type: string; refs: Record<string, unknown> }[] = [
    { type: 'application_created', refs: submittedApp },
    { type: 'application_submitted', refs: submittedApp },
    { type: 'application_created', refs: draftApp },
    { type: 'sponsorship_requested', refs: draftApp },
    { type: 'visa_issued', refs: { ...submittedApp, personId: 'p1' } },
    { type: 'arrived', refs: { journeyEventId: 'e1' } },
    { type: 'admitted', refs: { journeyEventId: 'e2', hospitalId: 'h1' } },
    { type: 'care_assignment_booked', refs: { assignmentId: 'c1' } },
    { type: 'referred', refs: { referralId: 'r1', hospitalId: 'h2' } },
    { type: 'discharged', refs: { journeyEventId: 'e3', hospitalId: 'h1' } },
    { type: 'departed', refs: { journeyEventId: 'e4' } },
    { type: 'overstay_detected', refs: { personId: 'p1', visaId: 'v1' } },
  ];

  it('keeps the visa and border entries of submitted applications and drops care, referrals and drafts', () => {
    expect(immigrationEntries(entries).map((e) => `${e.type}:${String(e.refs.applicationId ?? '')}`)).toEqual([
      'application_created:a1', 'application_submitted:a1', 'visa_issued:a1', 'arrived:', 'departed:', 'overstay_detected:',
    ]);
  });

  it('shows nothing of a patient whose only application is a draft', () => {
    expect(immigrationEntries(entries.filter((e) => e.refs.applicationId === 'a2'))).toEqual([]);
  });
});
