import { instantIn, type MessageLocale } from '@medjourney/platform';
import { APPOINTMENT_LETTERS } from '../messages/index.js';

/** Who an appointment e-mail goes to: a participant, in the zone their letters name the time in. */
export interface LetterRecipient {
  role: 'patient' | 'clinician' | 'interpreter' | 'local_clinician';
  name: string;
  email: string;
  timezone: string;
  /** The language the letter is written in; English when absent (clinicians, the local clinician). */
  locale?: MessageLocale;
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
export function timeIn(at: Date, zone: string, locale: MessageLocale = 'en'): string {
  return instantIn(at, { locale, zone }, 'long');
}

/** The words of one letter, in the recipient's language. */
function say(r: LetterRecipient) {
  return APPOINTMENT_LETTERS.for(r.locale ?? 'en');
}

/** What the appointment is to this recipient, at the start of a sentence. */
function what(r: LetterRecipient, f: LetterFacts): string {
  return say(r)(`what.${r.role}`, { clinician: f.clinicianName, hospital: f.hospitalName, patient: f.patientName });
}

/** The letter that carries an appointment's invitation (booked, rescheduled) or its cancellation, naming the time in the recipient's zone and language. */
export function changeLetter(change: AppointmentChange, r: LetterRecipient, f: LetterFacts): { subject: string; text: string } {
  const t = say(r);
  const when = timeIn(f.start, r.timezone, r.locale);
  const args = { name: r.name, what: what(r, f), when, join: t('join', { room: f.room }) };
  switch (change) {
    case 'booked':
      return { subject: t('booked.subject', args), text: t('booked.text', args) };
    case 'rescheduled':
      return {
        subject: t('rescheduled.subject', args),
        text: f.previousStart ? t('rescheduled.text', { ...args, previous: timeIn(f.previousStart, r.timezone, r.locale) }) : t('rescheduled.textWithoutPrevious', args),
      };
    case 'cancelled':
      return { subject: t('cancelled.subject', args), text: t('cancelled.text', args) };
  }
}

/** A reminder by e-mail (to the local clinician, who has no account and so no notifications), naming the time in their zone. */
export function reminderLetter(lead: '24h' | '1h', r: LetterRecipient, f: LetterFacts): { subject: string; text: string } {
  const t = say(r);
  const args = { name: r.name, what: what(r, f), when: timeIn(f.start, r.timezone, r.locale), lead: lead === '24h' ? 'day' : 'hour', join: t('join', { room: f.room }) };
  return { subject: t('reminder.subject', args), text: t('reminder.text', args) };
}
