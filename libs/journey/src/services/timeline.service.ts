import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, Clock, OnDomainEvent, OnDomainEvents, type Actor, type AppConfig, type AppointmentFacts, type AssignmentFacts, type DomainEvent, type DomainEventName } from '@medjourney/platform';
import { HospitalsService } from '@medjourney/hospitals';
import { ApplicationDirectory, VisaUseService } from '@medjourney/visas';
import { Duration } from 'luxon';
import { DataSource, type EntityManager } from 'typeorm';
import { journeyStage } from '../domain/journey-stage.js';
import { koreanToday } from '../domain/plausibility.js';
import { applicationEntries, careAssignmentEntry, followUpEntry, journeyEntry, openSupplement, type NewEntry } from '../domain/timeline-entries.js';
import type { JourneyDto } from '../dto/journey.dto.js';
import { JourneyAccess } from './journey-access.js';
import { immigrationEntries } from '../domain/immigration-view.js';

const APPLICATION_EVENTS: DomainEventName[] = [
  'visa-application.created', 'visa-application.edited', 'visa-application.sponsorship-requested', 'visa-application.sponsorship-declined', 'visa-application.sponsorship-accepted',
  'visa-application.submitted', 'visa-application.review-started', 'visa-application.supplement-requested', 'visa-application.resubmitted',
  'visa-application.decided', 'visa-application.withdrawn', 'visa-application.assigned', 'visa-application.lapsed',
];
const JOURNEY_EVENTS: DomainEventName[] = ['journey.arrived', 'journey.departed', 'journey.entry-refused', 'journey.admitted', 'journey.discharged', 'journey.treated', 'journey.overstay-detected', 'journey.referred'];
/** A care assignment booked, confirmed, completed (spec/journey.md); matching's events carry every fact the line needs. */
const CARE_EVENTS: DomainEventName[] = ['care-assignment.offered', 'care-assignment.accepted', 'care-assignment.completed'];
/** Telemedicine's appointment events: lines on the timeline (booked, rescheduled, fulfilled) and the follow-up read model (all). */
const FOLLOW_UP_EVENTS: DomainEventName[] = [
  'telemedicine.appointment-booked', 'telemedicine.appointment-rescheduled', 'telemedicine.appointment-cancelled', 'telemedicine.appointment-fulfilled', 'telemedicine.appointment-noshow',
];

/** Without a time zone in the profile, instants are named in Korea's. */
export const DEFAULT_TIMEZONE = 'Asia/Seoul';
const BACKFILL = 'application-history';
const BACKFILL_LOCK = 'journey-backfill';
const BACKFILL_PAGE = 200;

/**
 * The timeline (spec/journey.md): the journey module's own read model, fed by domain events.
 * An application's event re-reads that application's history through the visas module's door
 * (each history line keyed by its id, so repeats and the start-up backfill add nothing twice);
 * journey's own events and matching's care-assignment events become one line each. The stage
 * and next steps come from a pure function.
 */
@Injectable()
export class TimelineService {
  private readonly logger = new Logger('Timeline');

  constructor(
    private readonly db: DataSource,
    private readonly access: JourneyAccess,
    private readonly directory: ApplicationDirectory,
    private readonly visas: VisaUseService,
    private readonly hospitals: HospitalsService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** A delivery batch's applications sync together, each once: its history holds every one of its events. */
  @OnDomainEvents(APPLICATION_EVENTS, 'journey.timeline')
  async onApplicationEvents(events: DomainEvent[], m: EntityManager): Promise<void> {
    await this.syncApplications(m, events.map((e) => (e.payload as { applicationId: string }).applicationId));
  }

  @OnDomainEvent(JOURNEY_EVENTS, 'journey.timeline')
  async onJourneyEvent(event: DomainEvent, m: EntityManager): Promise<void> {
    const payload = event.payload as Parameters<typeof journeyEntry>[2] & { patientId: string };
    const hospitalName = payload.hospitalId ? ((await this.hospitals.profileOf(payload.hospitalId, m))?.name ?? null) : null;
    const entry = journeyEntry(event.id, event.name, payload, event.occurredAt, hospitalName);
    if (entry) await this.insert(m, payload.patientId, [entry]);
  }

  @OnDomainEvent(CARE_EVENTS, 'journey.timeline')
  async onCareAssignmentEvent(event: DomainEvent, m: EntityManager): Promise<void> {
    const payload = event.payload as AssignmentFacts;
    const entry = careAssignmentEntry(event.id, event.name, payload, event.occurredAt);
    if (entry) await this.insert(m, payload.patientId, [entry]);
  }

  @OnDomainEvent(FOLLOW_UP_EVENTS, 'journey.timeline')
  async onFollowUpEvent(event: DomainEvent, m: EntityManager): Promise<void> {
    const f = event.payload as AppointmentFacts & { previousStart?: string };
    // The newest fact wins, whatever order the deliveries come in.
    await m.query(
      `INSERT INTO journey_follow_ups (appointment_id, patient_id, start_at, status, clinician_name, hospital_name, event_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (appointment_id) DO UPDATE SET start_at = EXCLUDED.start_at, status = EXCLUDED.status, event_at = EXCLUDED.event_at
        WHERE journey_follow_ups.event_at <= EXCLUDED.event_at`,
      [f.appointmentId, f.patientId, f.start, f.status, f.clinicianName, f.hospitalName, event.occurredAt],
    );
    const [profile] = await m.query('SELECT timezone FROM journey_profiles WHERE patient_id = $1', [f.patientId]);
    const entry = followUpEntry(event.id, event.name, f, event.occurredAt, profile?.timezone ?? DEFAULT_TIMEZONE);
    if (entry) await this.insert(m, f.patientId, [entry]);
  }

  /**
   * Re-reads these applications' histories (one read through the visas module's door) and adds
   * what the timeline lacks in one statement. Applications are written in id order and each one's
   * lines in its history's order, so two batches sharing applications wait for each other rather
   * than deadlock.
   */
  async syncApplications(m: EntityManager, applicationIds: readonly string[]): Promise<void> {
    const histories = [...(await this.directory.histories(m, applicationIds)).values()].sort((a, b) => (a.applicationId < b.applicationId ? -1 : 1));
    if (histories.length === 0) return;
    const lapseAfterMs = Duration.fromISO(this.config.sla.supplementLapseAfter).toMillis();
    const entries = histories.flatMap((h) => applicationEntries(h).map((e) => ({ ...e, patientId: h.patientId })));
    const supplements = histories.map((h) => openSupplement(h, lapseAfterMs));
    // The main statement inserts the lines; the upsert in WITH runs to completion after it.
    await m.query(
      `WITH applications AS (
         INSERT INTO journey_applications (application_id, patient_id, reference, sponsor_hospital_id, status, created_at, supplement)
         SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::uuid[], $5::text[], $6::timestamptz[], $7::jsonb[])
         ON CONFLICT (application_id) DO UPDATE SET status = EXCLUDED.status, sponsor_hospital_id = EXCLUDED.sponsor_hospital_id, supplement = EXCLUDED.supplement
       )
       ${entriesInsert(8)}`,
      [
        histories.map((h) => h.applicationId), histories.map((h) => h.patientId), histories.map((h) => h.reference), histories.map((h) => h.sponsorHospitalId),
        histories.map((h) => h.status), histories.map((h) => h.createdAt), supplements.map((x) => x && JSON.stringify(x)),
        ...entryColumns(entries),
      ],
    );
  }

  /**
   * Applications that existed before the module: their histories filled in once, through the
   * visas module's door, a page per transaction with the position kept, so that a large database
   * is filled in without one long transaction and a stopped pass resumes; the lock makes
   * processes running it together take turns. The worker runs it as a job, never at start-up.
   */
  async backfill(maxPages = Infinity): Promise<number> {
    let count = 0;
    for (let pages = 0; pages < maxPages; pages++) {
      const page = await this.db.transaction(async (m) => {
        await m.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [BACKFILL_LOCK]);
        const [state]: { after: { createdAt: string; id: string } | null; done_at: Date | null }[] = await m.query('SELECT after, done_at FROM journey_backfills WHERE name = $1', [BACKFILL]);
        if (state?.done_at) return -1;
        const after = state?.after ? { createdAt: new Date(state.after.createdAt), id: state.after.id } : null;
        const ids = await this.directory.applicationIds(m, after, BACKFILL_PAGE);
        await this.syncApplications(m, ids.map((a) => a.id));
        const last = ids[ids.length - 1];
        await m.query(
          `INSERT INTO journey_backfills (name, after, done_at) VALUES ($1, $2, $3) ON CONFLICT (name) DO UPDATE SET after = EXCLUDED.after, done_at = EXCLUDED.done_at`,
          [BACKFILL, last ? JSON.stringify({ createdAt: last.createdAt, id: last.id }) : (state?.after && JSON.stringify(state.after)) ?? null, ids.length < BACKFILL_PAGE ? this.clock.now() : null],
        );
        return ids.length;
      });
      if (page < 0) break;
      count += page;
      if (page < BACKFILL_PAGE) break;
    }
    if (count) this.logger.log({ applications: count }, 'filled the timeline of applications made before the journey module');
    return count;
  }

  async journey(actor: Actor, patientId: string): Promise<JourneyDto> {
    const m = this.db.manager;
    const { relation } = await this.access.mayActFor(m, actor, patientId, 'read_journey');
    // Immigration reads the visa and border entries only, and nothing of the patient's care.
    const immigration = relation === 'immigration';
    const now = this.clock.now();
    const all: { at: Date; type: string; summary: string; refs: Record<string, unknown> }[] = await m.query(
      `SELECT at, type, summary, refs FROM journey_entries WHERE patient_id = $1 ORDER BY at, id`,
      [patientId],
    );
    const entries = immigration ? immigrationEntries(all) : all;
    const [profile] = await m.query('SELECT timezone FROM journey_profiles WHERE patient_id = $1', [patientId]);
    const timezone: string = profile?.timezone ?? DEFAULT_TIMEZONE;
    // The journey follows the latest application that was not withdrawn.
    const [application] = await m.query(
      `SELECT reference, status, supplement FROM journey_applications
        WHERE patient_id = $1 AND status <> 'withdrawn' AND ($2 OR status NOT IN ('draft','sponsor_review')) ORDER BY created_at DESC LIMIT 1`,
      [patientId, !immigration],
    );
    const [held] = await this.visas.heldVisas(m, patientId, null, koreanToday(now));
    const [stay] = await m.query(
      `SELECT id, arrived_at, to_char(ends_on, 'YYYY-MM-DD') AS ends_on, departed_at FROM journey_stays WHERE patient_id = $1 AND role = 'patient' ORDER BY arrived_at DESC LIMIT 1`,
      [patientId],
    );
    const [admission] = immigration ? [] : await m.query(`SELECT hospital_id, admitted_at, discharged_at FROM journey_admissions WHERE patient_id = $1 ORDER BY admitted_at DESC LIMIT 1`, [patientId]);
    const followUps: { start_at: Date; status: string }[] = immigration
      ? []
      : await m.query(`SELECT start_at, status FROM journey_follow_ups WHERE patient_id = $1 AND status IN ('booked', 'fulfilled') ORDER BY start_at`, [patientId]);
    const next = followUps.find((f) => f.status === 'booked' && f.start_at.getTime() > now.getTime());
    const [overstay] = stay && !stay.departed_at ? await m.query(`SELECT to_char(stay_ended_on, 'YYYY-MM-DD') AS ended FROM journey_overstays WHERE stay_id = $1`, [stay.id]) : [];
    const { stage, nextSteps } = journeyStage({
      now,
      timezone,
      application: application ? { reference: application.reference, status: application.status, supplement: application.supplement } : null,
      visa: held?.visa ? { number: held.visa.number, enterBy: held.visa.enterBy, entryRefusal: held.visa.entryRefusal } : null,
      stay: stay ? { arrivedAt: stay.arrived_at, endsOn: stay.ends_on, departedAt: stay.departed_at } : null,
      admission: admission
        ? { hospitalName: (await this.hospitals.profileOf(admission.hospital_id, m))?.name ?? 'your hospital', admittedAt: admission.admitted_at, dischargedAt: admission.discharged_at }
        : null,
      overstay: overstay ? { endedOn: overstay.ended } : null,
      followUp: followUps.length ? { next: next?.start_at ?? null } : null,
    });
    return {
      patientId,
      stage,
      nextSteps,
      timezone,
      entries: entries.map((e) => ({ at: new Date(e.at).toISOString(), type: e.type, summary: e.summary, refs: e.refs })),
    };
  }

  private async insert(m: EntityManager, patientId: string, entries: NewEntry[]): Promise<void> {
    if (entries.length === 0) return;
    await m.query(entriesInsert(1), entryColumns(entries.map((e) => ({ ...e, patientId }))));
  }
}

/** Timeline lines, one per element of six arrays (parameters `first`..`first + 5`, as `entryColumns` gives them); a line already made from the same source is left alone. */
function entriesInsert(first: number): string {
  const [p, at, type, summary, refs, source] = [0, 1, 2, 3, 4, 5].map((i) => `$${first + i}`);
  return `INSERT INTO journey_entries (patient_id, at, type, summary, refs, source)
    SELECT * FROM unnest(${p}::uuid[], ${at}::timestamptz[], ${type}::text[], ${summary}::text[], ${refs}::jsonb[], ${source}::text[])
    ON CONFLICT (source) DO NOTHING`;
}

function entryColumns(entries: readonly (NewEntry & { patientId: string })[]): unknown[][] {
  return [entries.map((e) => e.patientId), entries.map((e) => e.at), entries.map((e) => e.type), entries.map((e) => e.summary), entries.map((e) => JSON.stringify(e.refs)), entries.map((e) => e.source)];
}
