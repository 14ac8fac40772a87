import { instantIn, STAFF_READER, type AssignmentFacts, type DomainEvent, type DomainEventName, type DomainEventPayloads, type Reader, type ReminderRecipient } from '@medjourney/platform';
import type { LinkTarget } from '@medjourney/console-routes';
import { DateTime } from 'luxon';
import { NOTICE_MESSAGES, type NoticeKey } from '../messages/index.js';

/** Who hears of an event: the roles of spec/visas.md, spec/sla.md and spec/hospitals.md. */
export type Audience =
  | { kind: 'users'; ids: (string | null)[] }
  | { kind: 'roles'; roles: ('supervisor' | 'ministry_reviewer')[] }
  | { kind: 'coordinators'; hospitalId: string }
  | { kind: 'careProvider'; careProviderId: string };

/** A notice's words for one reader. */
export interface NoticeText {
  title: string;
  body: string;
}

export interface Notice {
  kind: string;
  /** The words staff read: English, times in Korea's. */
  title: string;
  body: string;
  /**
   * The words for any reader, in their language and zone, for the notices patients and care
   * providers receive (from the catalogues of ../messages); `title` and `body` are its English
   * in Korea's time. Absent on notices only staff receive, which are English only.
   */
  say?: (reader: Reader) => NoticeText;
  refs: Record<string, string>;
  /** What the notice's link opens; each recipient gets their own desk's page for it (console-routes). */
  target: LinkTarget;
  audience: Audience[];
}

/** What the notice about an application needs beyond the event (from the visas module's door). */
export interface ApplicationContext {
  reference: string;
  sponsorHospitalId: string;
  patientUserId: string | null;
}

/** Instants in words, in Korea's time, which every actor of a visa application works in. */
export function inKorea(iso: string | null): string {
  if (!iso) return 'no date';
  return DateTime.fromISO(iso, { zone: 'Asia/Seoul' }).toFormat("d LLL yyyy, HH:mm 'KST'");
}

const KNOWN_DOCUMENTS = new Set(['passport_copy', 'medical_confirmation', 'diagnosis', 'treatment_plan', 'proof_of_funds', 'relationship_proof', 'caregiver_letter']);

/** A notice that patients or care providers receive: its words come from the catalogues, `title` and `body` are their staff English. */
function said(fields: Omit<Notice, 'title' | 'body' | 'say'>, say: (reader: Reader) => NoticeText): Notice {
  return { ...fields, ...say(STAFF_READER), say };
}

/** The catalogue's title and body of one notice, in the reader's language. */
const words = (titleKey: NoticeKey, bodyKey: NoticeKey, args: Record<string, string>) => (r: Reader): NoticeText => ({
  title: NOTICE_MESSAGES.format(r.locale, titleKey, args),
  body: NOTICE_MESSAGES.format(r.locale, bodyKey, args),
});

function documents(items: DomainEventPayloads['visa-application.supplement-requested']['items'], r: Reader): string {
  const say = NOTICE_MESSAGES.for(r.locale);
  return items
    .map((i) => {
      const document = KNOWN_DOCUMENTS.has(i.documentType) ? say(`document.${i.documentType}` as NoticeKey) : i.documentType.replace(/_/g, ' ');
      return i.name ? say('document.forPerson', { document, name: i.name }) : document;
    })
    .join(say('document.separator'));
}

/** "an interpreter from 24 Nov 2026, 10:00 KST to 24 Nov 2026, 12:00 KST" */
function roleAndTime(e: AssignmentFacts): string {
  return `${e.kind === 'interpreter' ? 'an interpreter' : 'a caregiver'} from ${inKorea(e.start)} to ${inKorea(e.end)}`;
}

/** The same, "at Seoul Riverside University Hospital". */
const assignmentWords = (e: AssignmentFacts): string => `${roleAndTime(e)} at ${e.hospitalName}`;

const assignmentFields = (e: AssignmentFacts, kind: string, audience: Audience[]) => ({ kind, refs: { assignmentId: e.assignmentId }, target: { page: 'assignment', id: e.assignmentId } as LinkTarget, audience });

function assignmentNotice(e: AssignmentFacts, kind: string, title: string, body: string, audience: Audience[]): Notice {
  return { ...assignmentFields(e, kind, audience), title, body };
}

/** What the provider's catalogue messages take: the hospital, the role and the times in the reader's zone. */
const assignmentArgs = (e: AssignmentFacts, r: Reader) => ({ hospital: e.hospitalName, kind: e.kind, start: instantIn(e.start, r), end: instantIn(e.end, r) });

const SANCTION_WORDS = {
  warning: 'a formal warning',
  suspension: 'a suspension',
  cancellation: 'the cancellation of the designation',
};

/**
 * The notices of one event, each in plain words: what happened and what the recipient should
 * do next, with the item it concerns. Events that tell nobody anything give none.
 */
export function noticesOf(event: DomainEvent, app: ApplicationContext | null): Notice[] {
  const name = event.name as DomainEventName;
  const p = event.payload as never;
  const appRefs = (id: string) => ({ applicationId: id });
  switch (name) {
    case 'sla.stage-fired': {
      const e = p as DomainEventPayloads['sla.stage-fired'];
      if (!app) return [];
      const ref = app.reference;
      const target: LinkTarget = { page: 'application', id: e.applicationId };
      if (e.stage === 'warning') {
        return [{ kind: 'sla_warning', title: `${ref}: half of the processing time has passed`, body: `Visa application ${ref}, assigned to you, has used half of its processing target and is due by ${inKorea(e.dueAt)}. Decide it, or request the missing documents, before then.`, refs: appRefs(e.applicationId), target, audience: [{ kind: 'users', ids: [e.officerId] }] }];
      }
      if (e.stage === 'escalation') {
        return [{ kind: 'sla_escalation', title: `${ref} is at risk of missing its processing target`, body: `Visa application ${ref} has used 80 % of its processing target and is due by ${inKorea(e.dueAt)}. It is on the escalation list: make sure the assigned officer decides it in time, or reassign it.`, refs: appRefs(e.applicationId), target, audience: [{ kind: 'roles', roles: ['supervisor'] }] }];
      }
      return [{ kind: 'sla_breach', title: `${ref} has passed its processing target`, body: `Visa application ${ref} was due by ${inKorea(e.dueAt)} and is still open; the breach is recorded. Have it decided now, or reassign it to an officer who can.`, refs: appRefs(e.applicationId), target, audience: [{ kind: 'roles', roles: ['supervisor'] }] }];
    }
    case 'visa-application.sponsorship-requested': {
      const e = p as DomainEventPayloads[typeof name];
      return [{ kind: 'sponsorship_requested', title: `A patient asks your hospital to sponsor visa application ${e.reference}`, body: `The patient has drafted visa application ${e.reference} and asks your hospital to sponsor it. Review the draft and its documents, then submit it to immigration, or decline it with a reason.`, refs: appRefs(e.applicationId), target: { page: 'application', id: e.applicationId }, audience: [{ kind: 'coordinators', hospitalId: e.sponsorHospitalId }] }];
    }
    case 'visa-application.consent-requested': {
      const e = p as DomainEventPayloads[typeof name];
      return [said({ kind: 'sponsorship_consent_requested', refs: appRefs(e.applicationId), target: { page: 'application', id: e.applicationId }, audience: [{ kind: 'users', ids: [e.patientUserId] }] }, words('consent.title', 'consent.body', { reference: e.reference }))];
    }
    case 'visa-application.sponsorship-accepted': {
      const e = p as DomainEventPayloads[typeof name];
      return [{ kind: 'sponsorship_accepted', title: `The patient accepted your sponsorship of visa application ${e.reference}`, body: `The patient accepted your hospital's sponsorship of visa application ${e.reference}. Upload any missing documents and submit it to immigration.`, refs: appRefs(e.applicationId), target: { page: 'application', id: e.applicationId }, audience: [{ kind: 'coordinators', hospitalId: e.sponsorHospitalId }] }];
    }
    case 'visa-application.sponsorship-declined': {
      const e = p as DomainEventPayloads[typeof name];
      return [said({ kind: 'sponsorship_declined', refs: appRefs(e.applicationId), target: { page: 'application', id: e.applicationId }, audience: [{ kind: 'users', ids: [e.patientUserId] }] }, words('declined.title', e.reason ? 'declined.bodyWithReason' : 'declined.body', { reference: e.reference, reason: e.reason ?? '' }))];
    }
    case 'visa-application.supplement-requested': {
      const e = p as DomainEventPayloads[typeof name];
      return [
        said({ kind: 'supplement_requested', refs: appRefs(e.applicationId), target: { page: 'application', id: e.applicationId }, audience: [{ kind: 'coordinators', hospitalId: e.sponsorHospitalId }, { kind: 'users', ids: [e.patientUserId] }] }, (r) =>
          words('supplement.title', 'supplement.body', { reference: e.reference, documents: documents(e.items, r), reason: e.reason, respondBy: e.respondBy ? instantIn(e.respondBy, r) : 'no date' })(r),
        ),
      ];
    }
    case 'visa-application.decided': {
      const e = p as DomainEventPayloads[typeof name];
      const approved = e.outcomes.some((o) => o.outcome === 'approve');
      return [
        said({ kind: 'decision', refs: appRefs(e.applicationId), target: { page: 'application', id: e.applicationId }, audience: [{ kind: 'coordinators', hospitalId: e.sponsorHospitalId }, { kind: 'users', ids: [e.patientUserId] }] }, (r) => {
          const say = NOTICE_MESSAGES.for(r.locale);
          const outcomes = e.outcomes
            .map((o) => {
              const args = { name: o.name || o.personId, reasonCode: o.reasonCode ?? '' };
              return say(o.outcome === 'approve' ? 'decision.approved' : o.reasonCode ? 'decision.refusedWithReason' : 'decision.refused', args);
            })
            .join(say('decision.separator'));
          return { title: say('decision.title', { reference: e.reference }), body: say('decision.body', { outcomes, next: say(approved ? 'decision.nextApproved' : 'decision.nextRefused') }) };
        }),
      ];
    }
    case 'visa-application.lapsed': {
      const e = p as DomainEventPayloads[typeof name];
      return [said({ kind: 'application_lapsed', refs: appRefs(e.applicationId), target: { page: 'application', id: e.applicationId }, audience: [{ kind: 'coordinators', hospitalId: e.sponsorHospitalId }, { kind: 'users', ids: [e.patientUserId] }] }, words('lapsed.title', 'lapsed.body', { reference: e.reference }))];
    }
    case 'journey.referred': {
      const e = p as DomainEventPayloads[typeof name];
      return [{ kind: 'referral', title: 'A patient was referred to your hospital', body: `Another hospital referred a patient to yours${e.reason ? ` with this note: "${e.reason}"` : ''}. Your hospital now treats them: open their journey to see where they are, then admit them or book their care.`, refs: { patientId: e.patientId, referralId: e.referralId }, target: { page: 'journey', patientId: e.patientId }, audience: [{ kind: 'coordinators', hospitalId: e.hospitalId }] }];
    }
    case 'designation.sanctioned': {
      const e = p as DomainEventPayloads[typeof name];
      const until = e.suspendedUntil ? ` until ${inKorea(e.suspendedUntil)}` : '';
      const next = e.sanction === 'warning' ? 'A further overstay by a sponsored person leads to a suspension: check that every sponsored patient leaves within their permitted stay.' : e.sanction === 'suspension' ? `The hospital cannot file e-visa applications as a designated hospital${until}.` : 'The hospital can no longer file e-visa applications as a designated hospital this year; it may apply again next year.';
      return [designationNotice(e, 'designation_sanctioned', `${e.hospitalName}: ${SANCTION_WORDS[e.sanction]} for overstays (designation ${e.year})`, `The ministry recorded ${SANCTION_WORDS[e.sanction]} against the ${e.year} designation of ${e.hospitalName} after sponsored persons overstayed. ${next}`)];
    }
    case 'designation.reinstated': {
      const e = p as DomainEventPayloads[typeof name];
      return [designationNotice(e, 'designation_reinstated', `${e.hospitalName}: designation ${e.year} is active again`, `The suspension of the ${e.year} designation of ${e.hospitalName} has ended; it is valid until ${e.validUntil}. The hospital may file e-visa applications as a designated hospital again.`)];
    }
    case 'designation.expired': {
      const e = p as DomainEventPayloads[typeof name];
      return [designationNotice(e, 'designation_expired', `${e.hospitalName}: designation ${e.year} has expired`, `The ${e.year} designation of ${e.hospitalName} ended on ${e.validUntil}. New applications go on the certificate track until a new designation is granted; apply for the next year's designation.`)];
    }
    case 'designation.renewal-due': {
      const e = p as DomainEventPayloads[typeof name];
      return [designationNotice(e, 'designation_renewal_due', `${e.hospitalName}: designation ${e.year} ends in ${e.daysLeft} days`, `The ${e.year} designation of ${e.hospitalName} is valid until ${e.validUntil}, and no application for the next year has been filed. Apply for the ${e.year + 1} designation before then to keep filing e-visas without a break.`)];
    }
    case 'care-assignment.offered': {
      const e = p as DomainEventPayloads[typeof name];
      return [said(assignmentFields(e, 'assignment_offered', [{ kind: 'careProvider', careProviderId: e.providerId }]), (r) => words('offered.title', 'offered.body', { ...assignmentArgs(e, r), respondBy: e.respondBy ? instantIn(e.respondBy, r) : 'no date' })(r))];
    }
    case 'care-assignment.accepted': {
      const e = p as DomainEventPayloads[typeof name];
      return [assignmentNotice(e, 'assignment_accepted', `${e.providerName} confirmed the assignment of ${inKorea(e.start)}`, `${e.providerName} accepted the booking as ${assignmentWords(e)}. Nothing more to do until it ends; then complete it with a rating.`, [{ kind: 'coordinators', hospitalId: e.hospitalId }])];
    }
    case 'care-assignment.declined':
    case 'care-assignment.expired': {
      const e = p as DomainEventPayloads[typeof name];
      const what = name === 'care-assignment.declined' ? 'declined' : 'did not answer in time for';
      return [assignmentNotice(e, name === 'care-assignment.declined' ? 'assignment_declined' : 'assignment_expired', `${e.providerName} ${what} the assignment of ${inKorea(e.start)}`, `${e.providerName} ${what} the booking as ${assignmentWords(e)}. The next candidate of the same ranking is being booked; you will be told if none is left.`, [{ kind: 'coordinators', hospitalId: e.hospitalId }])];
    }
    case 'care-assignment.cancelled': {
      const e = p as DomainEventPayloads[typeof name];
      return [said(assignmentFields(e, 'assignment_cancelled', [{ kind: 'careProvider', careProviderId: e.providerId }]), (r) => words('cancelled.title', 'cancelled.body', assignmentArgs(e, r))(r))];
    }
    case 'care-assignment.unfilled': {
      const e = p as DomainEventPayloads[typeof name];
      return [assignmentNotice(e, 'assignment_unfilled', `No ${e.kind} found for ${inKorea(e.start)}`, `Every candidate for ${assignmentWords(e)} declined, did not answer or is no longer free; the request is unfilled. Run a new match, with a wider window or without requiring certification, and book from its candidates.`, [{ kind: 'coordinators', hospitalId: e.hospitalId }])];
    }
    case 'telemedicine.reminder-due': {
      const e = p as DomainEventPayloads[typeof name];
      return e.recipients.map((r) => reminderNotice(e, r));
    }
    case 'yearly-report.reminder-due': {
      const e = p as DomainEventPayloads[typeof name];
      return [
        {
          kind: 'yearly_report_reminder',
          title: `${e.hospitalName}: the ${e.year} yearly report is due in ${e.daysLeft} days`,
          body: `The foreign-patient report of ${e.hospitalName} for ${e.year} is due by ${e.dueOn}. MedJourney has pre-filled what it knows; add the inpatients, outpatients and revenue, then submit it.`,
          refs: { hospitalId: e.hospitalId, year: String(e.year) },
          target: { page: 'yearlyReport', id: String(e.year) },
          audience: [{ kind: 'coordinators', hospitalId: e.hospitalId }],
        },
      ];
    }
    default:
      return [];
  }
}

/** "12 March 2027 at 20:00 (America/New_York)": the recipient's own wall-clock time and zone. */
export function inZone(iso: string, zone: string): string {
  return instantIn(iso, { locale: 'en', zone }, 'long');
}

/** One reminder of a follow-up video appointment, to one participant, naming the time in their zone (the event's) and their language. */
function reminderNotice(e: DomainEventPayloads['telemedicine.reminder-due'], r: ReminderRecipient): Notice {
  return said(
    {
      kind: 'appointment_reminder',
      refs: { appointmentId: e.appointmentId, lead: e.lead },
      target: { page: 'appointment', id: e.appointmentId },
      audience: [r.careProviderId ? { kind: 'careProvider', careProviderId: r.careProviderId } : { kind: 'users', ids: [r.userId] }],
    },
    (reader) => words('reminder.title', 'reminder.body', { lead: e.lead === '24h' ? 'day' : 'hour', role: r.role, start: instantIn(e.start, { locale: reader.locale, zone: r.timezone }, 'long') })(reader),
  );
}

function designationNotice(e: DomainEventPayloads['designation.expired'], kind: string, title: string, body: string): Notice {
  return { kind, title, body, refs: { designationId: e.designationId, hospitalId: e.hospitalId }, target: { page: 'designation', id: e.designationId }, audience: [{ kind: 'coordinators', hospitalId: e.hospitalId }, { kind: 'roles', roles: ['ministry_reviewer'] }] };
}

/** The events the notification centre turns into notices. */
export const NOTIFYING_EVENTS = [
  'sla.stage-fired',
  'visa-application.sponsorship-requested',
  'visa-application.sponsorship-declined',
  'visa-application.consent-requested',
  'visa-application.sponsorship-accepted',
  'visa-application.supplement-requested',
  'visa-application.decided',
  'visa-application.lapsed',
  'journey.referred',
  'designation.sanctioned',
  'designation.reinstated',
  'designation.expired',
  'designation.renewal-due',
  'care-assignment.offered',
  'care-assignment.accepted',
  'care-assignment.declined',
  'care-assignment.expired',
  'care-assignment.cancelled',
  'care-assignment.unfilled',
  'telemedicine.reminder-due',
  'yearly-report.reminder-due',
] as const satisfies readonly DomainEventName[];
