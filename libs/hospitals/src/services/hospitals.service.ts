import { Inject, Injectable } from '@nestjs/common';
import {
  APP_CONFIG, AuditService, Clock, DomainError, applyScope, assertUuid, paginate, type Actor, type AppConfig, type Page, type ScopePolicy,
} from '@medjourney/platform';
import { DataSource, In, type EntityManager } from 'typeorm';
import { designationYearOf, koreanDate } from '../domain/designation-year.js';
import type { CreateHospitalDto, DirectoryQuery, HospitalDto, UpdateHospitalDto } from '../dto/hospital.dto.js';
import { MINISTRY_FIELDS } from '../dto/hospital.dto.js';
import { Designation } from '../entities/designation.entity.js';
import { Hospital } from '../entities/hospital.entity.js';
import { HospitalErrors } from '../hospitals.errors.js';
import { hospitalView, validOn } from './views.js';

/** Who may edit which hospital: the ministry and admins all; a coordinator only their own. */
export const HOSPITAL_EDIT_SCOPE: ScopePolicy = {
  admin: 'all',
  ministry_reviewer: 'all',
  hospital_coordinator: { column: 'id', actor: 'hospitalId' },
};

/** Fields copied as they are from a PATCH body onto the row. */
const PLAIN_FIELDS = ['name', 'nameLocal', 'region', 'address', 'specialties', 'languages', 'licenseNumber', 'type', 'bedCount'] as const;


/** What another module may read of a hospital. */
export interface HospitalProfile {
  name: string;
  specialties: string[];
  region: string;
}

/** What the visa module needs to know of a sponsor at an instant. */
export interface SponsorStatus {
  registered: boolean;
  designated: boolean;
  /** What the sponsor treats, for the group rules checked beside its status. */
  specialties: string[];
}

@Injectable()
export class HospitalsService {
  constructor(
    private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  today(): string {
    return koreanDate(this.clock.now());
  }

  async create(dto: CreateHospitalDto): Promise<HospitalDto> {
    const hospital = await this.db.transaction(async (m) => {
      const inserted: { id: string }[] = await m.query(
        `INSERT INTO hospitals (name, name_local, license_number, type, bed_count, region, address, specialties, languages,
                                registration_number, registration_valid_until, kahf_number, kahf_valid_until, koiha_number, koiha_valid_until)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15) ON CONFLICT (license_number) DO NOTHING RETURNING id`,
        [
          dto.name, dto.nameLocal ?? null, dto.licenseNumber, dto.type, dto.bedCount, dto.region, dto.address, dto.specialties, dto.languages,
          dto.registration?.number ?? null, dto.registration?.validUntil ?? null,
          dto.certifications?.kahf?.number ?? null, dto.certifications?.kahf?.validUntil ?? null,
          dto.certifications?.koiha?.number ?? null, dto.certifications?.koiha?.validUntil ?? null,
        ],
      );
      if (inserted.length === 0) throw HospitalErrors.licenseTaken();
      const h = await m.findOneByOrFail(Hospital, { id: inserted[0].id });
      await this.audit.record(m, { action: 'hospital.created', entityType: 'hospital', entityId: h.id, after: { ...h } });
      return h;
    });
    return hospitalView(hospital, this.today(), null);
  }

  async get(id: string): Promise<HospitalDto> {
    assertUuid(id, 'hospital');
    const h = await this.db.getRepository(Hospital).findOneBy({ id });
    if (!h) throw DomainError.notFound('hospital');
    const [view] = await this.withDesignations([h]);
    return view;
  }

  /** The public directory: filters, keyset pages by name, designation status of the current year. */
  async directory(q: DirectoryQuery): Promise<Page<HospitalDto>> {
    const qb = this.db.getRepository(Hospital).createQueryBuilder('h');
    if (q.specialty) qb.andWhere(':specialty = ANY(h.specialties)', { specialty: q.specialty });
    if (q.language) qb.andWhere(':language = ANY(h.languages)', { language: q.language });
    if (q.region) qb.andWhere('h.region = :region', { region: q.region });
    if (q.type) qb.andWhere('h.type = :type', { type: q.type });
    if (q.designated) {
      qb.andWhere(
        `EXISTS (SELECT 1 FROM designations d WHERE d.hospital_id = h.id AND d.status = 'active' AND d.valid_from <= :today AND d.valid_until >= :today)`,
        { today: this.today() },
      );
    }
    const page = await paginate(
      qb,
      [
        { expr: 'h.name', direction: 'ASC', value: (h) => h.name, cast: 'text' },
        { expr: 'h.id', direction: 'ASC', value: (h) => h.id, cast: 'uuid' },
      ],
      q,
    );
    return { items: await this.withDesignations(page.items), nextCursor: page.nextCursor };
  }

  async update(actor: Actor, id: string, dto: UpdateHospitalDto): Promise<HospitalDto> {
    assertUuid(id, 'hospital');
    const hospital = await this.db.transaction(async (m) => {
      const before = await applyScope(m.getRepository(Hospital).createQueryBuilder('h').setLock('pessimistic_write').where('h.id = :id', { id }), 'h', actor, HOSPITAL_EDIT_SCOPE).getOne();
      if (!before) throw DomainError.notFound('hospital');
      if (actor.role === 'hospital_coordinator') {
        const restricted = MINISTRY_FIELDS.filter((f) => dto[f] !== undefined);
        if (restricted.length) throw HospitalErrors.fieldsNotEditable(restricted);
      }
      if (dto.version !== undefined && dto.version !== before.version) throw HospitalErrors.versionConflict();
      const set: Partial<Hospital> = {};
      for (const key of PLAIN_FIELDS) {
        if (dto[key] !== undefined) (set as Record<string, unknown>)[key] = dto[key];
      }
      if (dto.registration !== undefined) {
        set.registrationNumber = dto.registration?.number ?? null;
        set.registrationValidUntil = dto.registration?.validUntil ?? null;
      }
      if (dto.certifications?.kahf !== undefined) {
        set.kahfNumber = dto.certifications.kahf?.number ?? null;
        set.kahfValidUntil = dto.certifications.kahf?.validUntil ?? null;
      }
      if (dto.certifications?.koiha !== undefined) {
        set.koihaNumber = dto.certifications.koiha?.number ?? null;
        set.koihaValidUntil = dto.certifications.koiha?.validUntil ?? null;
      }
      if (set.licenseNumber && set.licenseNumber !== before.licenseNumber) {
        const taken = await m.getRepository(Hospital).existsBy({ licenseNumber: set.licenseNumber });
        if (taken) throw HospitalErrors.licenseTaken();
      }
      await m.getRepository(Hospital).update({ id }, { ...set, version: before.version + 1 });
      const after = await m.findOneByOrFail(Hospital, { id });
      await this.audit.record(m, { action: 'hospital.updated', entityType: 'hospital', entityId: id, before: { ...before }, after: { ...after } });
      return after;
    });
    const [view] = await this.withDesignations([hospital]);
    return view;
  }

  async setMark(id: string, awarded: boolean): Promise<HospitalDto> {
    assertUuid(id, 'hospital');
    const hospital = await this.db.transaction(async (m) => {
      const before = await m.getRepository(Hospital).createQueryBuilder('h').setLock('pessimistic_write').where('h.id = :id', { id }).getOne();
      if (!before) throw DomainError.notFound('hospital');
      const awardedAt = awarded ? (before.kHealthcareMarkAwardedAt ?? this.clock.now()) : null;
      await m.getRepository(Hospital).update({ id }, { kHealthcareMarkAwardedAt: awardedAt, version: before.version + 1 });
      const after = await m.findOneByOrFail(Hospital, { id });
      await this.audit.record(m, {
        action: awarded ? 'hospital.k_healthcare_mark_awarded' : 'hospital.k_healthcare_mark_withdrawn',
        entityType: 'k_healthcare_mark',
        entityId: id,
        before: { awardedAt: before.kHealthcareMarkAwardedAt },
        after: { awardedAt },
      });
      return after;
    });
    const [view] = await this.withDesignations([hospital]);
    return view;
  }

  /** Registered (valid registration) and designated (active designation) at an instant, read with its designation of that year in one statement. */
  async sponsorStatus(hospitalId: string, at: Date, manager: EntityManager = this.db.manager): Promise<SponsorStatus> {
    const [row]: { registration_valid_until: string | null; specialties: string[]; status: string | null; valid_from: string | null; valid_until: string | null }[] = await manager.query(
      `SELECT h.registration_valid_until::text, h.specialties, d.status, d.valid_from::text, d.valid_until::text
         FROM hospitals h LEFT JOIN designations d ON d.hospital_id = h.id AND d.year = $2
        WHERE h.id = $1`,
      [hospitalId, designationYearOf(at, this.config.designation.yearStart)],
    );
    if (!row) throw DomainError.notFound('hospital');
    const today = koreanDate(at);
    const registered = validOn(row.registration_valid_until, today);
    const designated = registered && row.status === 'active' && row.valid_from! <= today && row.valid_until! >= today;
    return { registered, designated, specialties: row.specialties };
  }

  /** The hospital's name and specialties, or null when there is none; in the caller's transaction when given. */
  async profileOf(hospitalId: string, manager: EntityManager = this.db.manager): Promise<HospitalProfile | null> {
    return (await this.profilesOf([hospitalId], manager)).get(hospitalId) ?? null;
  }

  /** The profiles of these hospitals, by id (absent ids are left out): one read for a subscriber's whole batch. */
  async profilesOf(hospitalIds: readonly string[], manager: EntityManager = this.db.manager): Promise<Map<string, HospitalProfile>> {
    if (hospitalIds.length === 0) return new Map();
    const rows: ({ id: string } & HospitalProfile)[] = await manager.query('SELECT id, name, specialties, region FROM hospitals WHERE id = ANY($1::uuid[])', [[...new Set(hospitalIds)]]);
    return new Map(rows.map(({ id, ...profile }) => [id, profile]));
  }

  private async withDesignations(hospitals: Hospital[]): Promise<HospitalDto[]> {
    if (hospitals.length === 0) return [];
    const year = designationYearOf(this.clock.now(), this.config.designation.yearStart);
    const designations = await this.db.getRepository(Designation).findBy({ hospitalId: In(hospitals.map((h) => h.id)), year });
    const byHospital = new Map(designations.map((d) => [d.hospitalId, d]));
    const today = this.today();
    return hospitals.map((h) => hospitalView(h, today, byHospital.get(h.id) ?? null));
  }
}
