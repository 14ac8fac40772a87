import { Inject, Injectable } from '@nestjs/common';
import { HospitalsService } from '@medjourney/hospitals';
import { UsersService } from '@medjourney/identity';
import { APP_CONFIG, AuditService, Clock, DomainError, maskValue, PiiCipher, type Actor, type AppConfig } from '@medjourney/platform';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { checkGroupRules, type RuleApplication, type RuleContext } from '../domain/group-rules.js';
import { checkMrz } from '../domain/mrz.js';
import type { Relationship } from '../domain/vocabulary.js';
import type { ApplicationViewDto, CompanionInputDto, CreateApplicationDto, PersonInputDto, UpdateApplicationDto } from '../dto/visa-application.dto.js';
import { VisaApplication } from '../entities/visa-application.entity.js';
import { VisaPerson } from '../entities/visa-person.entity.js';
import { VisaErrors } from '../visas.errors.js';
import { assertTransition, loadApplication } from './application-access.js';
import { ApplicationEventsRecorder, historyInsert, historyLine } from './application-events.recorder.js';
import { ApplicationQueriesService } from './application-queries.service.js';

type PersonInput = PersonInputDto & { email?: string; relationship?: Relationship };

/** Drafting and editing applications; reads live in ApplicationQueriesService, state changes in ApplicationWorkflowService. */
@Injectable()
export class ApplicationDraftsService {
  constructor(
    private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly events: ApplicationEventsRecorder,
    private readonly queries: ApplicationQueriesService,
    private readonly cipher: PiiCipher,
    private readonly clock: Clock,
    private readonly users: UsersService,
    private readonly hospitals: HospitalsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async create(actor: Actor, dto: CreateApplicationDto): Promise<ApplicationViewDto> {
    const sponsorHospitalId = actor.role === 'hospital_coordinator' ? actor.hospitalId! : dto.sponsorHospitalId;
    if (!sponsorHospitalId) throw DomainError.validation([{ field: 'sponsorHospitalId', message: 'sponsorHospitalId is required' }]);
    const persons: PersonInput[] = [{ ...dto.patient }, ...dto.companions];
    this.checkInputs(persons);
    return this.db.transaction(async (m) => {
      const sponsor = await this.hospitals.profileOf(sponsorHospitalId, m);
      if (!sponsor) throw DomainError.validation([{ field: 'sponsorHospitalId', message: 'no such hospital' }]);
      this.checkRules(dto, persons, { sponsorSpecialties: sponsor.specialties });
      const { patientId, patientUserId, email, existingAccount, filedBefore } = await this.patientOf(m, actor, dto.patient.email, `${dto.patient.givenNames} ${dto.patient.surname}`, sponsorHospitalId);
      const patientConsent = existingAccount && actor.role === 'hospital_coordinator' && !filedBefore ? 'awaiting' : null;
      const { app, persons: saved, historyId } = await this.insertDraft(m, actor, persons, email, {
        patientConsent,
        sponsorHospitalId,
        patientId,
        patientUserId,
        createdBy: actor.userId,
        category: dto.category,
        entries: dto.entries,
        stayFrom: dto.stayFrom,
        stayUntil: dto.stayUntil,
        treatment: dto.treatment,
      });
      await this.events.record(m, actor, app, 'create', null, { reference: app.reference }, historyId);
      if (patientConsent) await this.events.consentRequested(m, actor, app);
      return this.queries.viewOfChange(m, actor, app, { persons: saved, sla: null });
    });
  }

  async update(actor: Actor, id: string, dto: UpdateApplicationDto): Promise<ApplicationViewDto> {
    return this.db.transaction(async (m) => {
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
      const sponsor = (await this.hospitals.profileOf(app.sponsorHospitalId, m))!;
      this.checkRules(merged, persons, { sponsorSpecialties: sponsor.specialties });
      const before = { ...app };
      Object.assign(app, merged);
      await m.getRepository(VisaApplication).save(app);
      // The patient's row is kept (their documents stay attached); companions are replaced whole.
      if (dto.patient) await m.getRepository(VisaPerson).update({ id: patient.id }, this.personColumns(dto.patient));
      if (dto.companions) {
        await m.query(`DELETE FROM visa_persons WHERE application_id = $1 AND role = 'companion'`, [id]);
        const params: unknown[] = [id];
        await m.query(`INSERT INTO visa_persons ${this.personsSelect('$1::uuid', this.personRows(persons.slice(1), null, 1), (v, type) => `$${params.push(v)}::${type}`)}`, params);
      }
      await this.audit.record(m, { action: 'visa_application.edited', entityType: 'visa_application', entityId: id, before, after: { ...app } });
      return this.queries.viewOfChange(m, actor, app);
    });
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

  /**
   * A new draft with its reference (MV-<year>-<number>, the number from a sequence), its persons
   * and its history line in one statement that returns what the database filled in.
   */
  private async insertDraft(
    m: EntityManager,
    actor: Actor,
    persons: PersonInput[],
    patientEmail: string,
    d: Pick<VisaApplication, 'sponsorHospitalId' | 'patientId' | 'patientUserId' | 'createdBy' | 'category' | 'entries' | 'stayFrom' | 'stayUntil' | 'treatment' | 'patientConsent'>,
  ): Promise<{ app: VisaApplication; persons: VisaPerson[]; historyId: string }> {
    const params: unknown[] = [];
    const p = (value: unknown, type: string) => `$${params.push(value)}::${type}`;
    const now = this.clock.now();
    const rows = this.personRows(persons, patientEmail, 0);
    const [row]: { id: string; reference: string; escalation_level: number; version: number; created_at: Date; updated_at: Date; history_id: string }[] = await m.query(
      `WITH app AS (
         INSERT INTO visa_applications (reference, sponsor_hospital_id, patient_id, patient_user_id, created_by, status, category, entries, stay_from, stay_until, treatment, patient_consent)
         SELECT 'MV-' || ${p(String(now.getUTCFullYear()), 'text')} || '-' || lpad(s.n::text, greatest(6, length(s.n::text)), '0'), ${p(d.sponsorHospitalId, 'uuid')},
                ${p(d.patientId, 'uuid')}, ${p(d.patientUserId, 'uuid')}, ${p(d.createdBy, 'uuid')}, 'draft', ${p(d.category, 'text')}, ${p(d.entries, 'text')},
                ${p(d.stayFrom, 'date')}, ${p(d.stayUntil, 'date')}, ${p(JSON.stringify(d.treatment), 'jsonb')}, ${p(d.patientConsent, 'text')}
           FROM (SELECT nextval('visa_application_reference_seq') AS n) s
         RETURNING id, reference, status, escalation_level, version, created_at, updated_at),
       persons AS (INSERT INTO visa_persons ${this.personsSelect('(SELECT id FROM app)', rows, p)}),
       history AS (${historyInsert('app', historyLine(actor, 'create', null, null, now), p, `jsonb_build_object('reference', reference)`)})
       SELECT app.*, history.id AS history_id FROM app, history`,
      params,
    );
    const app = m.getRepository(VisaApplication).create({
      ...d,
      id: row.id,
      reference: row.reference,
      status: 'draft',
      track: null,
      assignedOfficerId: null,
      assignedAt: null,
      supplement: null,
      submittedAt: null,
      dueAt: null,
      decidedAt: null,
      closedAt: null,
      consentedAt: null,
      escalationLevel: row.escalation_level,
      version: row.version,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    });
    return { app, persons: rows.map((r) => m.getRepository(VisaPerson).create({ ...r, applicationId: app.id })), historyId: row.history_id };
  }

  /** The persons' rows as stored, with their ids (made here: the insert needs to return nothing). */
  private personRows(persons: PersonInput[], patientEmail: string | null, firstOrdinal: number): Omit<VisaPerson, 'applicationId'>[] {
    return persons.map((p, i) => {
      const ordinal = firstOrdinal + i;
      return {
        id: randomUUID(),
        ordinal,
        role: ordinal === 0 ? 'patient' : 'companion',
        relationship: ordinal === 0 ? null : (p as CompanionInputDto).relationship,
        email: ordinal === 0 ? patientEmail : null,
        ...this.personColumns(p),
        outcome: null,
        reasonCode: null,
        openPassportHash: null,
      };
    });
  }

  /** The columns and the SELECT of a multi-row insert into visa_persons, for the application `applicationId` (an SQL expression). */
  private personsSelect(applicationId: string, rows: readonly Omit<VisaPerson, 'applicationId'>[], p: (value: unknown, type: string) => string): string {
    const col = <K extends keyof Omit<VisaPerson, 'applicationId'>>(k: K, type: string) => p(rows.map((r) => r[k]), `${type}[]`);
    return `(id, application_id, ordinal, role, relationship, email, surname, given_names, sex, date_of_birth_sealed, nationality, passport_number_sealed,
               passport_number_masked, passport_hash, passport_search_hash, passport_expiry)
      SELECT u.id, ${applicationId}, u.ordinal, u.role, u.relationship, u.email, u.surname, u.given_names, u.sex, u.dob, u.nationality, u.passport,
             u.masked, u.hash, u.search_hash, u.expiry
        FROM unnest(${col('id', 'uuid')}, ${col('ordinal', 'int')}, ${col('role', 'text')}, ${col('relationship', 'text')}, ${col('email', 'text')}, ${col('surname', 'text')},
                    ${col('givenNames', 'text')}, ${col('sex', 'text')}, ${col('dateOfBirthSealed', 'text')}, ${col('nationality', 'text')}, ${col('passportNumberSealed', 'text')},
                    ${col('passportNumberMasked', 'text')}, ${col('passportHash', 'text')}, ${col('passportSearchHash', 'text')}, ${col('passportExpiry', 'date')})
             AS u(id, ordinal, role, relationship, email, surname, given_names, sex, dob, nationality, passport, masked, hash, search_hash, expiry)`;
  }

  private personColumns(p: PersonInputDto) {
    return {
      surname: p.surname.toUpperCase(),
      givenNames: p.givenNames.toUpperCase(),
      sex: p.sex,
      dateOfBirthSealed: this.cipher.encrypt(p.dateOfBirth),
      nationality: p.nationality,
      passportNumberSealed: this.cipher.encrypt(p.passportNumber),
      passportNumberMasked: maskValue(p.passportNumber),
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
   * with a single-use invitation for a new account, e-mailed to the patient only (spec/security.md).
   */
  private async patientOf(m: EntityManager, actor: Actor, email: string, name: string, sponsorHospitalId: string) {
    const accountEmail = actor.role === 'patient' ? await this.users.emailOf(m, actor.userId) : email;
    const { id: patientId, filedBefore } = await this.patientRecord(m, accountEmail, name, sponsorHospitalId);
    const user = await this.users.lockOrCreatePatient(m, { email: accountEmail, name, patientId }, actor.userId);
    if (user.role !== 'patient') throw VisaErrors.patientEmailTaken();
    if (!user.created && !user.patientId) await this.users.linkPatient(m, user.id, patientId);
    return { patientId, patientUserId: user.id, email: accountEmail, existingAccount: !user.created, filedBefore };
  }

  /**
   * The patient record of this e-mail, made if there is none; and whether this hospital has filed
   * for the patient before, with the patient's consent where it was needed: a hospital that never
   * did waits for the patient to accept (spec/security.md). One statement.
   */
  private async patientRecord(m: EntityManager, email: string, name: string, hospitalId: string): Promise<{ id: string; filedBefore: boolean }> {
    const filed = (hospital: string) =>
      `EXISTS (SELECT 1 FROM visa_applications a WHERE a.sponsor_hospital_id = ${hospital} AND a.patient_id = patients.id AND a.patient_consent IS DISTINCT FROM 'awaiting') AS "filedBefore"`;
    const [row]: { id: string; filedBefore: boolean }[] = await m.query(
      `WITH made AS (INSERT INTO patients (email, name) VALUES ($1, $2) ON CONFLICT (email) DO NOTHING RETURNING id)
       SELECT id, false AS "filedBefore" FROM made UNION ALL SELECT id, ${filed('$3')} FROM patients WHERE email = $1 LIMIT 1`,
      [email, name, hospitalId],
    );
    if (row) return row;
    // Another transaction made it after this statement's snapshot was taken: a new statement sees it.
    const [again]: { id: string; filedBefore: boolean }[] = await m.query(`SELECT id, ${filed('$2')} FROM patients WHERE email = $1`, [email, hospitalId]);
    return again;
  }
}
