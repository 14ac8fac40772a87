import { Injectable } from '@nestjs/common';
import { HospitalsService } from '@medjourney/hospitals';
import type { CareProviderRegistry } from '@medjourney/identity';
import {
  AuditService, Clock, DomainError, applyScope, assertUuid, findOneInScope, paginate, type Actor, type Page, type ScopePolicy,
} from '@medjourney/platform';
import { DataSource, type EntityManager } from 'typeorm';
import { availabilityProblems, type Availability } from '../domain/availability.js';
import {
  REGISTRY_FIELDS, type AvailabilityDto, type CareProviderDto, type CareProviderQuery, type CreateCareProviderDto, type LanguageDto,
  type ProviderCertificationDto, type UpdateCareProviderDto,
} from '../dto/care-provider.dto.js';
import { CareProvider } from '../entities/care-provider.entity.js';
import { MatchingErrors } from '../matching.errors.js';
import { AVAILABILITY_HORIZON_DAYS, DAY_MS, writeAvailability } from './availability-instants.js';
import { providerViews } from './care-provider-views.js';

/** Who reads providers: the registry's keepers and coordinators all; a provider only themselves. */
export const PROVIDER_READ_SCOPE: ScopePolicy = {
  admin: 'all',
  ministry_reviewer: 'all',
  hospital_coordinator: 'all',
  care_provider: { column: 'id', actor: 'careProviderId' },
};

/** Who edits a provider's profile and availability. */
export const PROVIDER_EDIT_SCOPE: ScopePolicy = {
  admin: 'all',
  ministry_reviewer: 'all',
  care_provider: { column: 'id', actor: 'careProviderId' },
};

/** The registry of caregivers and interpreters, and the door identity asks whether a provider exists. */
@Injectable()
export class CareProvidersService implements CareProviderRegistry {
  constructor(
    private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly hospitals: HospitalsService,
  ) {}

  /** Verified, active interpreters by language they speak (ISO 639-1), for the ministry's supply figures. */
  async activeInterpretersByLanguage(m: EntityManager = this.db.manager): Promise<Map<string, number>> {
    const rows: { code: string; n: number }[] = await m.query(
      `SELECT l.code, count(*)::int AS n FROM care_providers p JOIN care_provider_languages l ON l.provider_id = p.id
        WHERE p.kind = 'interpreter' AND p.active AND p.verified_at IS NOT NULL GROUP BY l.code`,
    );
    return new Map(rows.map((r) => [r.code, r.n]));
  }

  async exists(m: EntityManager, careProviderId: string): Promise<boolean> {
    return (await m.query('SELECT 1 FROM care_providers WHERE id = $1', [careProviderId])).length > 0;
  }

  /**
   * A provider's name, time zone, contact address and languages (telemedicine names its
   * interpreter, reminds them in their zone and e-mails them invitations in their language);
   * null when there is none.
   */
  async contactOf(m: EntityManager, careProviderId: string): Promise<{ name: string; timezone: string; email: string | null; languages: string[] } | null> {
    const [row] = await m.query('SELECT name, timezone, email FROM care_providers WHERE id = $1', [careProviderId]);
    if (!row) return null;
    return { ...row, languages: (await this.readingPreferences(m, [careProviderId])).get(careProviderId)?.languages ?? [] };
  }

  /**
   * The languages of each of these providers in the order they read best (native, then fluent,
   * then professional; by code within a level) and their zone: the notices and e-mails a
   * provider receives are in the first of these that has a catalogue.
   */
  async readingPreferences(m: EntityManager, careProviderIds: readonly string[]): Promise<Map<string, { languages: string[]; timezone: string }>> {
    if (careProviderIds.length === 0) return new Map();
    const rows: { id: string; timezone: string; languages: string[] }[] = await m.query(
      `SELECT p.id, p.timezone,
              COALESCE(array_agg(l.code ORDER BY array_position(ARRAY['native','fluent','professional'], l.level), l.code) FILTER (WHERE l.code IS NOT NULL), '{}') AS languages
         FROM care_providers p LEFT JOIN care_provider_languages l ON l.provider_id = p.id
        WHERE p.id = ANY($1::uuid[]) GROUP BY p.id`,
      [[...new Set(careProviderIds)]],
    );
    return new Map(rows.map((r) => [r.id, { languages: r.languages, timezone: r.timezone }]));
  }

  /** Creates a provider, inactive until verified; `id` is given only by the seeds. */
  async createIn(m: EntityManager, dto: CreateCareProviderDto, id?: string): Promise<CareProvider> {
    await this.assertHospitals(m, dto.hospitalIds ?? []);
    const [{ id: newId }]: { id: string }[] = await m.query(
      `INSERT INTO care_providers (id, kind, name, email, phone, regions, hospital_ids, specialties, max_hours_per_week)
       VALUES (COALESCE($1::uuid, gen_random_uuid()), $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
      [id ?? null, dto.kind, dto.name, dto.contact?.email ?? null, dto.contact?.phone ?? null, dto.regions ?? [], dto.hospitalIds ?? [], dto.specialties ?? [], dto.maxHoursPerWeek ?? 40],
    );
    await this.writeLanguages(m, newId, dto.languages ?? []);
    await this.writeCertifications(m, newId, dto.certifications ?? []);
    const provider = await m.findOneByOrFail(CareProvider, { id: newId });
    await this.audit.record(m, { action: 'care_provider.created', entityType: 'care_provider', entityId: newId, after: { ...provider, languages: dto.languages, certifications: dto.certifications } });
    return provider;
  }

  async create(dto: CreateCareProviderDto): Promise<CareProviderDto> {
    return this.db.transaction(async (m) => (await providerViews(m, [await this.createIn(m, dto)]))[0]);
  }

  /** Verification makes a provider active (bookable and a matching candidate); verifying again changes nothing. */
  async verifyIn(m: EntityManager, id: string): Promise<CareProvider> {
    const before = await this.lock(m, id);
    if (before.active) return before;
    await m.query('UPDATE care_providers SET active = true, verified_at = $2, version = version + 1, updated_at = now() WHERE id = $1', [id, this.clock.now()]);
    const after = await m.findOneByOrFail(CareProvider, { id });
    await this.audit.record(m, { action: 'care_provider.verified', entityType: 'care_provider', entityId: id, before: { active: false }, after: { active: true, verifiedAt: after.verifiedAt } });
    return after;
  }

  async verify(id: string): Promise<CareProviderDto> {
    assertUuid(id, 'care provider');
    return this.db.transaction(async (m) => (await providerViews(m, [await this.verifyIn(m, id)]))[0]);
  }

  async get(actor: Actor, id: string): Promise<CareProviderDto> {
    assertUuid(id, 'care provider');
    const p = await findOneInScope(this.db.getRepository(CareProvider).createQueryBuilder('p').where('p.id = :id', { id }), 'p', actor, PROVIDER_READ_SCOPE, 'care provider');
    return (await providerViews(this.db.manager, [p]))[0];
  }

  /** Keyset pages by name, optionally of one kind or language. */
  async list(actor: Actor, q: CareProviderQuery): Promise<Page<CareProviderDto>> {
    const qb = applyScope(this.db.getRepository(CareProvider).createQueryBuilder('p'), 'p', actor, PROVIDER_READ_SCOPE);
    if (q.kind) qb.andWhere('p.kind = :kind', { kind: q.kind });
    if (q.language) qb.andWhere('EXISTS (SELECT 1 FROM care_provider_languages l WHERE l.provider_id = p.id AND l.code = :language)', { language: q.language });
    const page = await paginate(qb, [
      { expr: 'p.name', direction: 'ASC', value: (p) => p.name, cast: 'text' },
      { expr: 'p.id', direction: 'ASC', value: (p) => p.id, cast: 'uuid' },
    ], q);
    return { items: await providerViews(this.db.manager, page.items), nextCursor: page.nextCursor };
  }

  async update(actor: Actor, id: string, dto: UpdateCareProviderDto): Promise<CareProviderDto> {
    assertUuid(id, 'care provider');
    return this.db.transaction(async (m) => {
      const before = await this.lockInScope(m, actor, id);
      if (actor.role === 'care_provider') {
        const restricted = REGISTRY_FIELDS.filter((f) => dto[f] !== undefined);
        if (restricted.length) throw MatchingErrors.fieldsNotEditable(restricted);
      }
      if (dto.version !== undefined && dto.version !== before.version) throw MatchingErrors.versionConflict();
      if (dto.hospitalIds) await this.assertHospitals(m, dto.hospitalIds);
      const [beforeView] = await providerViews(m, [before]);
      await m.query(
        `UPDATE care_providers SET name = COALESCE($2, name), email = CASE WHEN $3::boolean THEN $4 ELSE email END,
                phone = CASE WHEN $3::boolean THEN $5 ELSE phone END, regions = COALESCE($6, regions), hospital_ids = COALESCE($7, hospital_ids),
                specialties = COALESCE($8, specialties), max_hours_per_week = COALESCE($9, max_hours_per_week), version = version + 1, updated_at = now()
          WHERE id = $1`,
        [id, dto.name ?? null, dto.contact !== undefined, dto.contact?.email ?? null, dto.contact?.phone ?? null, dto.regions ?? null, dto.hospitalIds ?? null, dto.specialties ?? null, dto.maxHoursPerWeek ?? null],
      );
      if (dto.languages) await this.writeLanguages(m, id, dto.languages);
      if (dto.certifications) await this.writeCertifications(m, id, dto.certifications);
      const [after] = await providerViews(m, [await m.findOneByOrFail(CareProvider, { id })]);
      await this.audit.record(m, { action: 'care_provider.updated', entityType: 'care_provider', entityId: id, before: beforeView, after });
      return after;
    });
  }

  async availability(actor: Actor, id: string): Promise<Availability> {
    assertUuid(id, 'care provider');
    const p = await findOneInScope(this.db.getRepository(CareProvider).createQueryBuilder('p').where('p.id = :id', { id }), 'p', actor, PROVIDER_READ_SCOPE, 'care provider');
    return { timezone: p.timezone, weekly: p.weekly, exceptions: p.exceptions };
  }

  async setAvailability(actor: Actor, id: string, dto: AvailabilityDto): Promise<Availability> {
    assertUuid(id, 'care provider');
    return this.db.transaction(async (m) => {
      const before = await this.lockInScope(m, actor, id);
      const saved = await this.setAvailabilityIn(m, id, dto);
      await this.audit.record(m, { action: 'care_provider.availability_set', entityType: 'care_provider', entityId: id, before: { timezone: before.timezone, weekly: before.weekly, exceptions: before.exceptions }, after: saved });
      return saved;
    });
  }

  /** Stores the weekly hours and exceptions, and rewrites the instants matching filters on (AvailabilityHorizonService keeps them ahead). */
  async setAvailabilityIn(m: EntityManager, id: string, dto: Availability): Promise<Availability> {
    const problems = availabilityProblems(dto);
    if (problems.length) throw MatchingErrors.invalidAvailability(problems);
    const availability: Availability = {
      timezone: dto.timezone,
      weekly: dto.weekly.map(({ weekday, start, end }) => ({ weekday, start, end })),
      exceptions: dto.exceptions.map(({ from, to }) => ({ from: new Date(from).toISOString(), to: new Date(to).toISOString() })),
    };
    await m.query('UPDATE care_providers SET timezone = $2, weekly = $3, exceptions = $4, version = version + 1, updated_at = now() WHERE id = $1', [
      id, availability.timezone, JSON.stringify(availability.weekly), JSON.stringify(availability.exceptions),
    ]);
    // From a day ago, whatever the old instants were: every range from then on is rewritten, the older ones dropped.
    const now = this.clock.now().getTime();
    const from = new Date(now - DAY_MS);
    await writeAvailability(m, [{ providerId: id, availability, from, until: new Date(now + AVAILABILITY_HORIZON_DAYS * DAY_MS) }], from);
    return availability;
  }

  private async lock(m: EntityManager, id: string): Promise<CareProvider> {
    const p = await m.getRepository(CareProvider).createQueryBuilder('p').setLock('pessimistic_write').where('p.id = :id', { id }).getOne();
    if (!p) throw DomainError.notFound('care provider');
    return p;
  }

  private async lockInScope(m: EntityManager, actor: Actor, id: string): Promise<CareProvider> {
    const p = await applyScope(m.getRepository(CareProvider).createQueryBuilder('p').setLock('pessimistic_write').where('p.id = :id', { id }), 'p', actor, PROVIDER_EDIT_SCOPE).getOne();
    if (!p) throw DomainError.notFound('care provider');
    return p;
  }

  private async assertHospitals(m: EntityManager, ids: string[]): Promise<void> {
    for (const [i, id] of ids.entries()) {
      if (!(await this.hospitals.profileOf(id, m))) throw MatchingErrors.unknownHospital(`hospitalIds[${i}]`);
    }
  }

  private async writeLanguages(m: EntityManager, id: string, languages: LanguageDto[]): Promise<void> {
    const codes = languages.map((l) => l.code);
    if (new Set(codes).size !== codes.length) throw DomainError.validation([{ field: 'languages', message: 'each language at most once' }]);
    await m.query('DELETE FROM care_provider_languages WHERE provider_id = $1', [id]);
    await m.query(
      'INSERT INTO care_provider_languages (provider_id, code, level) SELECT $1, c, l FROM unnest($2::text[], $3::text[]) AS u(c, l)',
      [id, codes, languages.map((l) => l.level)],
    );
  }

  private async writeCertifications(m: EntityManager, id: string, certifications: ProviderCertificationDto[]): Promise<void> {
    await m.query('DELETE FROM care_provider_certifications WHERE provider_id = $1', [id]);
    await m.query(
      `INSERT INTO care_provider_certifications (provider_id, type, number, valid_until)
       SELECT $1, t, n, v FROM unnest($2::text[], $3::text[], $4::date[]) AS u(t, n, v) ON CONFLICT DO NOTHING`,
      [id, certifications.map((c) => c.type), certifications.map((c) => c.number), certifications.map((c) => c.validUntil)],
    );
  }
}
