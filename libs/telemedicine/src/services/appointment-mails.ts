import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, Clock, JOBS, MAIL_FROM_ADDRESS, MailerService, OutboxService, jobId, type AppConfig, type MessageLocale } from '@medjourney/platform';
import type { EntityManager } from 'typeorm';
import { changeLetter, reminderLetter, type AppointmentChange, type LetterFacts, type LetterRecipient } from '../domain/appointment-letters.js';
import { appointmentCalendar } from '../domain/calendar.js';
import { roomUrlOf, type Appointment } from '../entities/appointment.entity.js';
import { Participants, type AppointmentPeople } from './participants.js';

interface NewMail {
  to: string;
  language: MessageLocale;
  subject: string;
  text: string;
  calendar: { method: 'REQUEST' | 'CANCEL'; content: string } | null;
}

/**
 * The appointment's e-mails (spec/telemedicine.md): at each booking, reschedule and cancellation
 * every participant with an address (the patient, the clinician, the interpreter, the local
 * clinician) gets a letter in their own zone (the patient and the interpreter also in their own
 * language; see Participants) carrying the iCalendar invitation (METHOD:REQUEST,
 * the same UID, SEQUENCE raised) or cancellation (METHOD:CANCEL, STATUS:CANCELLED); the local
 * clinician, who has no account, also gets the 24-hour and 1-hour reminders this way. Written in
 * the change's transaction (one row per change and address), sent once by the worker
 * (AppointmentMailsProcessor). Nothing is written when mail reaches no one.
 */
@Injectable()
export class AppointmentMails {
  constructor(
    private readonly participants: Participants,
    private readonly outbox: OutboxService,
    private readonly mailer: MailerService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The letters of one change, `a` as it is after the change. */
  async changed(m: EntityManager, a: Appointment, change: AppointmentChange, previousStart?: Date): Promise<void> {
    if (!this.mailer.enabled) return;
    const people = await this.participants.of(m, a);
    const facts = this.facts(a, people, previousStart);
    const method = change === 'cancelled' ? 'CANCEL' : 'REQUEST';
    const content = appointmentCalendar(a, people, { method, room: facts.room, link: facts.room, organizer: MAIL_FROM_ADDRESS });
    await this.write(m, a, `${change}.${a.sequence}`, recipients(people).map((r) => ({ to: r.email, language: r.locale ?? 'en', ...changeLetter(change, r, facts), calendar: { method, content } })));
  }

  /** The local clinician's reminder; once per appointment, lead and start. */
  async remindLocalClinician(m: EntityManager, a: Appointment, lead: '24h' | '1h', people: AppointmentPeople): Promise<void> {
    if (!this.mailer.enabled || !a.localClinician) return;
    const local = recipients(people).filter((r) => r.role === 'local_clinician');
    await this.write(m, a, `reminder-${lead}.${a.startAt.toISOString()}`, local.map((r) => ({ to: r.email, language: r.locale ?? 'en', ...reminderLetter(lead, r, this.facts(a, people)), calendar: null })));
  }

  private facts(a: Appointment, people: AppointmentPeople, previousStart?: Date): LetterFacts {
    return { start: a.startAt, previousStart, clinicianName: people.clinician.name, hospitalName: people.hospital, patientName: people.patient.name, room: roomUrlOf(this.config.videoBaseUrl, a) };
  }

  /** Stores the letters (a change already written keeps its rows) and queues each new one's job through the outbox. */
  private async write(m: EntityManager, a: Appointment, change: string, mails: NewMail[]): Promise<void> {
    if (mails.length === 0) return;
    const created: { id: string }[] = await m.query(
      `INSERT INTO telemedicine_mails (appointment_id, change, to_address, subject, body, calendar_method, calendar, created_at, language)
       SELECT $1, $2, to_address, subject, body, method, calendar, $3, language
         FROM unnest($4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[]) AS u(to_address, subject, body, method, calendar, language)
       ON CONFLICT ON CONSTRAINT telemedicine_mails_once DO NOTHING RETURNING id`,
      [
        a.id, change, this.clock.now(), mails.map((x) => x.to), mails.map((x) => x.subject), mails.map((x) => x.text), mails.map((x) => x.calendar?.method ?? null),
        mails.map((x) => x.calendar?.content ?? null), mails.map((x) => x.language),
      ],
    );
    await this.outbox.publishMany(m, JOBS.appointmentMail, created.map((r) => ({ payload: { mailId: r.id }, jobId: appointmentMailJobId(r.id) })));
  }
}

export const appointmentMailJobId = (mailId: string) => jobId('telemedicine-mail', mailId);

/** The participants with an address, each once (one person in two roles gets one letter). */
function recipients(p: AppointmentPeople): LetterRecipient[] {
  const all: (LetterRecipient | null)[] = [
    p.patient.email ? { role: 'patient', name: p.patient.name, email: p.patient.email, timezone: p.patient.timezone, locale: p.patient.locale } : null,
    p.clinician.email ? { role: 'clinician', name: p.clinician.name, email: p.clinician.email, timezone: p.clinician.timezone, locale: p.clinician.locale } : null,
    p.interpreter?.email ? { role: 'interpreter', name: p.interpreter.name, email: p.interpreter.email, timezone: p.interpreter.timezone, locale: p.interpreter.locale } : null,
    p.local ? { role: 'local_clinician', name: p.local.name, email: p.local.email, timezone: p.local.timezone, locale: p.local.locale } : null,
  ];
  const seen = new Set<string>();
  return all.filter((r): r is LetterRecipient => !!r && !seen.has(r.email.toLowerCase()) && !!seen.add(r.email.toLowerCase()));
}
