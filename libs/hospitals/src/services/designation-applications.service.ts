import { Inject, Injectable } from '@nestjs/common';
import {
  APP_CONFIG, AuditService, Clock, DomainError, assertUuid, applyScope, paginate, type Actor, type AppConfig, type Page, type ScopePolicy, type SortKey,
} from '@medjourney/platform';
import { DateTime } from 'luxon';
import { DataSource, type EntityManager } from 'typeorm';
import {
  eligibilityFailures, qualifiesForFastTrack, scoreDesignation, type DesignationFigures,
} from '../domain/designation-scoring.js';
import { designationYearBounds, designationYearOf, koreanDate } from '../domain/designation-year.js';
import type { ApplyForDesignationDto, DecideApplicationDto, DesignationApplicationDto, ListDesignationApplicationsQuery } from '../dto/designation.dto.js';
import { DesignationApplication, type DeclaredFigures } from '../entities/designation-application.entity.js';
import { Designation } from '../entities/designation.entity.js';
import { Hospital } from '../entities/hospital.entity.js';
import { HospitalErrors } from '../hospitals.errors.js';
import { JOURNEY_RECORD_FIGURES, VISA_RECORD_FIGURES, type JourneyRecordFigures, type VisaRecordFigures } from './visa-record-figures.port.js';
import { applicationView, validOn } from './views.js';

/** Reviewers and admins see every application; a coordinator those of their own hospital. */
export const APPLICATION_SCOPE: ScopePolicy = {
  admin: 'all',
  ministry_reviewer: 'all',
  hospital_coordinator: { column: 'hospital_id', actor: 'hospitalId' },
};

/** Serialises approvals of one designation year, so the capacity holds across processes. */
const capacityLock = (year: number) => `designation-capacity:${year}`;

@Injectable()
export class DesignationApplicationsService {
  constructor(
    private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(VISA_RECORD_FIGURES) private readonly visaFigures: VisaRecordFigures,
    @Inject(JOURNEY_RECORD_FIGURES) private readonly journeyFigures: JourneyRecordFigures,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** A coordinator applies for the current or the coming designation year. */
  async apply(actor: Actor, hospitalId: string, dto: ApplyForDesignationDto): Promise<DesignationApplicationDto> {
    assertUuid(hospitalId, 'hospital');
    if (actor.hospitalId !== hospitalId) throw DomainError.notFound('hospital');
    const now = this.clock.now();
    const current = designationYearOf(now, this.config.designation.yearStart);
    if (dto.year !== current && dto.year !== current + 1) throw HospitalErrors.yearNotOpen(dto.year, [current, current + 1]);
    const declared: DeclaredFigures = {
      applications: dto.declared?.applications ?? 0,
      persons: dto.declared?.persons ?? 0,
      refusals: dto.declared?.refusals ?? 0,
      overstays: dto.declared?.overstays ?? 0,
      entryRefusals: dto.declared?.entryRefusals ?? 0,
      interpreters: dto.declared?.interpreters ?? 0,
    };
    const from = DateTime.fromJSDate(now).minus({ months: 24 }).toJSDate();
    const system = { ...(await this.visaFigures.between(hospitalId, from, now)), ...(await this.journeyFigures.between(hospitalId, from, now)) };

    const application = await this.db.transaction(async (m) => {
      const hospital = await m.getRepository(Hospital).createQueryBuilder('h').setLock('pessimistic_write').where('h.id = :id', { id: hospitalId }).getOne();
      if (!hospital) throw DomainError.notFound('hospital');
      const live = await m.query(`SELECT 1 FROM designation_applications WHERE hospital_id = $1 AND year = $2 AND status IN ('pending','approved')`, [hospitalId, dto.year]);
      if (live.length) throw HospitalErrors.applicationExists();

      const today = koreanDate(now);
      const figures = addFigures(system, declared);
      const registrationValid = validOn(hospital.registrationValidUntil, today);
      const alreadyDesignated = await m.getRepository(Designation).existsBy({ hospitalId, year: dto.year });
      const scoreBreakdown = scoreDesignation(
        {
          figures,
          interpreters: declared.interpreters,
          koihaValid: validOn(hospital.koihaValidUntil, today),
          type: hospital.type,
          bedCount: hospital.bedCount,
          region: hospital.region,
        },
        this.config.designation,
      );
      const fastTrack = !alreadyDesignated && qualifiesForFastTrack({ type: hospital.type, kahfValid: validOn(hospital.kahfValidUntil, today), registrationValid });
      const failures = fastTrack ? [] : eligibilityFailures({ figures, registrationValid, alreadyDesignated }, this.config.designation);
      const row = m.getRepository(DesignationApplication).create({
        hospitalId,
        year: dto.year,
        status: fastTrack ? 'approved' : failures.length ? 'ineligible' : 'pending',
        route: fastTrack ? 'fast_track' : 'reviewed',
        systemFigures: system,
        declaredFigures: declared,
        score: scoreBreakdown.total,
        scoreBreakdown,
        eligibilityFailures: failures,
        decisionNote: fastTrack
          ? hospital.type === 'tertiary_general'
            ? 'Fast track: tertiary general hospital with a valid registration.'
            : 'Fast track: valid KAHF certification and registration.'
          : null,
        decidedAt: fastTrack ? now : null,
        submittedAt: now,
      });
      const saved = await m.getRepository(DesignationApplication).save(row);
      await this.audit.record(m, { action: `designation_application.${saved.status === 'approved' ? 'fast_tracked' : saved.status === 'ineligible' ? 'found_ineligible' : 'submitted'}`, entityType: 'designation_application', entityId: saved.id, after: { ...saved } });
      if (fastTrack) await this.designate(m, saved, hospital);
      return saved;
    });
    return applicationView(application);
  }

  async list(actor: Actor, q: ListDesignationApplicationsQuery, hospitalId?: string): Promise<Page<DesignationApplicationDto>> {
    const qb = this.db.getRepository(DesignationApplication).createQueryBuilder('a');
    applyScope(qb, 'a', actor, APPLICATION_SCOPE);
    if (hospitalId) {
      assertUuid(hospitalId, 'hospital');
      // Another hospital's list, or an unknown hospital's, is 404, not an empty page (spec/security.md).
      if (actor.role === 'hospital_coordinator' && actor.hospitalId !== hospitalId) throw DomainError.notFound('hospital');
      if ((await this.db.query('SELECT 1 FROM hospitals WHERE id = $1', [hospitalId])).length === 0) throw DomainError.notFound('hospital');
      qb.andWhere('a.hospital_id = :hospitalId', { hospitalId });
    }
    if (q.status) qb.andWhere('a.status = :status', { status: q.status });
    if (q.year) qb.andWhere('a.year = :year', { year: q.year });
    const keys: SortKey<DesignationApplication>[] =
      q.sort === '-score'
        ? [{ expr: 'a.score', direction: 'DESC', value: (a) => a.score, cast: 'numeric' }, { expr: 'a.id', direction: 'DESC', value: (a) => a.id, cast: 'uuid' }]
        : [{ expr: 'a.submitted_at', direction: 'DESC', value: (a) => a.submittedAt, cast: 'timestamptz' }, { expr: 'a.id', direction: 'DESC', value: (a) => a.id, cast: 'uuid' }];
    const page = await paginate(qb, keys, q);
    return { items: page.items.map(applicationView), nextCursor: page.nextCursor };
  }

  async get(actor: Actor, id: string): Promise<DesignationApplicationDto> {
    assertUuid(id, 'designation application');
    const a = await applyScope(this.db.getRepository(DesignationApplication).createQueryBuilder('a').where('a.id = :id', { id }), 'a', actor, APPLICATION_SCOPE).getOne();
    if (!a) throw DomainError.notFound('designation application');
    return applicationView(a);
  }

  /** The reviewer's decision; approvals hold the year's capacity under concurrency. */
  async decide(actor: Actor, id: string, dto: DecideApplicationDto): Promise<DesignationApplicationDto> {
    assertUuid(id, 'designation application');
    const decided = await this.db.transaction(async (m) => {
      const a = await m.getRepository(DesignationApplication).createQueryBuilder('a').setLock('pessimistic_write').where('a.id = :id', { id }).getOne();
      if (!a) throw DomainError.notFound('designation application');
      if (a.status === 'ineligible') throw HospitalErrors.notEligible(a.eligibilityFailures.map((f) => f.reason));
      if (a.status !== 'pending') throw HospitalErrors.invalidTransition(a.status, dto.outcome);
      const now = this.clock.now();
      if (dto.outcome === 'approve') {
        if ((a.score ?? 0) < this.config.designation.passScore) throw HospitalErrors.scoreBelowPass(a.score ?? 0, this.config.designation.passScore);
        const hospital = await m.findOneByOrFail(Hospital, { id: a.hospitalId });
        await this.designate(m, a, hospital);
      }
      const before = { ...a };
      a.status = dto.outcome === 'approve' ? 'approved' : 'rejected';
      a.decisionNote = dto.note;
      a.decidedBy = actor.userId;
      a.decidedAt = now;
      const saved = await m.getRepository(DesignationApplication).save(a);
      await this.audit.record(m, { action: `designation_application.${saved.status}`, entityType: 'designation_application', entityId: id, before, after: { ...saved } });
      return saved;
    });
    return applicationView(decided);
  }

  /** Creates the designation of an approved application, within the year's capacity. */
  private async designate(m: EntityManager, a: DesignationApplication, hospital: Hospital): Promise<Designation> {
    const capacity = this.config.designation.capacity;
    if (capacity !== undefined) {
      await m.query('SELECT pg_advisory_xact_lock(hashtext($1))', [capacityLock(a.year)]);
      const [{ taken }] = await m.query(`SELECT count(*)::int AS taken FROM designations WHERE year = $1 AND status IN ('active','suspended')`, [a.year]);
      if (taken >= capacity) throw HospitalErrors.capacityReached(a.year, capacity);
    }
    if (await m.getRepository(Designation).existsBy({ hospitalId: hospital.id, year: a.year })) throw HospitalErrors.alreadyDesignated();
    const { validFrom, validUntil } = designationYearBounds(a.year, this.config.designation.yearStart);
    const d = await m.getRepository(Designation).save(
      m.getRepository(Designation).create({ hospitalId: hospital.id, year: a.year, status: 'active', validFrom, validUntil, score: a.score, route: a.route, applicationId: a.id }),
    );
    await this.audit.record(m, { action: 'designation.granted', entityType: 'designation', entityId: d.id, after: { ...d } });
    return d;
  }
}

function addFigures(a: DesignationFigures, b: DesignationFigures): DesignationFigures {
  return {
    applications: a.applications + b.applications,
    persons: a.persons + b.persons,
    refusals: a.refusals + b.refusals,
    overstays: a.overstays + b.overstays,
    entryRefusals: a.entryRefusals + b.entryRefusals,
  };
}
