import { Injectable } from '@nestjs/common';
import { SlaClockService, type SlaExplanation, type SlaView } from '@medjourney/sla';
import { AuditService, CUSTOM_PLAN, PiiCipher, paginate, type Actor, type Page, type SortKey } from '@medjourney/platform';
import { DataSource, type EntityManager } from 'typeorm';
import type { ApplicationViewDto, HistoryEntryDto, ListApplicationsQuery } from '../dto/visa-application.dto.js';
import { VisaApplicationEvent } from '../entities/visa-application-event.entity.js';
import { VisaApplication } from '../entities/visa-application.entity.js';
import { VisaPerson } from '../entities/visa-person.entity.js';
import { loadApplication, scopedApplications } from './application-access.js';
import { applicationView, PERSON_ROW_COLUMNS, seesFullPii, type PersonRow } from './application-view.js';

/**
 * The clock's state as stored: open applications by escalation level; decided ones met their
 * target unless a breach fired; withdrawn ones stopped. Drafts have no clock.
 */
const SLA_STATE_FILTER: Record<NonNullable<ListApplicationsQuery['slaState']>, string> = {
  on_track: `a.status IN ('submitted','in_review','supplement_requested') AND a.escalation_level = 0`,
  at_risk: `a.status IN ('submitted','in_review','supplement_requested') AND a.escalation_level = 1`,
  breached: `a.status IN ('submitted','in_review','supplement_requested','approved','rejected') AND a.escalation_level = 2`,
  met: `a.status IN ('approved','rejected') AND a.escalation_level < 2`,
  stopped: `a.status = 'withdrawn' AND a.submitted_at IS NOT NULL`,
};

/** What a change already holds of its answer. */
export interface KnownForAnswer {
  persons?: readonly PersonRow[];
  sla?: SlaView | null;
}

/** Reading and listing applications, their history and their clock, in the caller's scope. */
@Injectable()
export class ApplicationQueriesService {
  constructor(
    private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly cipher: PiiCipher,
    private readonly sla: SlaClockService,
  ) {}

  async get(actor: Actor, id: string): Promise<ApplicationViewDto> {
    return this.view(actor, id);
  }

  async list(actor: Actor, q: ListApplicationsQuery): Promise<Page<ApplicationViewDto>> {
    // Its filters meet skewed values (a status, an officer's thousand among a million): planned per request.
    const qb = scopedApplications(this.db.manager, actor).comment(CUSTOM_PLAN);
    if (q.status) qb.andWhere('a.status = :status', { status: q.status });
    if (q.track) qb.andWhere('a.track = :track', { track: q.track });
    if (q.hospitalId) qb.andWhere('a.sponsor_hospital_id = :hospitalId', { hospitalId: q.hospitalId });
    if (q.assignedOfficerId) qb.andWhere('a.assigned_officer_id = :officer', { officer: q.assignedOfficerId === 'me' ? actor.userId : q.assignedOfficerId });
    if (q.slaState) qb.andWhere(SLA_STATE_FILTER[q.slaState]);
    if (q.q) {
      const term = q.q.trim().toUpperCase();
      if (/^MV-\d{4}-\d{6}$/.test(term)) qb.andWhere('a.reference = :reference', { reference: term });
      else if (actor.role === 'officer' || actor.role === 'supervisor') {
        qb.andWhere('a.id IN (SELECT application_id FROM visa_persons WHERE passport_search_hash = :hash)', { hash: this.cipher.hash(term) });
      } else qb.andWhere('1 = 0');
    }
    const keys: SortKey<VisaApplication>[] =
      q.sort === 'dueAt'
        ? [{ expr: 'a.due_at', direction: 'ASC', value: (a) => a.dueAt, cast: 'timestamptz' }, { expr: 'a.id', direction: 'ASC', value: (a) => a.id, cast: 'uuid' }]
        : q.sort === '-submittedAt'
        ? [{ expr: 'a.submitted_at', direction: 'DESC', value: (a) => a.submittedAt, cast: 'timestamptz' }, { expr: 'a.id', direction: 'DESC', value: (a) => a.id, cast: 'uuid' }]
        : [{ expr: 'a.created_at', direction: 'DESC', value: (a) => a.createdAt, cast: 'timestamptz' }, { expr: 'a.id', direction: 'DESC', value: (a) => a.id, cast: 'uuid' }];
    if (q.sort === '-submittedAt') qb.andWhere('a.submitted_at IS NOT NULL');
    if (q.sort === 'dueAt') qb.andWhere('a.due_at IS NOT NULL');
    const page = await paginate(qb, keys, q);
    const persons: (PersonRow & { applicationId: string })[] = page.items.length
      ? await this.db.query(`SELECT ${PERSON_ROW_COLUMNS} FROM visa_persons WHERE application_id = ANY($1::uuid[])`, [page.items.map((a) => a.id)])
      : [];
    const personsOf = new Map<string, PersonRow[]>();
    for (const p of persons) personsOf.set(p.applicationId, [...(personsOf.get(p.applicationId) ?? []), p]);
    const sla = await this.sla.views(this.db.manager, page.items);
    // Lists never show full passport numbers: the detail view does, and audits the read.
    return {
      items: page.items.map((a) => ({ ...applicationView(a, personsOf.get(a.id) ?? [], actor, this.cipher, false), sla: sla.get(a.id) ?? null })),
      nextCursor: page.nextCursor,
    };
  }

  async history(actor: Actor, id: string): Promise<HistoryEntryDto[]> {
    await loadApplication(this.db.manager, actor, id);
    const rows = await this.db.getRepository(VisaApplicationEvent).find({ where: { applicationId: id }, order: { id: 'ASC' } });
    return rows.map((r) => ({
      action: r.action,
      fromStatus: r.fromStatus,
      toStatus: r.toStatus,
      actorRole: r.actorRole,
      details: actor.role === 'patient' ? null : r.details,
      occurredAt: r.occurredAt.toISOString(),
    }));
  }

  /** How the application's clock got where it is; patients see the roles that moved it, not who. */
  async slaExplanation(actor: Actor, id: string): Promise<SlaExplanation> {
    await loadApplication(this.db.manager, actor, id);
    const explanation = (await this.sla.explain(id))!;
    if (actor.role !== 'patient') return explanation;
    const anonymous = <T extends { actorId: string | null } | null>(c: T): T => (c ? { ...c, actorId: null } : c);
    return { ...explanation, segments: explanation.segments.map((s) => ({ ...s, startedBy: anonymous(s.startedBy), endedBy: anonymous(s.endedBy) })) };
  }

  /**
   * The answer of a change, built inside the change's own transaction from the application as
   * the change left it: no second transaction and no second audit record (the change's own
   * record names who touched the application in this request, full passport numbers included).
   * Persons and the `sla` block the change already holds are not read again.
   */
  async viewOfChange(m: EntityManager, actor: Actor, app: VisaApplication, known: KnownForAnswer = {}): Promise<ApplicationViewDto> {
    const persons = known.persons ?? (await m.getRepository(VisaPerson).findBy({ applicationId: app.id }));
    const sla = known.sla !== undefined ? known.sla : ((await this.sla.views(m, [app])).get(app.id) ?? null);
    return { ...applicationView(app, persons, actor, this.cipher, seesFullPii(actor, app)), sla };
  }

  /** The application as this caller may see it; a full passport read is audited in the same transaction. */
  async view(actor: Actor, id: string): Promise<ApplicationViewDto> {
    return this.db.transaction(async (m) => {
      const app = await loadApplication(m, actor, id);
      const persons = await m.getRepository(VisaPerson).findBy({ applicationId: id });
      const full = seesFullPii(actor, app);
      if (full) await this.audit.record(m, { action: 'visa_application.pii_read', entityType: 'visa_application', entityId: id });
      return { ...applicationView(app, persons, actor, this.cipher, full), sla: (await this.sla.views(m, [app])).get(app.id) ?? null };
    });
  }
}
