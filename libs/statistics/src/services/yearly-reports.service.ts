import { Injectable } from '@nestjs/common';
import { AuditService, Clock, DomainError, EventBus, TimersService, isUuid, type Actor, type DueTimer } from '@medjourney/platform';
import { HospitalsService } from '@medjourney/hospitals';
import { DataSource, type EntityManager } from 'typeorm';
import { rowOf } from '../domain/figures.js';
import { complete, deadlineOf, statusAt, yearState, type Reported, type ReportStatus } from '../domain/yearly-report.js';
import { StatisticsErrors } from '../statistics.errors.js';
import { FiguresRepository } from './figures.repository.js';

/** The platform timer kind of a report's reminders and deadline. */
export const YEARLY_REPORT_TIMER = 'statistics.yearly-report';
type Step = 'reminder-30' | 'reminder-7' | 'overdue';
interface ReportTimer {
  hospitalId: string;
  year: number;
  step: Step;
}
export const reportTimerKey = (hospitalId: string, year: number, step: Step) => `statistics.yearly-report.${hospitalId}.${year}.${step}`;

export interface Prefilled {
  patientsInvited: number;
  patientsArrived: number;
  applicationsSubmitted: number;
  applicationsGranted: number;
  applicationsRefused: number;
  overstays: number;
  entryRefusals: number;
  byNationality: { key: string; patientsArrived: number }[];
}

export interface YearlyReport {
  hospitalId: string;
  year: number;
  status: ReportStatus;
  version: number;
  prefilled: Prefilled;
  reported: Reported;
  submittedAt: string | null;
  submittedBy: string | null;
}

export interface ReportVersion {
  version: number;
  prefilled: Prefilled;
  reported: Reported;
  reason: string | null;
  submittedAt: string;
  submittedBy: string;
}

interface ReportRow {
  status: ReportStatus;
  version: number;
  reported: Reported;
  submitted_at: Date | null;
  submitted_by: string | null;
}

const NOTHING_REPORTED: Reported = { inpatients: null, outpatients: null, revenueKrw: null };

/**
 * Hospitals' yearly reports of foreign patients (spec/statistics.md): pre-filled from the
 * rollups, the hospital's own fields, submission and amendments with every version kept, and
 * the deadline on the platform's durable timers (reminders 30 and 7 days before the end of
 * February, `overdue` on 1 March). A report is kept for every hospital that sponsored an
 * application in the year (the figures' subscriber opens it) or that wrote one.
 */
@Injectable()
export class YearlyReportsService {
  constructor(
    private readonly db: DataSource,
    private readonly figures: FiguresRepository,
    private readonly hospitals: HospitalsService,
    private readonly audit: AuditService,
    private readonly events: EventBus,
    private readonly timers: TimersService,
    private readonly clock: Clock,
  ) {
    timers.register<ReportTimer, Step>(YEARLY_REPORT_TIMER, { fire: (m, due) => this.fire(m, due) });
  }

  /** Opens the year's report of a hospital, once, and arms its reminders and deadline (in the caller's transaction). */
  async ensure(m: EntityManager, hospitalId: string, year: number): Promise<void> {
    const made = await m.query(
      `INSERT INTO statistics_yearly_reports (hospital_id, year, updated_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING 1`,
      [hospitalId, year, this.clock.now()],
    );
    if (made.length === 0) return;
    const deadline = deadlineOf(year);
    const now = this.clock.now();
    // Instants already past (a report opened late) are not armed: no reminder after the fact.
    const steps: { step: Step; at: Date }[] = [
      ...deadline.reminders.map((r) => ({ step: `reminder-${r.daysLeft}` as Step, at: r.at })),
      { step: 'overdue', at: deadline.overdueAt },
    ];
    await this.timers.schedule(
      m,
      steps.filter((s) => s.step === 'overdue' || s.at > now).map((s) => ({ kind: YEARLY_REPORT_TIMER, key: reportTimerKey(hospitalId, year, s.step), at: s.at, payload: { hospitalId, year, step: s.step } })),
    );
  }

  async get(actor: Actor, hospitalId: string, year: number): Promise<YearlyReport> {
    await this.assertInScope(actor, hospitalId, year);
    return this.view(this.db.manager, hospitalId, year);
  }

  /** The hospital's own fields, while the report is a draft or overdue. */
  async put(actor: Actor, hospitalId: string, year: number, reported: Reported): Promise<YearlyReport> {
    await this.assertInScope(actor, hospitalId, year);
    return this.db.transaction(async (m) => {
      const row = await this.lock(m, hospitalId, year);
      if (row.status === 'submitted') throw StatisticsErrors.reportSubmitted();
      await m.query(`UPDATE statistics_yearly_reports SET reported = $3::jsonb, updated_at = $4 WHERE hospital_id = $1 AND year = $2`, [hospitalId, year, JSON.stringify(reported), this.clock.now()]);
      await this.audit.record(m, { action: 'yearly_report.updated', entityType: 'yearly_report', entityId: `${hospitalId}:${year}`, before: row.reported, after: reported });
      return this.view(m, hospitalId, year);
    });
  }

  /** Submits the report once the year has ended: version 1, with the pre-filled figures as they stand. */
  async submit(actor: Actor, hospitalId: string, year: number): Promise<YearlyReport> {
    await this.assertInScope(actor, hospitalId, year);
    if (yearState(year, this.clock.now()) !== 'ended') throw StatisticsErrors.yearNotEnded(year);
    return this.db.transaction(async (m) => {
      const row = await this.lock(m, hospitalId, year);
      if (row.status === 'submitted') throw StatisticsErrors.reportSubmitted();
      if (!complete(row.reported)) throw StatisticsErrors.reportIncomplete();
      await this.recordVersion(m, actor, hospitalId, year, row.version, row.reported, null);
      await this.timers.cancel(m, (['reminder-30', 'reminder-7', 'overdue'] as Step[]).map((s) => reportTimerKey(hospitalId, year, s)));
      await this.audit.record(m, { action: 'yearly_report.submitted', entityType: 'yearly_report', entityId: `${hospitalId}:${year}`, after: { version: row.version, reported: row.reported } });
      return this.view(m, hospitalId, year);
    });
  }

  /** After submission the report changes only by amendment: a new version, every one kept. */
  async amend(actor: Actor, hospitalId: string, year: number, reason: string, reported: Reported): Promise<YearlyReport> {
    await this.assertInScope(actor, hospitalId, year);
    if (!complete(reported)) throw StatisticsErrors.reportIncomplete();
    return this.db.transaction(async (m) => {
      const row = await this.lock(m, hospitalId, year);
      if (row.status !== 'submitted') throw StatisticsErrors.reportNotSubmitted();
      await this.recordVersion(m, actor, hospitalId, year, row.version + 1, reported, reason);
      await this.audit.record(m, { action: 'yearly_report.amended', entityType: 'yearly_report', entityId: `${hospitalId}:${year}`, before: { version: row.version, reported: row.reported }, after: { version: row.version + 1, reported, reason } });
      return this.view(m, hospitalId, year);
    });
  }

  async versions(actor: Actor, hospitalId: string, year: number): Promise<{ items: ReportVersion[] }> {
    await this.assertInScope(actor, hospitalId, year);
    const rows: { version: number; prefilled: Prefilled; reported: Reported; reason: string | null; submitted_at: Date; submitted_by: string }[] = await this.db.query(
      `SELECT version, prefilled, reported, reason, submitted_at, submitted_by FROM statistics_yearly_report_versions WHERE hospital_id = $1 AND year = $2 ORDER BY version`,
      [hospitalId, year],
    );
    return { items: rows.map((r) => ({ version: r.version, prefilled: r.prefilled, reported: r.reported, reason: r.reason, submittedAt: r.submitted_at.toISOString(), submittedBy: r.submitted_by })) };
  }

  /** The ministry's list: a year's reports, by status when asked. */
  async list(year: number, status?: ReportStatus): Promise<{ items: { hospitalId: string; hospitalName: string; year: number; status: ReportStatus; version: number; submittedAt: string | null }[] }> {
    const now = this.clock.now();
    const rows: { hospital_id: string; status: ReportStatus; version: number; submitted_at: Date | null }[] = await this.db.query(
      `SELECT hospital_id, status, version, submitted_at FROM statistics_yearly_reports WHERE year = $1 ORDER BY hospital_id`,
      [year],
    );
    const items = [];
    for (const r of rows) {
      const shown = statusAt(r.status, year, now);
      if (status && shown !== status) continue;
      const name = (await this.hospitals.profileOf(r.hospital_id))?.name ?? '';
      items.push({ hospitalId: r.hospital_id, hospitalName: name, year, status: shown, version: r.version, submittedAt: r.submitted_at?.toISOString() ?? null });
    }
    return { items };
  }

  /** Reminders reach a hospital whose report is still a draft; the deadline makes a draft overdue. Anything else is done. */
  private async fire(m: EntityManager, due: DueTimer<ReportTimer>[]): Promise<Map<string, Step | null>> {
    const out = new Map<string, Step | null>();
    for (const t of due) {
      const { hospitalId, year, step } = t.payload;
      const [row]: { status: ReportStatus }[] = await m.query(`SELECT status FROM statistics_yearly_reports WHERE hospital_id = $1 AND year = $2 FOR UPDATE`, [hospitalId, year]);
      if (!row || row.status !== 'draft') {
        out.set(t.key, null);
        continue;
      }
      if (step === 'overdue') {
        await m.query(`UPDATE statistics_yearly_reports SET status = 'overdue', updated_at = $3 WHERE hospital_id = $1 AND year = $2`, [hospitalId, year, this.clock.now()]);
      } else {
        const hospitalName = (await this.hospitals.profileOf(hospitalId, m))?.name ?? '';
        const daysLeft = step === 'reminder-30' ? 30 : 7;
        await this.events.publish(m, 'yearly-report.reminder-due', { hospitalId, hospitalName, year, daysLeft, dueOn: deadlineOf(year).dueOn }, { dedupeKey: `yearly-report.${hospitalId}.${year}.${step}` });
      }
      out.set(t.key, step);
    }
    return out;
  }

  private async recordVersion(m: EntityManager, actor: Actor, hospitalId: string, year: number, version: number, reported: Reported, reason: string | null): Promise<void> {
    const now = this.clock.now();
    await m.query(
      `INSERT INTO statistics_yearly_report_versions (hospital_id, year, version, prefilled, reported, reason, submitted_at, submitted_by) VALUES ($1, $2, $3, $4::jsonb, $5::jsonb, $6, $7, $8)`,
      [hospitalId, year, version, JSON.stringify(await this.prefilled(m, hospitalId, year)), JSON.stringify(reported), reason, now, actor.userId],
    );
    await m.query(
      `UPDATE statistics_yearly_reports SET status = 'submitted', version = $3, reported = $4::jsonb, submitted_at = $5, submitted_by = $6, updated_at = $5 WHERE hospital_id = $1 AND year = $2`,
      [hospitalId, year, version, JSON.stringify(reported), now, actor.userId],
    );
  }

  /** The report row, locked; a hospital that had none gets one (a report written before any application). */
  private async lock(m: EntityManager, hospitalId: string, year: number): Promise<ReportRow> {
    await this.ensure(m, hospitalId, year);
    const [row]: ReportRow[] = await m.query(
      `SELECT status, version, reported, submitted_at, submitted_by FROM statistics_yearly_reports WHERE hospital_id = $1 AND year = $2 FOR UPDATE`,
      [hospitalId, year],
    );
    return row;
  }

  /** The report as it stands; once submitted, the pre-filled figures are those of its current version. */
  private async view(m: EntityManager, hospitalId: string, year: number): Promise<YearlyReport> {
    const [row]: ReportRow[] = await m.query(`SELECT status, version, reported, submitted_at, submitted_by FROM statistics_yearly_reports WHERE hospital_id = $1 AND year = $2`, [hospitalId, year]);
    const stored = row ?? { status: 'draft' as const, version: 1, reported: NOTHING_REPORTED, submitted_at: null, submitted_by: null };
    const [version]: { prefilled: Prefilled }[] =
      stored.status === 'submitted' ? await m.query(`SELECT prefilled FROM statistics_yearly_report_versions WHERE hospital_id = $1 AND year = $2 AND version = $3`, [hospitalId, year, stored.version]) : [];
    return {
      hospitalId,
      year,
      status: statusAt(stored.status, year, this.clock.now()),
      version: stored.version,
      prefilled: version?.prefilled ?? (await this.prefilled(m, hospitalId, year)),
      reported: stored.reported,
      submittedAt: stored.submitted_at?.toISOString() ?? null,
      submittedBy: stored.submitted_by,
    };
  }

  /** The hospital's exact figures of the year (no small-cell suppression: they are its own). */
  private async prefilled(m: EntityManager, hospitalId: string, year: number): Promise<Prefilled> {
    const from = `${year}-01-01`;
    const to = `${year}-12-01`;
    const own = (await this.figures.aggregates(m, 'hospital', from, to, { key: hospitalId })).get(hospitalId);
    const row = own ? rowOf(hospitalId, own, 0) : null;
    const byNationality = await this.figures.aggregates(m, 'hospital_nationality', from, to, { keyPrefix: `${hospitalId}|` });
    return {
      patientsInvited: row?.patientsApplied ?? 0,
      patientsArrived: row?.patientsArrived ?? 0,
      applicationsSubmitted: row?.applicationsSubmitted ?? 0,
      applicationsGranted: row?.applicationsGranted ?? 0,
      applicationsRefused: row?.applicationsRefused ?? 0,
      overstays: row?.overstays ?? 0,
      entryRefusals: row?.entryRefusals ?? 0,
      byNationality: [...byNationality]
        .map(([key, a]) => ({ key: key.slice(hospitalId.length + 1), patientsArrived: a.counts.patients_arrived }))
        .filter((n) => n.patientsArrived > 0)
        .sort((a, b) => b.patientsArrived - a.patientsArrived || a.key.localeCompare(b.key)),
    };
  }

  /** A registered hospital's report exists from the year's first day; a coordinator of another hospital is told it does not (404). Roles are the controller's. */
  private async assertInScope(actor: Actor, hospitalId: string, year: number): Promise<void> {
    if (actor.role === 'hospital_coordinator' && actor.hospitalId !== hospitalId) throw DomainError.notFound('yearly report');
    if (!isUuid(hospitalId) || !(await this.hospitals.profileOf(hospitalId))) throw DomainError.notFound('yearly report');
    if (yearState(year, this.clock.now()) === 'future') throw DomainError.notFound('yearly report');
  }
}
