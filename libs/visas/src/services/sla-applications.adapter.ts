import { Global, Injectable, Module } from '@nestjs/common';
import { SLA_APPLICATIONS, type EscalatedApplication, type OfficerFigures, type OpenLoad, type SlaApplicationsPort, type SlaSubject } from '@medjourney/sla';
import { DataSource, type EntityManager } from 'typeorm';

const OPEN = `('submitted','in_review','supplement_requested')`;
const SUBJECT_COLUMNS = `id, track, status, submitted_at AS "submittedAt", closed_at AS "closedAt", escalation_level AS "escalationLevel"`;

/** Visas' side of the SLA's port: the statements on visa_applications that the SLA used to write itself. */
@Injectable()
export class SlaApplicationsAdapter implements SlaApplicationsPort {
  constructor(private readonly db: DataSource) {}

  async mirror(m: EntityManager, rows: readonly { id: string; dueAt?: Date | null; escalationLevel?: number }[]): Promise<void> {
    const due = rows.filter((r) => r.dueAt !== undefined);
    if (due.length) {
      await m.query('UPDATE visa_applications a SET due_at = u.due FROM unnest($1::uuid[], $2::timestamptz[]) AS u(id, due) WHERE a.id = u.id', [due.map((r) => r.id), due.map((r) => r.dueAt)]);
    }
    const levels = rows.filter((r) => r.escalationLevel !== undefined);
    if (levels.length) {
      await m.query('UPDATE visa_applications a SET escalation_level = u.level FROM unnest($1::uuid[], $2::int[]) AS u(id, level) WHERE a.id = u.id', [
        levels.map((r) => r.id),
        levels.map((r) => r.escalationLevel),
      ]);
    }
  }

  async assignedOfficers(m: EntityManager, ids: readonly string[]): Promise<Map<string, string | null>> {
    const rows: { id: string; assigned_officer_id: string | null }[] = await m.query('SELECT id, assigned_officer_id FROM visa_applications WHERE id = ANY($1)', [ids]);
    return new Map(rows.map((r) => [r.id, r.assigned_officer_id]));
  }

  subjects(m: EntityManager, ids: readonly string[]): Promise<SlaSubject[]> {
    return m.query(`SELECT ${SUBJECT_COLUMNS} FROM visa_applications WHERE id = ANY($1)`, [ids]);
  }

  async lockOpenForAssignment(m: EntityManager, id: string, officerIds: readonly string[]) {
    const [app]: { status: string; assigned_officer_id: string | null; loads: { officer: string; open: number; last: string | null }[] }[] = await m.query(
      `SELECT a.status, a.assigned_officer_id,
              (SELECT coalesce(json_agg(json_build_object('officer', l.officer, 'open', l.open, 'last', l.last)), '[]')
                 FROM (SELECT assigned_officer_id AS officer, count(*)::int AS open, max(assigned_at) AS last FROM visa_applications
                        WHERE assigned_officer_id = ANY($2::uuid[]) AND status IN ${OPEN} GROUP BY assigned_officer_id) l) AS loads
         FROM visa_applications a WHERE a.id = $1 FOR UPDATE OF a`,
      [id, officerIds],
    );
    if (!app || !['submitted', 'in_review', 'supplement_requested'].includes(app.status)) return undefined;
    return {
      assignedOfficerId: app.assigned_officer_id,
      loads: new Map(app.loads.map((l) => [l.officer, { open: l.open, lastAssignedAt: l.last === null ? null : new Date(l.last) }])),
    };
  }

  async assign(m: EntityManager, id: string, officerId: string, at: Date): Promise<void> {
    await m.query('UPDATE visa_applications SET assigned_officer_id = $2, assigned_at = $3 WHERE id = $1', [id, officerId, at]);
  }

  async openOf(officerId: string): Promise<string[]> {
    const rows: { id: string }[] = await this.db.query(`SELECT id FROM visa_applications WHERE assigned_officer_id = $1 AND status IN ${OPEN} ORDER BY due_at NULLS LAST, id`, [officerId]);
    return rows.map((r) => r.id);
  }

  async window(from: Date, to: Date) {
    const [counts] = await this.db.query(
      `SELECT count(*) FILTER (WHERE submitted_at >= $1 AND submitted_at < $2)::int AS submitted,
              count(*) FILTER (WHERE escalation_level = 1 AND status IN ${OPEN})::int AS at_risk,
              count(*) FILTER (WHERE escalation_level = 2 AND status IN ${OPEN})::int AS breached
         FROM visa_applications`,
      [from, to],
    );
    const decided: SlaSubject[] = await this.db.query(`SELECT ${SUBJECT_COLUMNS} FROM visa_applications WHERE decided_at >= $1 AND decided_at < $2`, [from, to]);
    const rows: ({ officer: string } & OfficerFigures)[] = await this.db.query(
      `SELECT assigned_officer_id AS officer,
              count(*) FILTER (WHERE status IN ${OPEN})::int AS open,
              count(*) FILTER (WHERE escalation_level = 1 AND status IN ${OPEN})::int AS "atRisk",
              count(*) FILTER (WHERE escalation_level = 2 AND status IN ${OPEN})::int AS breached,
              count(*) FILTER (WHERE decided_at >= $1 AND decided_at < $2)::int AS decided
         FROM visa_applications WHERE assigned_officer_id IS NOT NULL GROUP BY assigned_officer_id`,
      [from, to],
    );
    return {
      submitted: counts.submitted as number,
      decided,
      atRisk: counts.at_risk as number,
      breached: counts.breached as number,
      perOfficer: new Map(rows.map(({ officer, ...figures }) => [officer, figures])),
    };
  }

  async escalated(limit: number): Promise<EscalatedApplication[]> {
    return this.db.query(
      `SELECT id, reference, status, escalation_level AS "escalationLevel", due_at AS "dueAt", assigned_officer_id AS "assignedOfficerId" FROM visa_applications
        WHERE escalation_level > 0 AND status IN ${OPEN}
        ORDER BY escalation_level DESC, due_at NULLS LAST, id LIMIT $1`,
      [limit],
    );
  }

  decidedBetween(from: Date, to: Date, track?: 'e_visa' | 'certificate'): Promise<SlaSubject[]> {
    return this.db.query(`SELECT ${SUBJECT_COLUMNS} FROM visa_applications WHERE decided_at >= $1 AND decided_at < $2 AND ($3::text IS NULL OR track = $3)`, [from, to, track ?? null]);
  }

  async openLoads(): Promise<Map<string | null, OpenLoad>> {
    const rows: ({ officer: string | null } & OpenLoad)[] = await this.db.query(
      `SELECT assigned_officer_id AS officer, count(*)::int AS open,
              count(*) FILTER (WHERE escalation_level = 1)::int AS "atRisk",
              count(*) FILTER (WHERE escalation_level = 2)::int AS breached,
              count(*) FILTER (WHERE status = 'supplement_requested')::int AS waiting,
              min(due_at) AS "nextDueAt"
         FROM visa_applications WHERE status IN ${OPEN} GROUP BY assigned_officer_id`,
    );
    return new Map(rows.map(({ officer, ...load }) => [officer, load]));
  }
}

/** Provides the SLA's port to the SlaModule (global, so the SLA need not import visas, which imports it). */
@Global()
@Module({
  providers: [SlaApplicationsAdapter, { provide: SLA_APPLICATIONS, useExisting: SlaApplicationsAdapter }],
  exports: [SLA_APPLICATIONS],
})
export class VisasSlaPortModule {}
