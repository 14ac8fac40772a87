import { describe, expect, it } from '@jest/globals';
import { DESKS, consolePath, type ConsoleRole } from '@medjourney/console-routes';
import { EVENT_CATALOGUE, type DomainEvent, type DomainEventName } from '@medjourney/platform';
import { NOTIFYING_EVENTS, noticesOf, type Audience } from './notification-texts.js';

const OFFICER_USER = 'officer-user';
const PATIENT_USER = 'patient-user';

/** Values for the payload fields whose type a default string would not fit. */
const SAMPLE: Record<string, unknown> = {
  officerId: OFFICER_USER,
  patientUserId: PATIENT_USER,
  items: [{ documentType: 'passport_copy', name: 'Aigerim Bekova' }],
  outcomes: [{ personId: 'p1', name: 'Aigerim Bekova', outcome: 'approve', reasonCode: null }],
  kind: 'caregiver',
  sanction: 'warning',
  suspendedUntil: null,
  year: 2026,
  daysLeft: 30,
  lead: '24h',
  recipients: [
    { role: 'patient', userId: PATIENT_USER, careProviderId: null, timezone: 'America/New_York' },
    { role: 'interpreter', userId: null, careProviderId: 'provider-1', timezone: 'Asia/Seoul' },
  ],
  cycle: 1,
  reoffer: false,
  matchId: null,
  reason: 'missing pages',
};
const INSTANTS = new Set(['start', 'end', 'respondBy', 'dueAt']);

/** An event of this name whose every payload field holds a plausible value. */
function sample(name: DomainEventName, stage = 'warning'): DomainEvent {
  const payload = Object.fromEntries(
    EVENT_CATALOGUE[name].fields.map((f) => [f, f === 'stage' ? stage : f in SAMPLE ? SAMPLE[f] : INSTANTS.has(f) ? '2026-12-07T09:00:00Z' : `${f}-1`]),
  );
  return { id: `event-${name}`, name, payload, occurredAt: new Date('2026-12-07T00:00:00Z') } as DomainEvent;
}

/** The roles an audience reaches (users: the officer or the patient the sample names). */
function rolesOf(a: Audience): ConsoleRole[] {
  switch (a.kind) {
    case 'users':
      return a.ids.map((id) => (id === OFFICER_USER ? 'officer' : 'patient'));
    case 'roles':
      return a.roles;
    case 'coordinators':
      return ['hospital_coordinator'];
    case 'careProvider':
      return ['care_provider'];
  }
}

const events = NOTIFYING_EVENTS.flatMap((name) => (name === 'sla.stage-fired' ? ['warning', 'escalation', 'breach'].map((s) => sample(name, s)) : [sample(name)]));
const context = { reference: 'MV-2026-000042', sponsorHospitalId: 'sponsorHospitalId-1', patientUserId: PATIENT_USER };

describe('notification links', () => {
  it('every notice of every notifying event links each of its recipients to a page of their own desk, never to its home or the API', () => {
    const seen: string[] = [];
    for (const event of events) {
      const notices = noticesOf(event, context);
      expect(notices.length).toBeGreaterThan(0);
      for (const notice of notices) {
        for (const role of notice.audience.flatMap(rolesOf)) {
          const page = (DESKS[role] as Partial<Record<string, string>>)[notice.target.page];
          expect({ kind: notice.kind, role, page }).toEqual({ kind: notice.kind, role, page: expect.any(String) });
          const path = consolePath(notice.target, role);
          expect(path).not.toBe(DESKS[role].home);
          expect(path).not.toMatch(/^\/(api|visa-applications|care-assignments|designations)\//);
          seen.push(`${notice.kind} ${role} ${path}`);
        }
      }
    }
    expect(seen).toEqual(
      expect.arrayContaining([
        'sla_warning officer /officer/applications/applicationId-1',
        'sla_escalation supervisor /supervisor/applications/applicationId-1',
        'sla_breach supervisor /supervisor/applications/applicationId-1',
        'sponsorship_requested hospital_coordinator /coordinator/applications/applicationId-1',
        'sponsorship_declined patient /patient/applications/applicationId-1',
        'supplement_requested hospital_coordinator /coordinator/applications/applicationId-1',
        'supplement_requested patient /patient/applications/applicationId-1',
        'decision patient /patient/applications/applicationId-1',
        'designation_expired ministry_reviewer /ministry/designations/designationId-1',
        'designation_expired hospital_coordinator /coordinator/designations/designationId-1',
        'assignment_offered care_provider /care-provider/assignments/assignmentId-1',
        'assignment_accepted hospital_coordinator /coordinator/assignments/assignmentId-1',
      ]),
    );
  });
});
