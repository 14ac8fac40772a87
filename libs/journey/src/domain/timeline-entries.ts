import type { AppointmentFacts, AssignmentFacts } from '@medjourney/platform';
import type { ApplicationHistory } from '@medjourney/visas';
import { DateTime } from 'luxon';
import { dateInWords, instantInWords } from './journey-stage.js';

/** One line of the timeline, as stored: `source` names what it was made from, so a repeat adds nothing. */
export interface NewEntry {
  at: Date;
  type: string;
  summary: string;
  refs: Record<string, unknown>;
  source: string;
}

const ACTIONS: Record<string, { type: string; summary: (ref: string) => string } | undefined> = {
  create: { type: 'application_created', summary: (r) => `Visa application ${r} was created.` },
  request_sponsorship: { type: 'sponsorship_requested', summary: (r) => `Application ${r} was sent to the hospital for sponsorship.` },
  accept_sponsorship: { type: 'sponsorship_accepted', summary: (r) => `The patient accepted the hospital's sponsorship of application ${r}.` },
  decline_sponsorship: { type: 'sponsorship_declined', summary: (r) => `The hospital declined to sponsor application ${r}; it is a draft again.` },
  submit: { type: 'application_submitted', summary: (r) => `Application ${r} was submitted to immigration.` },
  start_review: { type: 'review_started', summary: (r) => `An immigration officer started reviewing application ${r}.` },
  request_supplement: { type: 'supplement_requested', summary: (r) => `The officer asked for more documents for application ${r}.` },
  resubmit: { type: 'application_resubmitted', summary: (r) => `The requested documents for application ${r} were sent.` },
  withdraw: { type: 'application_withdrawn', summary: (r) => `Application ${r} was withdrawn.` },
  lapse: { type: 'application_withdrawn', summary: (r) => `Application ${r} was withdrawn: the requested documents did not arrive in time.` },
  // Editing and assignment change nothing the patient needs to follow.
};

/**
 * The timeline lines of an application's history: its transitions, the decision, and a visa
 * issued per approved person. Rejection reason codes stay out (the patient reads this).
 */
export function applicationEntries(h: ApplicationHistory): NewEntry[] {
  const out: NewEntry[] = [];
  const refs = { applicationId: h.applicationId, reference: h.reference };
  for (const e of h.events) {
    const source = `visa-application-event:${e.id}`;
    if (e.action === 'decide') {
      const approved = e.toStatus === 'approved';
      out.push({ at: e.occurredAt, type: approved ? 'application_approved' : 'application_rejected', summary: `Application ${h.reference} was ${approved ? 'approved' : 'denied'}.`, refs, source });
      const outcomes = ((e.details?.outcomes as { personId: string; outcome: string }[] | undefined) ?? []).filter((o) => o.outcome === 'approve');
      for (const o of outcomes) {
        const person = h.persons.find((p) => p.id === o.personId);
        out.push({ at: e.occurredAt, type: 'visa_issued', summary: `A visa was issued to ${person?.name ?? 'a person of the application'}.`, refs: { ...refs, personId: o.personId }, source: `${source}:visa:${o.personId}` });
      }
      continue;
    }
    const known = ACTIONS[e.action];
    if (known) out.push({ at: e.occurredAt, type: known.type, summary: known.summary(h.reference), refs, source });
  }
  return out;
}

/** The open supplement request of an application, as the next steps name it. */
export function openSupplement(h: ApplicationHistory, lapseAfterMs: number): { items: { documentType: string; name?: string }[]; respondBy: string | null } | null {
  if (h.status !== 'supplement_requested') return null;
  const last = [...h.events].reverse().find((e) => e.action === 'request_supplement');
  if (!last) return null;
  const items = ((last.details?.items as { personId: string | null; documentType: string }[] | undefined) ?? []).map((i) => {
    const person = i.personId ? h.persons.find((p) => p.id === i.personId) : undefined;
    return person ? { documentType: i.documentType, name: person.name } : { documentType: i.documentType };
  });
  return { items, respondBy: new Date(new Date(last.occurredAt).getTime() + lapseAfterMs).toISOString() };
}

const names = (persons: { name: string }[]) => (persons.length <= 1 ? (persons[0]?.name ?? 'The patient') : `${persons.slice(0, -1).map((p) => p.name).join(', ')} and ${persons[persons.length - 1].name}`);

/** The timeline line of a physical event or an overstay (journey's own domain events). */
export function journeyEntry(
  eventId: string,
  name: string,
  payload: {
    at?: string; persons?: { personId: string; name: string; visaId: string; stayEndsOn?: string }[]; hospitalId?: string; journeyEventId?: string; stayEndedOn?: string; personId?: string; name?: string; visaId?: string;
    referralId?: string; referredByHospitalId?: string; reason?: string | null;
  },
  occurredAt: Date,
  hospitalName: string | null,
): NewEntry | null {
  const at = payload.at ? new Date(payload.at) : occurredAt;
  const source = `domain-event:${eventId}`;
  const persons = payload.persons ?? [];
  const refs = { journeyEventId: payload.journeyEventId, personIds: persons.map((p) => p.personId), visaIds: persons.map((p) => p.visaId) };
  switch (name) {
    case 'journey.arrived': {
      const ends = persons.map((p) => p.stayEndsOn).filter(Boolean).sort()[0];
      return { at, type: 'arrived', summary: `${names(persons)} arrived in Korea${ends ? `; the permitted stay lasts until ${dateInWords(ends)}` : ''}.`, refs, source };
    }
    case 'journey.departed':
      return { at, type: 'departed', summary: `${names(persons)} left Korea.`, refs, source };
    case 'journey.entry-refused':
      return { at, type: 'entry_refused', summary: `${names(persons)} ${persons.length > 1 ? 'were' : 'was'} refused entry at the border.`, refs, source };
    case 'journey.admitted':
      return { at, type: 'admitted', summary: `Admitted to ${hospitalName ?? 'hospital'}.`, refs: { journeyEventId: payload.journeyEventId, hospitalId: payload.hospitalId }, source };
    case 'journey.discharged':
      return { at, type: 'discharged', summary: `Discharged from ${hospitalName ?? 'hospital'}.`, refs: { journeyEventId: payload.journeyEventId, hospitalId: payload.hospitalId }, source };
    case 'journey.treated':
      return { at, type: 'treated', summary: `Treated as an outpatient at ${hospitalName ?? 'hospital'}.`, refs: { journeyEventId: payload.journeyEventId, hospitalId: payload.hospitalId }, source };
    case 'journey.referred':
      return {
        at,
        type: 'referred',
        summary: `Referred to ${hospitalName ?? 'another hospital'}${payload.reason ? `: ${payload.reason}` : ''}.`,
        refs: { referralId: payload.referralId, hospitalId: payload.hospitalId, referredByHospitalId: payload.referredByHospitalId },
        source,
      };
    case 'journey.overstay-detected':
      return { at: occurredAt, type: 'overstay_detected', summary: `${payload.name} stayed beyond the permitted stay, which ended on ${dateInWords(payload.stayEndedOn!)}.`, refs: { personId: payload.personId, visaId: payload.visaId }, source };
    default:
      return null;
  }
}

/**
 * A care assignment's window in words, in Korean time: the care happens in Korea, and the
 * line is written once, so it cannot follow later changes of the patient's time zone.
 */
export function windowInWords(start: string, end: string): string {
  const from = DateTime.fromISO(start, { zone: 'Asia/Seoul' });
  const to = DateTime.fromISO(end, { zone: 'Asia/Seoul' });
  if (from.hasSame(to, 'day')) return `${from.toFormat('d LLLL yyyy, HH:mm')}–${to.toFormat('HH:mm')} Korean time`;
  return `${from.toFormat("d LLLL yyyy 'at' HH:mm")} to ${to.toFormat("d LLLL yyyy 'at' HH:mm")} Korean time`;
}

const PROVIDER_KIND = { interpreter: 'Interpreter', caregiver: 'Caregiver' } as const;

/** The timeline line of a care assignment booked (offered), confirmed (accepted) or completed; other events of an assignment make none. */
export function careAssignmentEntry(eventId: string, name: string, f: AssignmentFacts, occurredAt: Date): NewEntry | null {
  const who = `${PROVIDER_KIND[f.kind]} ${f.providerName}`;
  const window = windowInWords(f.start, f.end);
  const refs = { assignmentId: f.assignmentId, providerId: f.providerId, hospitalId: f.hospitalId, kind: f.kind, start: f.start, end: f.end };
  const line = (type: string, summary: string): NewEntry => ({ at: occurredAt, type, summary, refs, source: `domain-event:${eventId}` });
  switch (name) {
    case 'care-assignment.offered':
      return line('care_assignment_booked', `${who} was booked at ${f.hospitalName} for ${window}; waiting for them to confirm.`);
    case 'care-assignment.accepted':
      return line('care_assignment_confirmed', `${who} confirmed ${window} at ${f.hospitalName}.`);
    case 'care-assignment.completed':
      return line('care_assignment_completed', `${who} completed the assignment of ${window} at ${f.hospitalName}.`);
    default:
      return null;
  }
}

/**
 * The timeline line of a follow-up video appointment booked, rescheduled or fulfilled (spec/journey.md),
 * its time named in the patient's zone at the time of the event; other events of an appointment make none.
 */
export function followUpEntry(eventId: string, name: string, f: AppointmentFacts & { previousStart?: string }, occurredAt: Date, zone: string): NewEntry | null {
  const refs = { appointmentId: f.appointmentId, clinicianId: f.clinicianId, hospitalId: f.hospitalId, start: f.start, end: f.end };
  const line = (type: string, summary: string): NewEntry => ({ at: occurredAt, type, summary, refs, source: `domain-event:${eventId}` });
  const with_ = `with ${f.clinicianName} of ${f.hospitalName}${f.interpreterLanguage ? `, with an interpreter (${f.interpreterLanguage})` : ''}`;
  switch (name) {
    case 'telemedicine.appointment-booked':
      return line('follow_up_booked', `Follow-up video appointment ${with_} booked for ${instantInWords(f.start, zone)}.`);
    case 'telemedicine.appointment-rescheduled':
      return line('follow_up_rescheduled', `Follow-up video appointment ${with_} moved${f.previousStart ? ` from ${instantInWords(f.previousStart, zone)}` : ''} to ${instantInWords(f.start, zone)}.`);
    case 'telemedicine.appointment-fulfilled':
      return line('follow_up_fulfilled', `Follow-up video appointment ${with_} took place on ${instantInWords(f.start, zone)}.`);
    default:
      return null;
  }
}
