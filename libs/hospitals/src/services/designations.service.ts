import { Inject, Injectable } from '@nestjs/common';
import {
  APP_CONFIG, AuditService, Clock, DomainError, assertUuid, EventBus, applyScope, type Actor, type AppConfig, type DesignationFacts, type ScopePolicy,
} from '@medjourney/platform';
import { DataSource, type EntityManager } from 'typeorm';
import { designationYearOf, daysBetween, koreanDate, plusMonths } from '../domain/designation-year.js';
import { nextSanction, SANCTIONABLE, type SanctionStep } from '../domain/sanction-ladder.js';
import type { DesignationDto } from '../dto/designation.dto.js';
import { Designation } from '../entities/designation.entity.js';
import { HospitalErrors } from '../hospitals.errors.js';
import { designationView } from './views.js';

/** The history of a hospital's designations: reviewers, admins, and the hospital's own coordinators. */
export const DESIGNATION_HISTORY_SCOPE: ScopePolicy = {
  admin: 'all',
  ministry_reviewer: 'all',
  hospital_coordinator: { column: 'hospital_id', actor: 'hospitalId' },
};

export const REMINDER_DAYS = [60, 30] as const;

export interface OverstayReport {
  hospitalId: string;
  /** When the sponsored person became an overstayer. */
  occurredAt: Date;
  /** Identifies the overstay (e.g. the visa id), so a report repeated counts once. */
  reference: string;
}

export interface SanctionOutcome {
  designationId: string;
  step: SanctionStep;
  status: string;
}

/**
 * What the journey module's overstay detection calls (spec/hospitals.md, sanctions). Returns
 * the step applied, or null when the hospital had no sanctionable designation that year or
 * this overstay was already counted.
 */
export interface OverstaySanctions {
  recordOverstay(report: OverstayReport): Promise<SanctionOutcome | null>;
}

type NoticeKind = 'warning' | 'suspension' | 'cancellation' | 'reinstated' | 'expired' | 'reminder-60' | 'reminder-30';

@Injectable()
export class DesignationsService implements OverstaySanctions {
  constructor(
    private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly events: EventBus,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The designation of the current designation year, public. */
  async current(hospitalId: string): Promise<DesignationDto> {
    assertUuid(hospitalId, 'hospital');
    const year = designationYearOf(this.clock.now(), this.config.designation.yearStart);
    const d = await this.db.getRepository(Designation).findOneBy({ hospitalId, year });
    if (!d) throw DomainError.notFound('designation');
    return designationView(d);
  }

  async history(actor: Actor, hospitalId: string): Promise<DesignationDto[]> {
    assertUuid(hospitalId, 'hospital');
    const qb = this.db.getRepository(Designation).createQueryBuilder('d').where('d.hospital_id = :hospitalId', { hospitalId }).orderBy('d.year', 'DESC');
    const rows = await applyScope(qb, 'd', actor, DESIGNATION_HISTORY_SCOPE).getMany();
    if (rows.length === 0 && actor.role === 'hospital_coordinator' && actor.hospitalId !== hospitalId) throw DomainError.notFound('hospital');
    return rows.map(designationView);
  }

  async recordOverstay(report: OverstayReport): Promise<SanctionOutcome | null> {
    const year = designationYearOf(report.occurredAt, this.config.designation.yearStart);
    return this.db.transaction(async (m) => {
      const d = await lockDesignation(m, { hospitalId: report.hospitalId, year });
      if (!d || !SANCTIONABLE.includes(d.status)) return null;
      const step = nextSanction(d.sanctionLevel);
      if (!step) return null;
      const now = this.clock.now();
      const counted: unknown[] = await m.query(
        `INSERT INTO designation_sanctions (designation_id, reference, level, kind, occurred_at, created_at)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (designation_id, reference) DO NOTHING RETURNING id`,
        [d.id, report.reference, step.level, step.kind, report.occurredAt, now],
      );
      if (counted.length === 0) return null;
      const before = { ...d };
      d.sanctionLevel = step.level;
      if (step.kind === 'suspension') {
        d.status = 'suspended';
        d.suspendedUntil = plusMonths(now, step.months);
      } else if (step.kind === 'cancellation') {
        d.status = 'cancelled';
        d.suspendedUntil = null;
      }
      d.statusNote = `Sanction level ${step.level} (${step.kind}) for overstay ${report.reference}.`;
      const saved = await m.getRepository(Designation).save(d);
      await this.audit.record(m, { action: `designation.sanction_${step.kind}`, entityType: 'designation', entityId: d.id, before, after: { ...saved }, actor: null });
      await this.notify(m, saved, step.kind, `sanction-${step.level}`);
      return { designationId: d.id, step, status: saved.status };
    });
  }

  async suspend(id: string, note: string, months = 1): Promise<DesignationDto> {
    return this.change(id, 'suspend', (d, now) => {
      if (d.status !== 'active') throw HospitalErrors.invalidTransition(d.status, 'suspend');
      d.status = 'suspended';
      d.suspendedUntil = plusMonths(now, months);
      d.statusNote = note;
      return 'suspension';
    });
  }

  async reinstate(id: string, note: string): Promise<DesignationDto> {
    return this.change(id, 'reinstate', (d, now) => {
      if (d.status !== 'suspended') throw HospitalErrors.invalidTransition(d.status, 'reinstate');
      if (d.validUntil < koreanDate(now)) throw HospitalErrors.invalidTransition('expired', 'reinstate');
      d.status = 'active';
      d.suspendedUntil = null;
      d.statusNote = note;
      return 'reinstated';
    });
  }

  async cancel(id: string, note: string): Promise<DesignationDto> {
    return this.change(id, 'cancel', (d) => {
      if (!SANCTIONABLE.includes(d.status)) throw HospitalErrors.invalidTransition(d.status, 'cancel');
      d.status = 'cancelled';
      d.suspendedUntil = null;
      d.statusNote = note;
      return 'cancellation';
    });
  }

  /**
   * The lifecycle pass the worker runs hourly; each part is idempotent, so a repeated or
   * concurrent run changes nothing twice: ends suspensions whose time is up, expires
   * designations whose year is over, and reminds hospitals 60 and 30 days before the end
   * when they have not applied for the next year.
   */
  async runLifecycle(): Promise<{ reinstated: number; expired: number; reminded: number }> {
    const now = this.clock.now();
    const today = koreanDate(now);
    return this.db.transaction(async (m) => {
      const [reinstated]: [Designation[], number] = await m.query(
        `UPDATE designations SET status = 'active', suspended_until = NULL, status_note = 'Suspension ended.', version = version + 1, updated_at = now()
          WHERE status = 'suspended' AND suspended_until <= $1 AND valid_until >= $2 RETURNING id`,
        [now, today],
      );
      const [expired]: [Designation[], number] = await m.query(
        `UPDATE designations SET status = 'expired', suspended_until = NULL, version = version + 1, updated_at = now()
          WHERE status IN ('active','suspended') AND valid_until < $1 RETURNING id`,
        [today],
      );
      for (const { id } of reinstated) await this.afterLifecycleChange(m, id, 'reinstated');
      for (const { id } of expired) await this.afterLifecycleChange(m, id, 'expired');

      let reminded = 0;
      const due: { id: string; valid_until: string; hospital_id: string; year: number }[] = await m.query(
        `SELECT d.id, to_char(d.valid_until, 'YYYY-MM-DD') AS valid_until, d.hospital_id, d.year FROM designations d
          WHERE d.status IN ('active','suspended') AND d.valid_until >= $1 AND d.valid_until <= ($1::date + $2::int)
            AND NOT EXISTS (SELECT 1 FROM designation_applications a WHERE a.hospital_id = d.hospital_id AND a.year = d.year + 1 AND a.status IN ('pending','approved'))`,
        [today, Math.max(...REMINDER_DAYS)],
      );
      for (const d of due) {
        const left = daysBetween(today, d.valid_until);
        // Only the nearest threshold reached: a designation first seen 20 days out gets the 30-day reminder alone.
        const threshold = [...REMINDER_DAYS].sort((a, b) => a - b).find((days) => left <= days);
        if (threshold === undefined) continue;
        const sent: unknown[] = await m.query(
          `INSERT INTO designation_reminders (designation_id, days_before, sent_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING 1`,
          [d.id, threshold, now],
        );
        if (sent.length === 0) continue;
        await this.notify(m, await m.findOneByOrFail(Designation, { id: d.id }), `reminder-${threshold}` as NoticeKind, `reminder-${threshold}`);
        reminded++;
      }
      return { reinstated: reinstated.length, expired: expired.length, reminded };
    });
  }

  private async afterLifecycleChange(m: EntityManager, id: string, kind: 'reinstated' | 'expired'): Promise<void> {
    const d = await m.findOneByOrFail(Designation, { id });
    await this.audit.record(m, { action: `designation.${kind}`, entityType: 'designation', entityId: id, after: { ...d }, actor: null });
    await this.notify(m, d, kind, `${kind}-${d.version}`);
  }

  private async change(id: string, action: string, apply: (d: Designation, now: Date) => NoticeKind): Promise<DesignationDto> {
    assertUuid(id, 'designation');
    return this.db.transaction(async (m) => {
      const d = await lockDesignation(m, { id });
      if (!d) throw DomainError.notFound('designation');
      const before = { ...d };
      const kind = apply(d, this.clock.now());
      const saved = await m.getRepository(Designation).save(d);
      await this.audit.record(m, { action: `designation.${action}`, entityType: 'designation', entityId: id, before, after: { ...saved } });
      await this.notify(m, saved, kind, `${action}-${saved.version}`);
      return designationView(saved);
    });
  }

  /** The domain event behind each notice; `event` names the change, so a repeated run publishes once. */
  private async notify(m: EntityManager, d: Designation, kind: NoticeKind, event: string): Promise<void> {
    const [hospital]: { name: string }[] = await m.query('SELECT name FROM hospitals WHERE id = $1', [d.hospitalId]);
    const facts: DesignationFacts = { designationId: d.id, hospitalId: d.hospitalId, hospitalName: hospital?.name ?? '', year: d.year, status: d.status, validUntil: d.validUntil };
    const dedupeKey = `designation.${d.id}.${event}`;
    if (kind === 'warning' || kind === 'suspension' || kind === 'cancellation') {
      await this.events.publish(m, 'designation.sanctioned', { ...facts, sanction: kind, suspendedUntil: d.suspendedUntil ? new Date(d.suspendedUntil).toISOString() : null }, { dedupeKey });
    } else if (kind === 'reinstated' || kind === 'expired') {
      await this.events.publish(m, `designation.${kind}`, facts, { dedupeKey });
    } else {
      await this.events.publish(m, 'designation.renewal-due', { ...facts, daysLeft: kind === 'reminder-60' ? 60 : 30 }, { dedupeKey });
    }
  }
}

function lockDesignation(m: EntityManager, where: { id: string } | { hospitalId: string; year: number }): Promise<Designation | null> {
  const qb = m.getRepository(Designation).createQueryBuilder('d').setLock('pessimistic_write');
  if ('id' in where) qb.where('d.id = :id', { id: where.id });
  else qb.where('d.hospital_id = :hospitalId AND d.year = :year', where);
  return qb.getOne();
}
