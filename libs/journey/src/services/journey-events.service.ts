import { Injectable } from '@nestjs/common';
import { AuditService, Clock, DomainError, EventBus, type Actor, type BorderPerson } from '@medjourney/platform';
import { VisaUseService, type HeldVisa } from '@medjourney/visas';
import { DataSource, type EntityManager } from 'typeorm';
import {
  BORDER_EVENTS, borderEventProblem, hospitalEventProblem, inTheFuture, koreanToday, stayEndsOn, type BorderPersonState,
} from '../domain/plausibility.js';
import type { JourneyEventBody, JourneyEventDto } from '../dto/journey.dto.js';
import { JourneyErrors } from '../journey.errors.js';
import { JourneyAccess } from './journey-access.js';

const DOMAIN_EVENT = {
  arrived: 'journey.arrived',
  departed: 'journey.departed',
  entry_refused: 'journey.entry-refused',
  admitted: 'journey.admitted',
  discharged: 'journey.discharged',
  treated: 'journey.treated',
} as const;

/**
 * Records the physical events of a journey (spec/journey.md): at the border by officers and
 * supervisors, at the hospital by its coordinators. Each is checked against what came before,
 * changes the visas through the visas module's door in the same transaction, is audited and
 * published as a domain event.
 */
@Injectable()
export class JourneyEventsService {
  constructor(
    private readonly db: DataSource,
    private readonly access: JourneyAccess,
    private readonly visas: VisaUseService,
    private readonly audit: AuditService,
    private readonly events: EventBus,
    private readonly clock: Clock,
  ) {}

  async record(actor: Actor, patientId: string, body: JourneyEventBody): Promise<JourneyEventDto> {
    const border = BORDER_EVENTS.includes(body.type);
    if (border && actor.role !== 'officer' && actor.role !== 'supervisor') throw DomainError.forbidden('Arrivals, departures and entry refusals are recorded by officers at the border.');
    if (!border && actor.role !== 'hospital_coordinator') throw DomainError.forbidden('Admissions, discharges and treatments are recorded by the treating hospital\'s coordinators.');
    if (border && body.hospitalId) throw DomainError.validation([{ field: 'hospitalId', message: `hospitalId is not taken by ${body.type}` }]);
    if (!border && !body.hospitalId) throw DomainError.validation([{ field: 'hospitalId', message: `${body.type} needs hospitalId` }]);
    if (!border && body.personIds) throw DomainError.validation([{ field: 'personIds', message: `${body.type} concerns the patient alone` }]);
    const now = this.clock.now();
    const at = body.at ? new Date(body.at) : now;
    if (inTheFuture(at, now)) throw JourneyErrors.implausible('An event cannot be recorded before it happens.');

    return this.db.transaction(async (m) => {
      await this.access.mayActFor(m, actor, patientId, border ? 'border_event' : 'hospital_event');
      // One change to a journey at a time: the rules read what the previous change wrote.
      await m.query(`SELECT pg_advisory_xact_lock(hashtext('journey:' || $1))`, [patientId]);
      const eventId: string = (
        await m.query(
          `INSERT INTO journey_events (patient_id, type, at, hospital_id, recorded_by, recorded_role, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
          [patientId, body.type, at, body.hospitalId ?? null, actor.userId, actor.role, now],
        )
      )[0].id;
      const facts = { journeyEventId: eventId, patientId, at: at.toISOString(), actorRole: actor.role };
      let personIds: string[] = [];
      if (border) {
        const persons = await this.border(m, eventId, patientId, body.type as 'arrived' | 'departed' | 'entry_refused', at, body.personIds ?? null);
        personIds = persons.map((p) => p.personId);
        if (body.type === 'arrived') await this.events.publish(m, 'journey.arrived', { ...facts, persons: persons as (BorderPerson & { stayEndsOn: string })[] });
        else await this.events.publish(m, DOMAIN_EVENT[body.type as 'departed' | 'entry_refused'], { ...facts, persons });
      } else {
        await this.hospital(m, patientId, body.type as 'admitted' | 'discharged' | 'treated', at, body.hospitalId!, actor.hospitalId);
        await this.events.publish(m, DOMAIN_EVENT[body.type as 'admitted' | 'discharged' | 'treated'], { ...facts, hospitalId: body.hospitalId! });
      }
      const view: JourneyEventDto = { id: eventId, type: body.type, at: at.toISOString(), personIds, hospitalId: body.hospitalId ?? null };
      await this.audit.record(m, { action: `journey.${body.type}`, entityType: 'patient', entityId: patientId, after: view });
      return view;
    });
  }

  /**
   * The latest in-person treatment of the patient at a hospital: a discharge, or an outpatient
   * `treated` event (telemedicine's eligibility for follow-up, spec/telemedicine.md). Null when none.
   */
  async latestTreatment(patientId: string, hospitalId: string, m: EntityManager = this.db.manager): Promise<{ type: 'discharged' | 'treated'; at: Date } | null> {
    const [row] = await m.query(
      `SELECT type, at FROM journey_events WHERE patient_id = $1 AND hospital_id = $2 AND type IN ('discharged', 'treated') ORDER BY at DESC LIMIT 1`,
      [patientId, hospitalId],
    );
    return row ?? null;
  }

  private async border(m: EntityManager, eventId: string, patientId: string, type: 'arrived' | 'departed' | 'entry_refused', at: Date, requested: string[] | null): Promise<(BorderPerson & { stayEndsOn?: string })[]> {
    let ids = requested;
    // A departure by default is the patient's own, from the stay they are on.
    if (!ids && type === 'departed') {
      ids = (await m.query(`SELECT person_id FROM journey_stays WHERE patient_id = $1 AND role = 'patient' AND departed_at IS NULL`, [patientId])).map((r: { person_id: string }) => r.person_id);
      if (ids!.length === 0) throw JourneyErrors.implausible('The patient cannot depart before arriving.');
    }
    const held = await this.visas.heldVisas(m, patientId, ids, koreanToday(at), true);
    if (!ids && held.length === 0) throw JourneyErrors.implausible('The patient holds no visa.');
    const wanted = ids ?? held.map((h) => h.personId);
    const stays: { id: string; person_id: string; arrived_at: Date; visa_id: string; sponsor_hospital_id: string; name: string }[] = await m.query(
      `SELECT id, person_id, arrived_at, visa_id, sponsor_hospital_id, name FROM journey_stays WHERE person_id = ANY($1::uuid[]) AND departed_at IS NULL`,
      [wanted],
    );
    const states: BorderPersonState[] = wanted.map((personId) => {
      const h = held.find((x) => x.personId === personId);
      const stay = stays.find((s) => s.person_id === personId);
      return {
        personId,
        name: h?.name ?? stay?.name ?? personId,
        known: !!h,
        visa: h?.visa ? { number: h.visa.number, entryRefusal: h.visa.entryRefusal, entries: h.visa.entries } : null,
        openStay: stay ? { arrivedAt: stay.arrived_at } : null,
      };
    });
    const problem = borderEventProblem(type, at, states);
    if (problem) throw JourneyErrors.implausible(problem);

    const out: (BorderPerson & { stayEndsOn?: string })[] = [];
    for (const personId of wanted) {
      const h = held.find((x) => x.personId === personId) as HeldVisa & { visa: NonNullable<HeldVisa['visa']> };
      const stay = stays.find((s) => s.person_id === personId);
      // A departure counts against the visa of the stay it ends; the others against the visa held.
      const visaId = type === 'departed' ? stay!.visa_id : h.visa.id;
      const sponsorHospitalId = type === 'departed' ? stay!.sponsor_hospital_id : h.sponsorHospitalId;
      await m.query(`INSERT INTO journey_border_persons (event_id, person_id, visa_id, sponsor_hospital_id) VALUES ($1, $2, $3, $4)`, [eventId, personId, visaId, sponsorHospitalId]);
      const person: BorderPerson & { stayEndsOn?: string } = { personId, name: h.name, visaId, sponsorHospitalId };
      if (type === 'arrived') {
        await this.visas.recordEntry(m, visaId, at);
        person.stayEndsOn = stayEndsOn(at, h.visa.maxStayDays);
        await m.query(
          `INSERT INTO journey_stays (patient_id, person_id, role, name, visa_id, sponsor_hospital_id, arrived_at, ends_on) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
          [patientId, personId, h.role, h.name, visaId, sponsorHospitalId, at, person.stayEndsOn],
        );
      } else if (type === 'departed') {
        await m.query(`UPDATE journey_stays SET departed_at = $2 WHERE id = $1`, [stay!.id, at]);
      }
      out.push(person);
    }
    return out;
  }

  private async hospital(m: EntityManager, patientId: string, type: 'admitted' | 'discharged' | 'treated', at: Date, hospitalId: string, coordinatorHospitalId: string | null): Promise<void> {
    const [stay]: { arrived_at: Date }[] = await m.query(`SELECT arrived_at FROM journey_stays WHERE patient_id = $1 AND role = 'patient' AND departed_at IS NULL`, [patientId]);
    const [admission]: { id: string; hospital_id: string; admitted_at: Date }[] = await m.query(
      `SELECT id, hospital_id, admitted_at FROM journey_admissions WHERE patient_id = $1 AND discharged_at IS NULL`,
      [patientId],
    );
    const problem = hospitalEventProblem(type, at, hospitalId, coordinatorHospitalId, {
      inKorea: stay ? { arrivedAt: stay.arrived_at } : null,
      admission: admission ? { hospitalId: admission.hospital_id, admittedAt: admission.admitted_at } : null,
    });
    if (problem) throw JourneyErrors.implausible(problem);
    if (type === 'admitted') await m.query(`INSERT INTO journey_admissions (patient_id, hospital_id, admitted_at) VALUES ($1, $2, $3)`, [patientId, hospitalId, at]);
    else if (type === 'discharged') await m.query(`UPDATE journey_admissions SET discharged_at = $2 WHERE id = $1`, [admission.id, at]);
  }
}
