import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';

/** What a calendar event says of an appointment. */
export interface CalendarAppointment {
  id: string;
  startAt: Date;
  endAt: Date;
  updatedAt: Date;
  sequence: number;
  status: string;
  interpreterLanguage: string | null;
}

/** The people an appointment's event names; an address makes them an attendee. */
export interface CalendarPeople {
  patient: { name: string; email?: string | null };
  clinician: { name: string; email?: string | null };
  interpreter: { name: string; email?: string | null } | null;
  local: { name: string; country: string; email: string } | null;
  hospital: string;
}

export type CalendarMethod = 'PUBLISH' | 'REQUEST' | 'CANCEL';

/** The same UID for every version of an appointment's event: calendar programs replace it on a higher SEQUENCE. */
export const calendarUid = (a: { id: string }) => `${a.id}@medjourney.dev`;
export const calendarStatus = (a: { status: string }) => (a.status === 'cancelled' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED);

const PROD_ID = { company: 'MedJourney', product: 'Telemedicine', language: 'EN' };

/** An empty calendar of follow-ups with its method (a download or feed PUBLISHes; e-mails REQUEST or CANCEL, RFC 5546). */
export function followUpCalendar(method: CalendarMethod) {
  const cal = ical({ prodId: PROD_ID, name: 'MedJourney follow-up' });
  cal.method(ICalCalendarMethod[method]);
  return cal;
}

/**
 * One appointment as an RFC 5545 event: UTC times, a stable UID, SEQUENCE raised at each change,
 * STATUS:CANCELLED once cancelled; `room` only for a participant. The organizer is the system's
 * sender, so that replies to an e-mailed invitation go nowhere a person reads.
 */
export function appointmentCalendar(
  a: CalendarAppointment,
  people: CalendarPeople,
  opts: { method: CalendarMethod; room: string | null; link: string; organizer: string },
): string {
  const cal = followUpCalendar(opts.method);
  cal.createEvent({
    id: calendarUid(a), start: a.startAt, end: a.endAt, stamp: a.updatedAt, sequence: a.sequence, status: calendarStatus(a),
    summary: `Follow-up video appointment with ${people.clinician.name}`,
    description: [
      `${people.hospital}.`,
      people.interpreter ? `Interpreter: ${people.interpreter.name} (${a.interpreterLanguage}).` : '',
      people.local ? `With ${people.local.name} (${people.local.country}).` : '',
      opts.room ? `Video room: ${opts.room}` : '',
    ].filter(Boolean).join('\n'),
    url: opts.room ?? opts.link,
    organizer: { name: 'MedJourney', email: opts.organizer },
    attendees: [people.patient, people.clinician, ...(people.interpreter ? [people.interpreter] : []), ...(people.local ? [people.local] : [])]
      .filter((p): p is { name: string; email: string } => !!p.email)
      .map((p) => ({ name: p.name, email: p.email })),
  });
  return cal.toString();
}
