import { Inject, Injectable } from '@nestjs/common';
import { HospitalsService } from '@medjourney/hospitals';
import { SlaClockService, type SlaExplanation } from '@medjourney/sla';
import { UsersService } from '@medjourney/identity';
import {
  APP_CONFIG, AuditService, Clock, DomainError, EventBus, PiiCipher, paginate, type Actor, type AppConfig, type Page, type SortKey,
} from '@medjourney/platform';
import { DataSource, In, type EntityManager } from 'typeorm';
import { Duration } from 'luxon';
import type { Action } from '../domain/application-state-machine.js';
import { applicationDomainEvent } from './application-domain-events.js';
import { checkGroupRules, type RuleApplication, type RuleContext } from '../domain/group-rules.js';
import { checkMrz } from '../domain/mrz.js';
import type { ApplicationStatus, Relationship } from '../domain/vocabulary.js';
import type {
  ApplicationViewDto, CompanionInputDto, CreateApplicationDto, HistoryEntryDto, ListApplicationsQuery, PersonInputDto, UpdateApplicationDto,
} from '../dto/visa-application.dto.js';
import { VisaApplicationEvent } from '../entities/visa-application-event.entity.js';
import { VisaApplication } from '../entities/visa-application.entity.js';
import { VisaPerson } from '../entities/visa-person.entity.js';
import { VisaErrors } from '../visas.errors.js';
import { assertTransition, loadApplication, scopedApplications } from './application-access.js';
import { applicationView, seesFullPii } from './application-view.js';

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

type PersonInput = PersonInputDto & { email?: string; relationship?: Relationship };

/** Drafting, reading and listing applications; the state changes live in ApplicationWorkflowService. */
@Injectable()
export class VisaApplicationsService {
  constructor(
    private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly events: EventBus,
    private readonly cipher: PiiCipher,
    private readonly clock: Clock,
    private readonly users: UsersService,
    private readonly hospitals: HospitalsService,
    private readonly sla: SlaClockService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async create(actor: Actor, dto: CreateApplicationDto): Promise<ApplicationViewDto> {
    const sponsorHospitalId = actor.role === 'hospital_coordinator' ? actor.hospitalId! : dto.sponsorHospitalId;
    if (!sponsorHospitalId) throw DomainError.validation([{ field: 'sponsorHospitalId', message: 'sponsorHospitalId is required' }]);
    const persons: PersonInput[] = [{ ...dto.patient }, ...dto.companions];
    this.checkInputs(persons);
    const result = await this.db.transaction(async (m) => {
      const sponsor = await m.query('SELECT specialties FROM hospitals WHERE id = $1', [sponsorHospitalId]);
      if (sponsor.length === 0) throw DomainError.validation([{ field: 'sponsorHospitalId', message: 'no such hospital' }]);
      this.checkRules(dto, persons, { sponsorSpecialties: sponsor[0].specialties });
      const { patientId, patientUserId, invitationToken, email } = await this.patientOf(m, actor, dto.patient.email, `${dto.patient.givenNames} ${dto.patient.surname}`);
      const [{ n }] = await m.query(`SELECT nextval('visa_application_reference_seq') AS n`);
      const year = this.clock.now().getUTCFullYear();
      const app = await m.getRepository(VisaApplication).save(
        m.getRepository(VisaApplication).create({
          reference: `MV-${year}-${String(n).padStart(6, '0')}`,
          sponsorHospitalId,
          patientId,
          patientUserId,
          createdBy: actor.userId,
          status: 'draft',
          category: dto.category,
          entries: dto.entries,
          stayFrom: dto.stayFrom,
          stayUntil: dto.stayUntil,
          treatment: dto.treatment,
        }),
      );
      await this.savePersons(m, app.id, persons, email);
      await this.recordEvent(m, actor, app, 'create', null, { reference: app.reference });
      return { app, invitationToken };
    });
    const view = await this.view(actor, result.app.id);
    return result.invitationToken ? { ...view, invitationToken: result.invitationToken } : view;
  }

  async update(actor: Actor, id: string, dto: UpdateApplicationDto): Promise<ApplicationViewDto> {
    await this.db.transaction(async (m) => {
      const app = await loadApplication(m, actor, id, true);
      assertTransition(actor, app, 'edit');
      const current = await m.getRepository(VisaPerson).find({ where: { applicationId: id }, order: { ordinal: 'ASC' } });
      const patient = current.find((p) => p.role === 'patient')!;
      const persons: PersonInput[] = [
        dto.patient ? { ...dto.patient } : this.unseal(patient),
        ...(dto.companions ?? current.filter((p) => p.role === 'companion').map((p) => this.unseal(p))),
      ];
      if (dto.patient || dto.companions) this.checkInputs(persons);
      const merged = {
        category: dto.category ?? app.category,
        entries: dto.entries ?? app.entries,
        stayFrom: dto.stayFrom ?? app.stayFrom,
        stayUntil: dto.stayUntil ?? app.stayUntil,
        treatment: dto.treatment ?? app.treatment,
      };
      const [sponsor] = await m.query('SELECT specialties FROM hospitals WHERE id = $1', [app.sponsorHospitalId]);
      this.checkRules(merged, persons, { sponsorSpecialties: sponsor.specialties });
      const before = { ...app };
      Object.assign(app, merged);
      await m.getRepository(VisaApplication).save(app);
      // The patient's row is kept (their documents stay attached); companions are replaced whole.
      if (dto.patient) await m.getRepository(VisaPerson).update({ id: patient.id }, this.personColumns(dto.patient));
      if (dto.companions) {
        await m.query(`DELETE FROM visa_persons WHERE application_id = $1 AND role = 'companion'`, [id]);
        await this.savePersons(m, id, persons.slice(1), null, 1);
      }
      await this.audit.record(m, { action: 'visa_application.edited', entityType: 'visa_application', entityId: id, before, after: { ...app } });
    });
    return this.view(actor, id);
  }

  async get(actor: Actor, id: string): Promise<ApplicationViewDto> {
    return this.view(actor, id);
  }

  async list(actor: Actor, q: ListApplicationsQuery): Promise<Page<ApplicationViewDto>> {
    const qb = scopedApplications(this.db.manager, actor);
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
    const persons = page.items.length ? await this.db.getRepository(VisaPerson).findBy({ applicationId: In(page.items.map((a) => a.id)) }) : [];
    const sla = await this.sla.views(this.db.manager, page.items);
    // Lists never show full passport numbers: the detail view does, and audits the read.
    return {
      items: page.items.map((a) => ({ ...applicationView(a, persons.filter((p) => p.applicationId === a.id), actor, this.cipher, false), sla: sla.get(a.id) ?? null })),
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

  /** History line, audit record and domain event of a state change, in the change's transaction. */
  async recordEvent(m: EntityManager, actor: Actor | null, app: VisaApplication, action: string, from: ApplicationStatus | null, details: Record<string, unknown> | null = null): Promise<void> {
    const now = this.clock.now();
    const [{ id }] = await m.query(
      `INSERT INTO visa_application_events (application_id, action, from_status, to_status, actor_id, actor_role, details, occurred_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [app.id, action, from, app.status, actor?.userId ?? null, actor?.role ?? (actor ? null : 'system'), details && JSON.stringify(details), now],
    );
    await this.audit.record(m, {
      action: `visa_application.${action}`,
      entityType: 'visa_application',
      entityId: app.id,
      before: from ? { status: from } : null,
      after: { status: app.status, ...(details ?? {}) },
      ...(actor ? {} : { actor: null }),
    });
    const named = action === 'decide' || action === 'request_supplement' ? await m.getRepository(VisaPerson).find({ where: { applicationId: app.id }, select: { id: true, givenNames: true, surname: true } }) : [];
    const lapseAfter = Duration.fromISO(this.config.sla.supplementLapseAfter).toMillis();
    const event = applicationDomainEvent(app, action as Action | 'create', from, actor?.role ?? 'system', details, named, lapseAfter);
    await this.events.publish(m, event.name, event.payload as never, { dedupeKey: `visa-application.${id}` });
  }

  private checkInputs(persons: PersonInput[]): void {
    persons.forEach((p, i) => {
      if (p.mrz) checkMrz(p.mrz, p, i === 0 ? 'patient' : `companions[${i - 1}]`);
    });
  }

  private checkRules(app: Omit<RuleApplication, 'persons'>, persons: PersonInput[], ctx: RuleContext): void {
    const violation = checkGroupRules(
      {
        ...app,
        persons: persons.map((p, i) => ({
          role: i === 0 ? 'patient' : 'companion',
          relationship: i === 0 ? null : (p.relationship ?? null),
          surname: p.surname,
          givenNames: p.givenNames,
          dateOfBirth: p.dateOfBirth,
          nationality: p.nationality,
          passportExpiry: p.passportExpiry,
        })),
      },
      this.config.visas,
      ctx,
    );
    if (violation) throw VisaErrors.rule(violation);
  }

  private async savePersons(m: EntityManager, applicationId: string, persons: PersonInput[], patientEmail: string | null, firstOrdinal = 0): Promise<void> {
    for (const [i, p] of persons.entries()) {
      const ordinal = firstOrdinal + i;
      await m.getRepository(VisaPerson).insert({
        applicationId,
        ordinal,
        role: ordinal === 0 ? 'patient' : 'companion',
        relationship: ordinal === 0 ? null : (p as CompanionInputDto).relationship,
        email: ordinal === 0 ? patientEmail : null,
        ...this.personColumns(p),
      });
    }
  }

  private personColumns(p: PersonInputDto) {
    return {
      surname: p.surname.toUpperCase(),
      givenNames: p.givenNames.toUpperCase(),
      sex: p.sex,
      dateOfBirthSealed: this.cipher.encrypt(p.dateOfBirth),
      nationality: p.nationality,
      passportNumberSealed: this.cipher.encrypt(p.passportNumber),
      passportHash: this.cipher.hash(p.nationality, p.passportNumber),
      passportSearchHash: this.cipher.hash(p.passportNumber),
      passportExpiry: p.passportExpiry,
    };
  }

  private unseal(p: VisaPerson): PersonInput {
    return {
      surname: p.surname,
      givenNames: p.givenNames,
      sex: p.sex,
      dateOfBirth: this.cipher.decrypt(p.dateOfBirthSealed),
      nationality: p.nationality,
      passportNumber: this.cipher.decrypt(p.passportNumberSealed),
      passportExpiry: p.passportExpiry,
      relationship: p.relationship ?? undefined,
    };
  }

  /**
   * The patient record and account of a new application: a patient drafting their own uses
   * theirs; a coordinator's create makes (or reuses, by e-mail) the record and the account,
   * with a single-use invitation for a new account (spec/security.md).
   */
  private async patientOf(m: EntityManager, actor: Actor, email: string, name: string) {
    const accountEmail = actor.role === 'patient' ? (await m.query('SELECT email FROM users WHERE id = $1', [actor.userId]))[0].email : email;
    await m.query(`INSERT INTO patients (email, name) VALUES ($1, $2) ON CONFLICT (email) DO NOTHING`, [accountEmail, name]);
    const [{ id: patientId }] = await m.query('SELECT id FROM patients WHERE email = $1', [accountEmail]);
    const [user]: { id: string; role: string; patient_id: string | null }[] = await m.query('SELECT id, role, patient_id FROM users WHERE email = $1 FOR UPDATE', [accountEmail]);
    if (user && user.role !== 'patient') throw VisaErrors.patientEmailTaken();
    if (user) {
      if (!user.patient_id) await m.query('UPDATE users SET patient_id = $2 WHERE id = $1', [user.id, patientId]);
      return { patientId, patientUserId: user.id, invitationToken: undefined, email: accountEmail };
    }
    const created = await this.users.createIn(m, { email: accountEmail, name, role: 'patient', patientId }, actor.userId);
    return { patientId, patientUserId: created.user.id, invitationToken: created.invitationToken, email: accountEmail };
  }

  /** For the workflow: the sponsor's status at an instant. */
  sponsorStatus(hospitalId: string, at: Date, m: EntityManager) {
    return this.hospitals.sponsorStatus(hospitalId, at, m);
  }
}
