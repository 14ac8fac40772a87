import { DateTime } from 'luxon';

/** Who an appointment e-mail goes to: a participant, in the zone their letters name the time in. */
export interface LetterRecipient {
  role: 'patient' | 'clinician' | 'interpreter' | 'local_clinician';
  name: string;
  email: string;
  timezone: string;
}

export interface LetterFacts {
  start: Date;
  clinicianName: string;
  hospitalName: string;
  /** The patient's name, for the clinicians (the patient is told of "your" appointment). */
  patientName: string;
  /** The video room, for every participant. */
  room: string;
  /** Before a reschedule. */
  previousStart?: Date;
}

export type AppointmentChange = 'booked' | 'rescheduled' | 'cancelled';

/** "4 March 2026 at 20:00 (America/New_York)": the recipient's own wall-clock time and zone. */
export function timeIn(at: Date, zone: string): string {
  const dt = DateTime.fromJSDate(at, { zone });
  return `${dt.toFormat('d LLLL yyyy')} at ${dt.toFormat('HH:mm')} (${zone})`;
}

/** What the appointment is to this recipient. */
function what(r: LetterRecipient, f: LetterFacts): string {
  switch (r.role) {
    case 'patient':
      return `your follow-up video appointment with ${f.clinicianName} of ${f.hospitalName}`;
    case 'clinician':
      return `your follow-up video consultation with ${f.patientName}`;
    case 'interpreter':
      return `the follow-up video appointment of ${f.patientName} with ${f.clinicianName} of ${f.hospitalName}, which you interpret`;
    case 'local_clinician':
      return `the video consultation with ${f.clinicianName} of ${f.hospitalName} about your patient ${f.patientName}`;
  }
}

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** The letter that carries an appointment's invitation (booked, rescheduled) or its cancellation, naming the time in the recipient's zone. */
export function changeLetter(change: AppointmentChange, r: LetterRecipient, f: LetterFacts): { subject: string; text: string } {
  const when = timeIn(f.start, r.timezone);
  const join = `Join the video room a few minutes early: ${f.room}`;
  switch (change) {
    case 'booked':
      return {
        subject: `Follow-up video appointment on ${when}`,
        text: `Hello ${r.name},\n\n${capital(what(r, f))} is booked for ${when}.\n\n${join}\n\nThe attached invitation adds it to your calendar.\n`,
      };
    case 'rescheduled':
      return {
        subject: `Follow-up video appointment moved to ${when}`,
        text: `Hello ${r.name},\n\n${capital(what(r, f))} has moved${f.previousStart ? ` from ${timeIn(f.previousStart, r.timezone)}` : ''} to ${when}.\n\n${join}\n\nThe attached invitation updates your calendar.\n`,
      };
    case 'cancelled':
      return {
        subject: `Cancelled: follow-up video appointment on ${when}`,
        text: `Hello ${r.name},\n\n${capital(what(r, f))} on ${when} is cancelled.\n\nThe attached cancellation removes it from your calendar.\n`,
      };
  }
}

/** A reminder by e-mail (to the local clinician, who has no account and so no notifications), naming the time in their zone. */
export function reminderLetter(lead: '24h' | '1h', r: LetterRecipient, f: LetterFacts): { subject: string; text: string } {
  const within = lead === '24h' ? 'in 24 hours' : 'in 1 hour';
  const when = timeIn(f.start, r.timezone);
  return {
    subject: `Follow-up video consultation ${within}: ${when}`,
    text: `Hello ${r.name},\n\n${capital(what(r, f))} starts ${within}, on ${when}.\n\nJoin the video room a few minutes early: ${f.room}\n`,
  };
}
