import type { EntityManager } from 'typeorm';
import type { CareProviderDto, LanguageDto, ProviderCertificationDto } from '../dto/care-provider.dto.js';
import type { CareProvider } from '../entities/care-provider.entity.js';

/** The providers as the API shows them, with their languages and certifications (two queries for the page). */
export async function providerViews(m: EntityManager, providers: CareProvider[]): Promise<CareProviderDto[]> {
  if (providers.length === 0) return [];
  const ids = providers.map((p) => p.id);
  const languages: (LanguageDto & { provider_id: string })[] = await m.query(
    'SELECT provider_id, code, level FROM care_provider_languages WHERE provider_id = ANY($1::uuid[]) ORDER BY code',
    [ids],
  );
  const certifications: (ProviderCertificationDto & { provider_id: string })[] = await m.query(
    `SELECT provider_id, type, number, to_char(valid_until, 'YYYY-MM-DD') AS "validUntil"
       FROM care_provider_certifications WHERE provider_id = ANY($1::uuid[]) ORDER BY type, number`,
    [ids],
  );
  return providers.map((p) => ({
    id: p.id,
    kind: p.kind,
    name: p.name,
    contact: { ...(p.email ? { email: p.email } : {}), ...(p.phone ? { phone: p.phone } : {}) },
    regions: p.regions,
    hospitalIds: p.hospitalIds,
    languages: languages.filter((l) => l.provider_id === p.id).map(({ code, level }) => ({ code, level })),
    certifications: certifications.filter((c) => c.provider_id === p.id).map(({ type, number, validUntil }) => ({ type, number, validUntil })),
    specialties: p.specialties,
    maxHoursPerWeek: p.maxHoursPerWeek,
    rating: p.rating === null ? null : Number(p.rating),
    ratingCount: p.ratingCount,
    timezone: p.timezone,
    active: p.active,
    verifiedAt: p.verifiedAt ? p.verifiedAt.toISOString() : null,
    version: p.version,
  }));
}
