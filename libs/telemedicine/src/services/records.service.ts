import { Inject, Injectable } from '@nestjs/common';
import { consolePath, consoleUrl, type ConsoleRole } from '@medjourney/console-routes';
import { APP_CONFIG, AuditService, Clock, DomainError, MAIL_FROM_ADDRESS, type Actor, type AppConfig } from '@medjourney/platform';
import { createHash, randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { appointmentCalendar, calendarStatus, calendarUid, followUpCalendar } from '../domain/calendar.js';
import { Appointment } from '../entities/appointment.entity.js';
import { AppointmentsService, isParticipant } from './appointments.service.js';
import { Participants } from './participants.js';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const PARTICIPATION = 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType';
/** Feeds list appointments from this long ago on; older ones no calendar needs. */
const FEED_PAST_MS = 90 * 86_400_000;

/** The column a feed's subject scopes appointments by. */
const FEED_SCOPE = { patient: 'patient_id', clinician: 'clinician_id', care_provider: 'interpreter_provider_id' } as const;
type FeedRole = keyof typeof FEED_SCOPE;

/**
 * An appointment as other programs read it (spec/telemedicine.md): an RFC 5545 calendar (one
 * appointment, or a participant's subscribable feed that carries no names, diagnosis or room)
 * and a FHIR R4 Appointment.
 */
@Injectable()
export class RecordsService {
  constructor(
    private readonly db: DataSource,
    private readonly appointments: AppointmentsService,
    private readonly participants: Participants,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** One appointment's calendar event: UTC times, a stable UID, SEQUENCE raised at each change, STATUS:CANCELLED once cancelled; the room for participants only. */
  async calendar(actor: Actor, id: string): Promise<string> {
    const a = await this.appointments.get(actor, id);
    const room = isParticipant(actor, a) ? this.appointments.roomUrl(a) : null;
    return appointmentCalendar(a, await this.participants.of(this.db.manager, a), { method: 'PUBLISH', room, link: this.link(a.id, actor.role), organizer: MAIL_FROM_ADDRESS });
  }

  /** A new secret feed URL for the caller (rotation: the previous one stops answering). */
  async rotateFeed(actor: Actor): Promise<{ url: string }> {
    const role = actor.role as FeedRole;
    const subject = role === 'patient' ? actor.patientId : role === 'clinician' ? actor.userId : role === 'care_provider' ? actor.careProviderId : null;
    if (!(role in FEED_SCOPE)) throw DomainError.forbidden('Only participants of appointments have a calendar feed.');
    // The role may have a feed; an account not yet linked to its patient record has none to give.
    if (!subject) throw DomainError.notFound('patient record');
    const token = randomBytes(32).toString('base64url');
    await this.db.transaction(async (m) => {
      await m.query(
        `INSERT INTO telemedicine_feeds (user_id, token_sha256, created_at, role, subject_id) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (user_id) DO UPDATE SET token_sha256 = EXCLUDED.token_sha256, created_at = EXCLUDED.created_at, role = EXCLUDED.role, subject_id = EXCLUDED.subject_id`,
        [actor.userId, sha256(token), this.clock.now(), role, subject],
      );
      await this.audit.record(m, { action: 'telemedicine.feed_rotated', entityType: 'user', entityId: actor.userId });
    });
    return { url: `${this.config.publicBaseUrl.replace(/\/$/, '')}/api/v1/telemedicine/feeds/${token}.ics` };
  }

  /** The feed of a secret token: the subject's appointments, each only "MedJourney follow-up" and a link to the console. */
  async feed(token: string): Promise<string> {
    const [f]: { role: FeedRole; subject_id: string }[] = await this.db.query('SELECT role, subject_id FROM telemedicine_feeds WHERE token_sha256 = $1', [sha256(token)]);
    if (!f) throw DomainError.notFound('calendar feed');
    const rows = await this.db.getRepository(Appointment).createQueryBuilder('a')
      .where(`a.${FEED_SCOPE[f.role]} = :subject`, { subject: f.subject_id })
      .andWhere('a.end_at >= :since', { since: new Date(this.clock.now().getTime() - FEED_PAST_MS) })
      .orderBy('a.start_at').addOrderBy('a.id').getMany();
    const cal = followUpCalendar('PUBLISH');
    for (const a of rows) {
      cal.createEvent({ id: calendarUid(a), start: a.startAt, end: a.endAt, stamp: a.updatedAt, sequence: a.sequence, status: calendarStatus(a), summary: 'MedJourney follow-up', url: this.link(a.id, f.role) });
    }
    return cal.toString();
  }

  /** The appointment as a FHIR R4 Appointment: every participant (the interpreter typed INTRP), accepted, with a display. */
  async fhir(actor: Actor, id: string): Promise<Record<string, unknown>> {
    const a = await this.appointments.get(actor, id);
    const people = await this.participants.of(this.db.manager, a);
    const type = (code: string, display: string) => [{ coding: [{ system: PARTICIPATION, code, display }] }];
    const participant = [
      { type: type('SBJ', 'subject'), actor: { reference: `Patient/${a.patientId}`, display: people.patient.name }, required: 'required', status: 'accepted' },
      { type: type('PPRF', 'primary performer'), actor: { reference: `Practitioner/${a.clinicianId}`, display: people.clinician.name }, required: 'required', status: 'accepted' },
      ...(a.interpreterProviderId ? [{ type: type('INTRP', 'interpreter'), actor: { reference: `Practitioner/${a.interpreterProviderId}`, display: people.interpreter?.name ?? 'Interpreter' }, required: 'required', status: 'accepted' }] : []),
      ...(people.local
        ? [{ type: type('CON', 'consultant'), actor: { display: `${people.local.name} (${people.local.country})`, ...(people.local.licenseNumber ? { identifier: { value: people.local.licenseNumber } } : {}) }, required: 'required', status: 'accepted' }]
        : []),
    ];
    return {
      resourceType: 'Appointment',
      id: a.id,
      meta: { versionId: String(a.version), lastUpdated: a.updatedAt.toISOString() },
      status: a.status,
      serviceType: [{ text: 'Follow-up video consultation' }],
      start: a.startAt.toISOString(),
      end: a.endAt.toISOString(),
      minutesDuration: Math.round((a.endAt.getTime() - a.startAt.getTime()) / 60_000),
      created: a.createdAt.toISOString(),
      participant,
    };
  }

  private link(appointmentId: string, role: string): string {
    return consoleUrl(this.config.publicBaseUrl, consolePath({ page: 'appointment', id: appointmentId }, role as ConsoleRole));
  }
}
