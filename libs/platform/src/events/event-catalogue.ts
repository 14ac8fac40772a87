/**
 * Every domain event of the system: its name, the facts it carries and the module that
 * publishes it. Payloads carry ids and the facts a subscriber needs, never another module's
 * rows. docs/events.md holds the same catalogue with the subscribers; a test compares them.
 */

/** What every visa-application event says about its application. */
export interface ApplicationFacts {
  applicationId: string;
  reference: string;
  sponsorHospitalId: string;
  /** The patient's account, when the patient has one. */
  patientUserId: string | null;
  fromStatus: string | null;
  toStatus: string;
  /** Who acted: a role, or `system`. */
  actorRole: string;
}

export interface NamedPerson {
  personId: string;
  /** Given names and surname, as in the passport. */
  name: string;
}

export interface DesignationFacts {
  designationId: string;
  hospitalId: string;
  hospitalName: string;
  year: number;
  status: string;
  validUntil: string;
}

/** What every care-assignment event says about its assignment (spec/matching.md). */
export interface AssignmentFacts {
  assignmentId: string;
  providerId: string;
  providerName: string;
  hospitalId: string;
  hospitalName: string;
  patientId: string;
  kind: 'interpreter' | 'caregiver';
  start: string;
  end: string;
  /** The ranking re-offers follow, when there is one. */
  matchId: string | null;
}

/** What every physical event of a patient's journey says (spec/journey.md). */
export interface JourneyFacts {
  /** The journey event (journey-events route) this fact records. */
  journeyEventId: string;
  /** The patient record (visas' patients) whose journey it is. */
  patientId: string;
  /** When it happened, as recorded. */
  at: string;
  actorRole: string;
}

/** A person crossing the border, with the visa they hold and its sponsor. */
export interface BorderPerson extends NamedPerson {
  visaId: string;
  sponsorHospitalId: string;
}

/** What every telemedicine appointment event says about its appointment (spec/telemedicine.md). */
export interface AppointmentFacts {
  appointmentId: string;
  clinicianId: string;
  clinicianName: string;
  hospitalId: string;
  hospitalName: string;
  patientId: string;
  start: string;
  end: string;
  status: 'booked' | 'fulfilled' | 'cancelled' | 'noshow';
  interpreterLanguage: string | null;
  /** The iCalendar SEQUENCE after the change. */
  sequence: number;
}

/** Who a reminder goes to, and the zone its time is named in. */
export interface ReminderRecipient {
  role: 'patient' | 'clinician' | 'interpreter';
  userId: string | null;
  careProviderId: string | null;
  timezone: string;
}

export interface DomainEventPayloads {
  'visa-application.created': ApplicationFacts;
  'visa-application.edited': ApplicationFacts;
  'visa-application.sponsorship-requested': ApplicationFacts;
  'visa-application.sponsorship-declined': ApplicationFacts & { reason: string | null };
  'visa-application.submitted': ApplicationFacts;
  'visa-application.review-started': ApplicationFacts;
  'visa-application.supplement-requested': ApplicationFacts & {
    reason: string;
    items: (Partial<NamedPerson> & { documentType: string })[];
    /** The instant the application lapses unless the hospital resubmits. */
    respondBy: string;
  };
  'visa-application.resubmitted': ApplicationFacts;
  'visa-application.decided': ApplicationFacts & { outcomes: (NamedPerson & { outcome: 'approve' | 'reject'; reasonCode: string | null })[] };
  'visa-application.withdrawn': ApplicationFacts;
  'visa-application.assigned': ApplicationFacts & { officerId: string | null };
  'visa-application.lapsed': ApplicationFacts;
  /** A hospital filed an application for an existing patient account it never filed for: it waits for the patient's acceptance (spec/security.md). */
  'visa-application.consent-requested': ApplicationFacts;
  /** The patient accepted the hospital's sponsorship: the application is theirs, and the hospital may submit it. */
  'visa-application.sponsorship-accepted': ApplicationFacts;
  /** A stage of an application's processing clock fired (spec/sla.md). */
  'sla.stage-fired': { applicationId: string; stage: 'warning' | 'escalation' | 'breach'; cycle: number; officerId: string | null; dueAt: string | null };
  /** The sanction ladder moved a designation (spec/hospitals.md). */
  'designation.sanctioned': DesignationFacts & { sanction: 'warning' | 'suspension' | 'cancellation'; suspendedUntil: string | null };
  'designation.reinstated': DesignationFacts;
  'designation.expired': DesignationFacts;
  'designation.renewal-due': DesignationFacts & { daysLeft: number };
  /** Persons entered Korea on their visas; each stay ends on `stayEndsOn` (Korean date). */
  'journey.arrived': JourneyFacts & { persons: (BorderPerson & { stayEndsOn: string })[] };
  'journey.departed': JourneyFacts & { persons: BorderPerson[] };
  /** The border refused entry: the visas stay as they were; it counts against the sponsor. */
  'journey.entry-refused': JourneyFacts & { persons: BorderPerson[] };
  'journey.admitted': JourneyFacts & { hospitalId: string };
  'journey.discharged': JourneyFacts & { hospitalId: string };
  /** An outpatient treatment at a hospital (never admitted): like a discharge, it makes the patient eligible for follow-up there. */
  'journey.treated': JourneyFacts & { hospitalId: string };
  /** The nightly job found a person still in Korea after their permitted stay (once per person and visa). */
  'journey.overstay-detected': { patientId: string; personId: string; name: string; visaId: string; sponsorHospitalId: string; stayEndedOn: string };
  /** A sponsoring hospital referred the patient to another hospital, which treats them from then on (spec/journey.md). */
  'journey.referred': { referralId: string; patientId: string; hospitalId: string; referredByHospitalId: string; reason: string | null; at: string; actorRole: string };
  /** An officer's account was deactivated; their open applications must go to others. */
  'officer.deactivated': { officerId: string };
  /** A provider was booked and asked to answer by `respondBy`; `reoffer` when another declined or did not answer. */
  'care-assignment.offered': AssignmentFacts & { respondBy: string; reoffer: boolean };
  'care-assignment.accepted': AssignmentFacts;
  'care-assignment.declined': AssignmentFacts;
  /** No answer within ASSIGNMENT_RESPONSE_TIMEOUT. */
  'care-assignment.expired': AssignmentFacts;
  'care-assignment.cancelled': AssignmentFacts;
  'care-assignment.completed': AssignmentFacts & { rating: number };
  /** Declined or expired, and no candidate of the ranking is left to book: the request is unfilled. */
  'care-assignment.unfilled': AssignmentFacts;
  'telemedicine.appointment-booked': AppointmentFacts;
  /** Moved to another slot; `previousStart` was its start before. */
  'telemedicine.appointment-rescheduled': AppointmentFacts & { previousStart: string };
  'telemedicine.appointment-cancelled': AppointmentFacts;
  'telemedicine.appointment-fulfilled': AppointmentFacts;
  'telemedicine.appointment-noshow': AppointmentFacts;
  /** A reminder's time came (24 h or 1 h before the start): the notification centre tells each recipient, in their zone. */
  'telemedicine.reminder-due': { appointmentId: string; lead: '24h' | '1h'; start: string; end: string; recipients: ReminderRecipient[] };
  /** A hospital's yearly report is still a draft `daysLeft` days before its deadline (the end of February, `dueOn` its last day). */
  'yearly-report.reminder-due': { hospitalId: string; hospitalName: string; year: number; daysLeft: number; dueOn: string };
  /**
   * A month of programme figures from before MedJourney held the facts (the demo's two years of
   * history): what the rollups gain, so a rebuild from the events keeps it. `counts` are
   * [dimension, key, metric, value]; `buckets` [dimension, key, metric ('decision_hours' |
   * 'stay_days'), bucket, count]; `applied` [dimension, key, previous month applied in under that
   * key (YYYY-MM, null: none), distinct patients].
   */
  'statistics.history-imported': {
    month: string;
    source: string;
    counts: [string, string, string, number][];
    buckets: [string, string, string, number, number][];
    applied: [string, string, string | null, number][];
  };
}
export type DomainEventName = keyof DomainEventPayloads;

export interface DomainEvent<N extends DomainEventName = DomainEventName> {
  id: string;
  name: N;
  payload: DomainEventPayloads[N];
  occurredAt: Date;
}

export type Producer = 'identity' | 'hospitals' | 'visas' | 'sla' | 'journey' | 'matching' | 'telemedicine' | 'statistics';

/** Lists every field of a payload type (the compiler refuses a missing or unknown one). */
function fields<N extends DomainEventName>() {
  return <const F extends readonly (keyof DomainEventPayloads[N] & string)[]>(
    producer: Producer,
    list: F & ([Exclude<keyof DomainEventPayloads[N], F[number]>] extends [never] ? unknown : { missing: Exclude<keyof DomainEventPayloads[N], F[number]> }),
  ) => ({ producer, fields: list as readonly string[] });
}

const APPLICATION: readonly (keyof ApplicationFacts)[] = ['applicationId', 'reference', 'sponsorHospitalId', 'patientUserId', 'fromStatus', 'toStatus', 'actorRole'];
const app = (extra: readonly string[] = []) => ({ producer: 'visas' as Producer, fields: [...APPLICATION, ...extra] });
const ASSIGNMENT: readonly (keyof AssignmentFacts)[] = ['assignmentId', 'providerId', 'providerName', 'hospitalId', 'hospitalName', 'patientId', 'kind', 'start', 'end', 'matchId'];
const assignment = (extra: readonly string[] = []) => ({ producer: 'matching' as Producer, fields: [...ASSIGNMENT, ...extra] });
const APPOINTMENT: readonly (keyof AppointmentFacts)[] = ['appointmentId', 'clinicianId', 'clinicianName', 'hospitalId', 'hospitalName', 'patientId', 'start', 'end', 'status', 'interpreterLanguage', 'sequence'];
const appointment = (extra: readonly string[] = []) => ({ producer: 'telemedicine' as Producer, fields: [...APPOINTMENT, ...extra] });
const DESIGNATION = ['designationId', 'hospitalId', 'hospitalName', 'year', 'status', 'validUntil'] as const;
const JOURNEY = ['journeyEventId', 'patientId', 'at', 'actorRole'] as const;

/** The runtime catalogue: producer and payload fields of every event. */
export const EVENT_CATALOGUE: { readonly [N in DomainEventName]: { producer: Producer; fields: readonly string[] } } = {
  'visa-application.created': app(),
  'visa-application.edited': app(),
  'visa-application.sponsorship-requested': app(),
  'visa-application.sponsorship-declined': app(['reason']),
  'visa-application.submitted': app(),
  'visa-application.review-started': app(),
  'visa-application.supplement-requested': app(['reason', 'items', 'respondBy']),
  'visa-application.resubmitted': app(),
  'visa-application.decided': app(['outcomes']),
  'visa-application.withdrawn': app(),
  'visa-application.assigned': app(['officerId']),
  'visa-application.lapsed': app(),
  'visa-application.consent-requested': app(),
  'visa-application.sponsorship-accepted': app(),
  'sla.stage-fired': fields<'sla.stage-fired'>()('sla', ['applicationId', 'stage', 'cycle', 'officerId', 'dueAt']),
  'designation.sanctioned': fields<'designation.sanctioned'>()('hospitals', [...DESIGNATION, 'sanction', 'suspendedUntil']),
  'designation.reinstated': fields<'designation.reinstated'>()('hospitals', [...DESIGNATION]),
  'designation.expired': fields<'designation.expired'>()('hospitals', [...DESIGNATION]),
  'designation.renewal-due': fields<'designation.renewal-due'>()('hospitals', [...DESIGNATION, 'daysLeft']),
  'journey.arrived': fields<'journey.arrived'>()('journey', [...JOURNEY, 'persons']),
  'journey.departed': fields<'journey.departed'>()('journey', [...JOURNEY, 'persons']),
  'journey.entry-refused': fields<'journey.entry-refused'>()('journey', [...JOURNEY, 'persons']),
  'journey.admitted': fields<'journey.admitted'>()('journey', [...JOURNEY, 'hospitalId']),
  'journey.discharged': fields<'journey.discharged'>()('journey', [...JOURNEY, 'hospitalId']),
  'journey.treated': fields<'journey.treated'>()('journey', [...JOURNEY, 'hospitalId']),
  'journey.overstay-detected': fields<'journey.overstay-detected'>()('journey', ['patientId', 'personId', 'name', 'visaId', 'sponsorHospitalId', 'stayEndedOn']),
  'journey.referred': fields<'journey.referred'>()('journey', ['referralId', 'patientId', 'hospitalId', 'referredByHospitalId', 'reason', 'at', 'actorRole']),
  'officer.deactivated': fields<'officer.deactivated'>()('identity', ['officerId']),
  'care-assignment.offered': assignment(['respondBy', 'reoffer']),
  'care-assignment.accepted': assignment(),
  'care-assignment.declined': assignment(),
  'care-assignment.expired': assignment(),
  'care-assignment.cancelled': assignment(),
  'care-assignment.completed': assignment(['rating']),
  'care-assignment.unfilled': assignment(),
  'telemedicine.appointment-booked': appointment(),
  'telemedicine.appointment-rescheduled': appointment(['previousStart']),
  'telemedicine.appointment-cancelled': appointment(),
  'telemedicine.appointment-fulfilled': appointment(),
  'telemedicine.appointment-noshow': appointment(),
  'telemedicine.reminder-due': fields<'telemedicine.reminder-due'>()('telemedicine', ['appointmentId', 'lead', 'start', 'end', 'recipients']),
  'yearly-report.reminder-due': fields<'yearly-report.reminder-due'>()('statistics', ['hospitalId', 'hospitalName', 'year', 'daysLeft', 'dueOn']),
  'statistics.history-imported': fields<'statistics.history-imported'>()('statistics', ['month', 'source', 'counts', 'buckets', 'applied']),
};

export const EVENT_NAMES = Object.keys(EVENT_CATALOGUE) as DomainEventName[];
