import { Injectable } from '@nestjs/common';
import { Clock, OnDomainEvents, type DomainEvent, type DomainEventName } from '@medjourney/platform';
import { HospitalsService } from '@medjourney/hospitals';
import { CareAssignmentsService } from '@medjourney/matching';
import { ApplicationDirectory, type ApplicationFigures } from '@medjourney/visas';
import type { EntityManager } from 'typeorm';
import { daysBetween, monthOf } from '../domain/months.js';
import { yearOf } from '../domain/yearly-report.js';
import { RollupChanges, RollupsRepository, type DimensionKey } from './rollups.repository.js';
import { YearlyReportsService } from './yearly-reports.service.js';

/** Every event the figures learn from (spec/statistics.md). */
export const FIGURE_EVENTS: readonly DomainEventName[] = [
  'visa-application.submitted',
  'visa-application.decided',
  'sla.stage-fired',
  'journey.arrived',
  'journey.departed',
  'journey.entry-refused',
  'journey.overstay-detected',
  'care-assignment.offered',
  'care-assignment.accepted',
  'telemedicine.appointment-fulfilled',
  'statistics.history-imported',
];

export const FIGURES_SUBSCRIBER = 'statistics.figures';

type Handled<N extends DomainEventName> = DomainEvent<N>;

/**
 * Keeps the monthly rollups from domain events: each event is applied once (its id is marked in
 * the same transaction), in the Korean month of the fact. What an event does not carry (the
 * patient's nationality, the specialty, the region, the processing time) is asked of the doors
 * of visas, hospitals and matching; statistics never reads their tables. A rebuild replays the
 * stored events through `apply`.
 */
@Injectable()
export class FiguresProjector {
  constructor(
    private readonly repo: RollupsRepository,
    private readonly applications: ApplicationDirectory,
    private readonly hospitals: HospitalsService,
    private readonly assignments: CareAssignmentsService,
    private readonly reports: YearlyReportsService,
    private readonly clock: Clock,
  ) {}

  @OnDomainEvents(FIGURE_EVENTS, FIGURES_SUBSCRIBER)
  async onEvents(events: DomainEvent[], m: EntityManager): Promise<void> {
    await this.applyAll(events, m);
  }

  /** Applies one event unless it was applied before. */
  async apply(event: DomainEvent, m: EntityManager): Promise<void> {
    await this.applyAll([event], m);
  }

  /**
   * Applies each event in turn unless it was applied before; their increments to the shared
   * rollup rows are summed and written once, at the end (the rows under 'all'/'all' are locked
   * by every event of a month, so they are held only from there to the commit).
   */
  async applyAll(events: readonly DomainEvent[], m: EntityManager): Promise<void> {
    const changes = new RollupChanges();
    for (const event of events) await this.applyOne(event, m, changes);
    await this.repo.write(m, changes);
  }

  private async applyOne(event: DomainEvent, m: EntityManager, changes: RollupChanges): Promise<void> {
    // Only breaches count among the stages: a warning or an escalation changes no figure, so it
    // is not marked either (two of every three stages, a statement each).
    if (event.name === 'sla.stage-fired' && (event as Handled<'sla.stage-fired'>).payload.stage !== 'breach') return;
    if (!(await this.repo.markProcessed(m, event.id, this.clock.now()))) return;
    switch (event.name) {
      case 'visa-application.submitted':
        return this.submitted(event as Handled<'visa-application.submitted'>, m, changes);
      case 'visa-application.decided':
        return this.decided(event as Handled<'visa-application.decided'>, m, changes);
      case 'sla.stage-fired':
        return this.stageFired(event as Handled<'sla.stage-fired'>, m, changes);
      case 'journey.arrived':
        return this.arrived(event as Handled<'journey.arrived'>, m, changes);
      case 'journey.departed':
        return this.departed(event as Handled<'journey.departed'>, m, changes);
      case 'journey.entry-refused':
        return this.entryRefused(event as Handled<'journey.entry-refused'>, m, changes);
      case 'journey.overstay-detected':
        return this.overstay(event as Handled<'journey.overstay-detected'>, m, changes);
      case 'telemedicine.appointment-fulfilled':
        return this.followUp(event as Handled<'telemedicine.appointment-fulfilled'>, m, changes);
      case 'care-assignment.offered':
      case 'care-assignment.accepted':
        return this.care(event as Handled<'care-assignment.offered' | 'care-assignment.accepted'>, m, changes);
      case 'statistics.history-imported':
        return this.repo.addImported(m, (event as Handled<'statistics.history-imported'>).payload);
      default:
        return;
    }
  }

  private async submitted(e: Handled<'visa-application.submitted'>, m: EntityManager, changes: RollupChanges): Promise<void> {
    const app = await this.application(m, e.payload.applicationId);
    if (!app) return;
    const keys = await this.keysOf(m, app);
    const month = monthOf(e.occurredAt);
    changes.add(keys, month, 'applications_submitted', 1);
    changes.add(keys, month, 'persons_submitted', app.persons.length);
    await this.repo.lockPatient(m, app.patientId);
    await this.repo.addAppliedMonth(m, changes, keys, app.patientId, month);
    // A hospital that sponsored an application in a year reports that year.
    await this.reports.ensure(m, app.sponsorHospitalId, yearOf(e.occurredAt));
  }

  /** An application is granted when its patient is; persons count by their own outcomes. */
  private async decided(e: Handled<'visa-application.decided'>, m: EntityManager, changes: RollupChanges): Promise<void> {
    const app = await this.application(m, e.payload.applicationId);
    if (!app) return;
    const keys = await this.keysOf(m, app);
    const month = monthOf(e.occurredAt);
    const patientPerson = app.persons.find((p) => p.role === 'patient')!;
    const patientOutcome = e.payload.outcomes.find((o) => o.personId === patientPerson.id)?.outcome;
    changes.add(keys, month, patientOutcome === 'approve' ? 'applications_granted' : 'applications_refused', 1);
    changes.add(keys, month, 'persons_granted', e.payload.outcomes.filter((o) => o.outcome === 'approve').length);
    changes.add(keys, month, 'persons_refused', e.payload.outcomes.filter((o) => o.outcome === 'reject').length);
    if (app.track === 'e_visa' && app.processing) {
      changes.add(keys, month, 'evisa_decided', 1);
      changes.add(keys, month, 'evisa_within_target', app.processing.withinTarget ? 1 : 0);
      changes.addToHistogram(keys, month, 'decision_hours', Math.floor(app.processing.countedSeconds / 3600));
    }
  }

  /** A breach (the only stage `apply` lets through). */
  private async stageFired(e: Handled<'sla.stage-fired'>, m: EntityManager, changes: RollupChanges): Promise<void> {
    const app = await this.application(m, e.payload.applicationId);
    if (app) changes.add(await this.keysOf(m, app), monthOf(e.occurredAt), 'breaches', 1);
  }

  /**
   * A patient counts as arrived in the month of their first arrival ever; companions are not
   * patients. An earlier arrival learned later moves the count to its month and keys.
   */
  private async arrived(e: Handled<'journey.arrived'>, m: EntityManager, changes: RollupChanges): Promise<void> {
    const at = new Date(e.payload.at);
    const persons = await this.personsWithKeys(m, e.payload.persons);
    for (const p of persons) {
      const stay = await this.repo.stayEnd(m, p.personId, p.visaId, 'arrived', at, p.keys);
      if (stay) changes.addToHistogram(stay.keys, monthOf(stay.departedAt), 'stay_days', daysBetween(stay.arrivedAt, stay.departedAt));
    }
    const patient = persons.find((p) => p.role === 'patient');
    if (!patient) return;
    await this.repo.lockPatient(m, e.payload.patientId);
    const known = await this.repo.firstArrival(m, e.payload.patientId);
    if (known && known.arrivedAt <= at) return;
    if (known) changes.add(known.keys, monthOf(known.arrivedAt), 'patients_arrived', -1);
    await this.repo.setFirstArrival(m, e.payload.patientId, at, patient.keys);
    changes.add(patient.keys, monthOf(at), 'patients_arrived', 1);
  }

  /** A stay counts in the month it ended, once its arrival is known too; the patient's departure waits for a follow-up. */
  private async departed(e: Handled<'journey.departed'>, m: EntityManager, changes: RollupChanges): Promise<void> {
    const at = new Date(e.payload.at);
    const persons = await this.personsWithKeys(m, e.payload.persons);
    for (const p of persons) {
      const stay = await this.repo.stayEnd(m, p.personId, p.visaId, 'departed', at, p.keys);
      if (stay) changes.addToHistogram(stay.keys, monthOf(stay.departedAt), 'stay_days', daysBetween(stay.arrivedAt, stay.departedAt));
    }
    const patient = persons.find((p) => p.role === 'patient');
    if (!patient) return;
    await this.repo.lockPatient(m, e.payload.patientId);
    const departure = await this.repo.addDeparture(m, e.payload.patientId, at, patient.keys);
    if (departure?.followedUp) changes.add(patient.keys, monthOf(at), 'follow_ups', 1);
  }

  /** A fulfilled appointment starting within 90 days after a departure of the patient follows it up (counted in the departure's month, once). */
  private async followUp(e: Handled<'telemedicine.appointment-fulfilled'>, m: EntityManager, changes: RollupChanges): Promise<void> {
    await this.repo.lockPatient(m, e.payload.patientId);
    for (const d of await this.repo.addFollowUpVisit(m, e.payload.appointmentId, e.payload.patientId, new Date(e.payload.start))) {
      changes.add(d.keys, monthOf(new Date(d.departedAt)), 'follow_ups', 1);
    }
  }

  private async entryRefused(e: Handled<'journey.entry-refused'>, m: EntityManager, changes: RollupChanges): Promise<void> {
    const month = monthOf(new Date(e.payload.at));
    for (const p of await this.personsWithKeys(m, e.payload.persons)) changes.add(p.keys, month, 'entry_refusals', 1);
  }

  private async overstay(e: Handled<'journey.overstay-detected'>, m: EntityManager, changes: RollupChanges): Promise<void> {
    const [p] = await this.personsWithKeys(m, [{ personId: e.payload.personId, visaId: e.payload.visaId }]);
    if (p) changes.add(p.keys, monthOf(e.occurredAt), 'overstays', 1);
  }

  /**
   * A request is the first offer of a booking (a re-offer is the same request); it is filled
   * when a provider accepts, counted in the month of the acceptance. Interpreter requests also
   * count under the language asked for.
   */
  private async care(e: Handled<'care-assignment.offered' | 'care-assignment.accepted'>, m: EntityManager, changes: RollupChanges): Promise<void> {
    const offered = e.name === 'care-assignment.offered';
    if (offered && (e.payload as { reoffer: boolean }).reoffer) return;
    const latest = (await this.applications.latestApplicationOfPatients(m, [e.payload.patientId])).get(e.payload.patientId);
    const app = latest ? await this.application(m, latest) : null;
    const region = (await this.hospitals.profileOf(e.payload.hospitalId, m))?.region;
    const keys: DimensionKey[] = [['all', 'all'], ['hospital', e.payload.hospitalId]];
    if (region) keys.push(['region', region]);
    if (app) keys.push(['nationality', app.nationality], ['specialty', app.specialty]);
    const month = monthOf(e.occurredAt);
    changes.add(keys, month, offered ? 'care_requests' : 'care_filled', 1);
    if (e.payload.kind !== 'interpreter') return;
    const language = (await this.assignments.languagesOf(m, [e.payload.assignmentId])).get(e.payload.assignmentId);
    if (language) changes.add([['language', language]], month, offered ? 'interpreter_requests' : 'interpreter_filled', 1);
  }

  private async application(m: EntityManager, id: string): Promise<ApplicationFigures | null> {
    return (await this.applications.figures(m, [id])).get(id) ?? null;
  }

  /** The keys an application's facts count under: the programme, the patient's nationality, the specialty, the sponsor and its region. */
  private async keysOf(m: EntityManager, app: ApplicationFigures): Promise<DimensionKey[]> {
    const region = (await this.hospitals.profileOf(app.sponsorHospitalId, m))?.region;
    const keys: DimensionKey[] = [
      ['all', 'all'],
      ['nationality', app.nationality],
      ['specialty', app.specialty],
      ['hospital', app.sponsorHospitalId],
      // The hospital's yearly report lists its arrivals by nationality.
      ['hospital_nationality', `${app.sponsorHospitalId}|${app.nationality}`],
    ];
    if (region) keys.push(['region', region]);
    return keys;
  }

  /** Persons of a border event with their role and the keys of the application their visa came from. */
  private async personsWithKeys(m: EntityManager, persons: readonly { personId: string; visaId: string }[]) {
    const of = await this.applications.applicationsOfPersons(m, persons.map((p) => p.personId));
    const apps = await this.applications.figures(m, [...new Set([...of.values()].map((o) => o.applicationId))]);
    const out: { personId: string; visaId: string; role: 'patient' | 'companion'; keys: DimensionKey[] }[] = [];
    for (const p of persons) {
      const found = of.get(p.personId);
      const app = found && apps.get(found.applicationId);
      if (found && app) out.push({ personId: p.personId, visaId: p.visaId, role: found.role, keys: await this.keysOf(m, app) });
    }
    return out;
  }
}
