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
   * Applies each event in turn unless it was applied before (all are marked in one statement
   * first); their increments to the shared rollup rows are summed and written once, at the end
   * (the rows under 'all'/'all' are locked by every event of a month, so they are held only from
   * there to the commit). The applications the events name and their sponsors are read once
   * for the batch: statistics writes neither, so a read at the start sees what a read at each
   * event would. The submitters are locked together, in id order, before the first is applied.
   */
  async applyAll(events: readonly DomainEvent[], m: EntityManager): Promise<void> {
    // Only breaches count among the stages: a warning or an escalation changes no figure, so it
    // is not marked either (two of every three stages).
    const counted = events.filter((e) => e.name !== 'sla.stage-fired' || (e as Handled<'sla.stage-fired'>).payload.stage === 'breach');
    const fresh = await this.repo.markProcessed(m, counted.map((e) => e.id), this.clock.now());
    const todo = counted.filter((e) => fresh.has(e.id));
    const reads = new BatchReads(m, this.applications, this.hospitals);
    const applications = await reads.applications(todo.flatMap((e) => (APPLICATION_FACTS.has(e.name) ? [(e.payload as { applicationId: string }).applicationId] : [])));
    const submitted = todo.filter((e) => e.name === 'visa-application.submitted').map((e) => applications.get((e as Handled<'visa-application.submitted'>).payload.applicationId));
    await this.repo.lockPatients(m, submitted.flatMap((app) => (app ? [app.patientId] : [])));
    const changes = new RollupChanges();
    for (const event of todo) await this.applyOne(event, m, changes, reads);
    await this.repo.addAppliedMonths(m, changes);
    await this.repo.write(m, changes);
  }

  private async applyOne(event: DomainEvent, m: EntityManager, changes: RollupChanges, reads: BatchReads): Promise<void> {
    switch (event.name) {
      case 'visa-application.submitted':
        return this.submitted(event as Handled<'visa-application.submitted'>, m, changes, reads);
      case 'visa-application.decided':
        return this.decided(event as Handled<'visa-application.decided'>, m, changes, reads);
      case 'sla.stage-fired':
        return this.stageFired(event as Handled<'sla.stage-fired'>, m, changes, reads);
      case 'journey.arrived':
        return this.arrived(event as Handled<'journey.arrived'>, m, changes, reads);
      case 'journey.departed':
        return this.departed(event as Handled<'journey.departed'>, m, changes, reads);
      case 'journey.entry-refused':
        return this.entryRefused(event as Handled<'journey.entry-refused'>, m, changes, reads);
      case 'journey.overstay-detected':
        return this.overstay(event as Handled<'journey.overstay-detected'>, m, changes, reads);
      case 'telemedicine.appointment-fulfilled':
        return this.followUp(event as Handled<'telemedicine.appointment-fulfilled'>, m, changes);
      case 'care-assignment.offered':
      case 'care-assignment.accepted':
        return this.care(event as Handled<'care-assignment.offered' | 'care-assignment.accepted'>, m, changes, reads);
      case 'statistics.history-imported':
        return this.repo.addImported(m, (event as Handled<'statistics.history-imported'>).payload);
      default:
        return;
    }
  }

  private async submitted(e: Handled<'visa-application.submitted'>, m: EntityManager, changes: RollupChanges, reads: BatchReads): Promise<void> {
    const app = await reads.application(e.payload.applicationId);
    if (!app) return;
    const keys = await this.keysOf(reads, app);
    const month = monthOf(e.occurredAt);
    changes.add(keys, month, 'applications_submitted', 1);
    changes.add(keys, month, 'persons_submitted', app.persons.length);
    // Written with the batch's other submitters' months, under the locks applyAll took.
    changes.applyMonth(keys, app.patientId, month);
    // A hospital that sponsored an application in a year reports that year.
    if (reads.newReport(app.sponsorHospitalId, yearOf(e.occurredAt))) await this.reports.ensure(m, app.sponsorHospitalId, yearOf(e.occurredAt));
  }

  /** An application is granted when its patient is; persons count by their own outcomes. */
  private async decided(e: Handled<'visa-application.decided'>, m: EntityManager, changes: RollupChanges, reads: BatchReads): Promise<void> {
    const app = await reads.application(e.payload.applicationId);
    if (!app) return;
    const keys = await this.keysOf(reads, app);
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
  private async stageFired(e: Handled<'sla.stage-fired'>, m: EntityManager, changes: RollupChanges, reads: BatchReads): Promise<void> {
    const app = await reads.application(e.payload.applicationId);
    if (app) changes.add(await this.keysOf(reads, app), monthOf(e.occurredAt), 'breaches', 1);
  }

  /**
   * A patient counts as arrived in the month of their first arrival ever; companions are not
   * patients. An earlier arrival learned later moves the count to its month and keys.
   */
  private async arrived(e: Handled<'journey.arrived'>, m: EntityManager, changes: RollupChanges, reads: BatchReads): Promise<void> {
    const at = new Date(e.payload.at);
    const persons = await this.personsWithKeys(m, reads, e.payload.persons);
    for (const p of persons) {
      const stay = await this.repo.stayEnd(m, p.personId, p.visaId, 'arrived', at, p.keys);
      if (stay) changes.addToHistogram(stay.keys, monthOf(stay.departedAt), 'stay_days', daysBetween(stay.arrivedAt, stay.departedAt));
    }
    const patient = persons.find((p) => p.role === 'patient');
    if (!patient) return;
    await this.repo.lockPatients(m, [e.payload.patientId]);
    const known = await this.repo.firstArrival(m, e.payload.patientId);
    if (known && known.arrivedAt <= at) return;
    if (known) changes.add(known.keys, monthOf(known.arrivedAt), 'patients_arrived', -1);
    await this.repo.setFirstArrival(m, e.payload.patientId, at, patient.keys);
    changes.add(patient.keys, monthOf(at), 'patients_arrived', 1);
  }

  /** A stay counts in the month it ended, once its arrival is known too; the patient's departure waits for a follow-up. */
  private async departed(e: Handled<'journey.departed'>, m: EntityManager, changes: RollupChanges, reads: BatchReads): Promise<void> {
    const at = new Date(e.payload.at);
    const persons = await this.personsWithKeys(m, reads, e.payload.persons);
    for (const p of persons) {
      const stay = await this.repo.stayEnd(m, p.personId, p.visaId, 'departed', at, p.keys);
      if (stay) changes.addToHistogram(stay.keys, monthOf(stay.departedAt), 'stay_days', daysBetween(stay.arrivedAt, stay.departedAt));
    }
    const patient = persons.find((p) => p.role === 'patient');
    if (!patient) return;
    await this.repo.lockPatients(m, [e.payload.patientId]);
    const departure = await this.repo.addDeparture(m, e.payload.patientId, at, patient.keys);
    if (departure?.followedUp) changes.add(patient.keys, monthOf(at), 'follow_ups', 1);
  }

  /** A fulfilled appointment starting within 90 days after a departure of the patient follows it up (counted in the departure's month, once). */
  private async followUp(e: Handled<'telemedicine.appointment-fulfilled'>, m: EntityManager, changes: RollupChanges): Promise<void> {
    await this.repo.lockPatients(m, [e.payload.patientId]);
    for (const d of await this.repo.addFollowUpVisit(m, e.payload.appointmentId, e.payload.patientId, new Date(e.payload.start))) {
      changes.add(d.keys, monthOf(new Date(d.departedAt)), 'follow_ups', 1);
    }
  }

  private async entryRefused(e: Handled<'journey.entry-refused'>, m: EntityManager, changes: RollupChanges, reads: BatchReads): Promise<void> {
    const month = monthOf(new Date(e.payload.at));
    for (const p of await this.personsWithKeys(m, reads, e.payload.persons)) changes.add(p.keys, month, 'entry_refusals', 1);
  }

  private async overstay(e: Handled<'journey.overstay-detected'>, m: EntityManager, changes: RollupChanges, reads: BatchReads): Promise<void> {
    const [p] = await this.personsWithKeys(m, reads, [{ personId: e.payload.personId, visaId: e.payload.visaId }]);
    if (p) changes.add(p.keys, monthOf(e.occurredAt), 'overstays', 1);
  }

  /**
   * A request is the first offer of a booking (a re-offer is the same request); it is filled
   * when a provider accepts, counted in the month of the acceptance. Interpreter requests also
   * count under the language asked for.
   */
  private async care(e: Handled<'care-assignment.offered' | 'care-assignment.accepted'>, m: EntityManager, changes: RollupChanges, reads: BatchReads): Promise<void> {
    const offered = e.name === 'care-assignment.offered';
    if (offered && (e.payload as { reoffer: boolean }).reoffer) return;
    const latest = (await this.applications.latestApplicationOfPatients(m, [e.payload.patientId])).get(e.payload.patientId);
    const app = latest ? await reads.application(latest) : null;
    const region = await reads.region(e.payload.hospitalId);
    const keys: DimensionKey[] = [['all', 'all'], ['hospital', e.payload.hospitalId]];
    if (region) keys.push(['region', region]);
    if (app) keys.push(['nationality', app.nationality], ['specialty', app.specialty]);
    const month = monthOf(e.occurredAt);
    changes.add(keys, month, offered ? 'care_requests' : 'care_filled', 1);
    if (e.payload.kind !== 'interpreter') return;
    const language = (await this.assignments.languagesOf(m, [e.payload.assignmentId])).get(e.payload.assignmentId);
    if (language) changes.add([['language', language]], month, offered ? 'interpreter_requests' : 'interpreter_filled', 1);
  }

  /** The keys an application's facts count under: the programme, the patient's nationality, the specialty, the sponsor and its region. */
  private async keysOf(reads: BatchReads, app: ApplicationFigures): Promise<DimensionKey[]> {
    const region = await reads.region(app.sponsorHospitalId);
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
  private async personsWithKeys(m: EntityManager, reads: BatchReads, persons: readonly { personId: string; visaId: string }[]) {
    const of = await this.applications.applicationsOfPersons(m, persons.map((p) => p.personId));
    const apps = await reads.applications([...of.values()].map((o) => o.applicationId));
    const out: { personId: string; visaId: string; role: 'patient' | 'companion'; keys: DimensionKey[] }[] = [];
    for (const p of persons) {
      const found = of.get(p.personId);
      const app = found && apps.get(found.applicationId);
      if (found && app) out.push({ personId: p.personId, visaId: p.visaId, role: found.role, keys: await this.keysOf(reads, app) });
    }
    return out;
  }
}

/** The events whose payload names the application whose facts they count. */
const APPLICATION_FACTS: ReadonlySet<DomainEventName> = new Set(['visa-application.submitted', 'visa-application.decided', 'sla.stage-fired']);

/**
 * What one batch of events asks of the doors of visas and hospitals, each read once: the
 * applications' figures, with their sponsors' regions in the same pass, and the hospitals'
 * regions. Statistics writes none of it, so the batch's first read stands for all its events.
 */
class BatchReads {
  private readonly figures = new Map<string, ApplicationFigures | null>();
  private readonly regions = new Map<string, string | null>();
  private readonly reports = new Set<string>();

  constructor(
    private readonly m: EntityManager,
    private readonly directory: ApplicationDirectory,
    private readonly hospitals: HospitalsService,
  ) {}

  /** These applications' figures, by id (absent ones left out). */
  async applications(ids: readonly string[]): Promise<Map<string, ApplicationFigures>> {
    const missing = [...new Set(ids)].filter((id) => !this.figures.has(id));
    if (missing.length) {
      const read = await this.directory.figures(this.m, missing);
      for (const id of missing) this.figures.set(id, read.get(id) ?? null);
      await this.readRegions([...read.values()].map((a) => a.sponsorHospitalId));
    }
    return new Map(ids.flatMap((id) => (this.figures.get(id) ? [[id, this.figures.get(id)!] as const] : [])));
  }

  async application(id: string): Promise<ApplicationFigures | null> {
    return (await this.applications([id])).get(id) ?? null;
  }

  /** The hospital's region; undefined for an unknown hospital. */
  async region(hospitalId: string): Promise<string | undefined> {
    await this.readRegions([hospitalId]);
    return this.regions.get(hospitalId) ?? undefined;
  }

  /** True the first time a batch names a hospital's yearly report (ensuring it again would change nothing). */
  newReport(hospitalId: string, year: number): boolean {
    const key = `${hospitalId}|${year}`;
    if (this.reports.has(key)) return false;
    this.reports.add(key);
    return true;
  }

  private async readRegions(hospitalIds: readonly string[]): Promise<void> {
    const missing = [...new Set(hospitalIds)].filter((id) => !this.regions.has(id));
    if (missing.length === 0) return;
    const profiles = await this.hospitals.profilesOf(missing, this.m);
    for (const id of missing) this.regions.set(id, profiles.get(id)?.region ?? null);
  }
}
