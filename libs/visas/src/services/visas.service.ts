import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AuditService, Clock, DomainError, isUuid, PiiCipher, RedisService, type Actor, type AppConfig } from '@medjourney/platform';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { DataSource, type EntityManager } from 'typeorm';
import { HospitalsService, koreanDate } from '@medjourney/hospitals';
import { generateVisaNumber } from '../domain/visa-number.js';
import { effectiveVisaStatus, enterBy, entryRefusal, maxStayDays, stayDays, type VisaStatus } from '../domain/visa-terms.js';
import type { Entries } from '../domain/vocabulary.js';
import type { VerificationDto, VisaDto } from '../dto/visa.dto.js';
import type { VisaApplication } from '../entities/visa-application.entity.js';
import type { VisaPerson } from '../entities/visa-person.entity.js';
import { Visa } from '../entities/visa.entity.js';
import { renderGrantNotice } from '../grant-notice/grant-notice.pdf.js';
import { loadApplication } from './application-access.js';

/** Public verification: per client address, per minute. */
export const VERIFICATIONS_PER_MINUTE = 30;

/** Visas: issued on approval, read, printed as the grant notice, verified publicly, cancelled. */
@Injectable()
export class VisasService {
  private readonly limiter: RateLimiterRedis;

  constructor(
    private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly cipher: PiiCipher,
    private readonly clock: Clock,
    private readonly hospitals: HospitalsService,
    redis: RedisService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.limiter = new RateLimiterRedis({ storeClient: redis.client, keyPrefix: redis.key('visa-verify'), points: VERIFICATIONS_PER_MINUTE, duration: 60, useRedisPackage: false });
  }

  /** Issues the visa of an approved person; a number that collides is drawn again. */
  async issue(m: EntityManager, app: VisaApplication, person: VisaPerson, now: Date): Promise<void> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const inserted: unknown[] = await m.query(
        `INSERT INTO visas (application_id, person_id, number, category, entries, issued_at, enter_by, max_stay_days, status)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'issued') ON CONFLICT (number) DO NOTHING RETURNING id`,
        [app.id, person.id, generateVisaNumber(), app.category, app.entries, now, enterBy(now, app.category, app.entries), maxStayDays(app.category, stayDays(app.stayFrom, app.stayUntil))],
      );
      if (inserted.length) return;
    }
    throw new Error('could not draw a free visa number');
  }

  async get(actor: Actor, applicationId: string, personId: string): Promise<VisaDto> {
    const { visa } = await this.load(actor, applicationId, personId);
    return this.view(visa);
  }

  async pdf(actor: Actor, applicationId: string, personId: string): Promise<{ filename: string; content: Buffer }> {
    const { visa, person, sponsorName } = await this.load(actor, applicationId, personId);
    const content = await this.db.transaction(async (m) => {
      // The notice prints the full passport number: that read is audited.
      await this.audit.record(m, { action: 'visa.grant_notice_printed', entityType: 'visa', entityId: visa.id });
      return renderGrantNotice({
        visaNumber: visa.number,
        holderName: `${person.surname} ${person.givenNames}`,
        nationality: person.nationality,
        passportNumber: this.cipher.decrypt(person.passportNumberSealed),
        dateOfBirth: this.cipher.decrypt(person.dateOfBirthSealed),
        category: visa.category,
        entries: visa.entries,
        issuedAt: visa.issuedAt.toISOString(),
        enterBy: visa.enterBy,
        maxStayDays: visa.maxStayDays,
        sponsorName,
        verificationUrl: this.verificationUrl(visa.number),
      });
    });
    return { filename: `visa-grant-notice-${visa.number}.pdf`, content };
  }

  verificationUrl(number: string): string {
    return `${this.config.publicBaseUrl.replace(/\/$/, '')}/api/v1/visas/verify?number=${number}`;
  }

  /** Both the number and the passport number must match; nothing else is revealed. */
  async verify(number: string, passportNumber: string, ip: string): Promise<VerificationDto> {
    try {
      await this.limiter.consume(ip);
    } catch (e) {
      if (e instanceof RateLimiterRes) throw DomainError.rateLimited(e.msBeforeNext / 1000);
      throw e;
    }
    const [row]: { id: string; status: VisaStatus; category: string; entries: Entries; entries_used: number; enter_by: string; surname: string; given_names: string; nationality: string; passport_number_sealed: string }[] = await this.db.query(
      `SELECT v.id, v.status, v.category, v.entries, v.entries_used, to_char(v.enter_by, 'YYYY-MM-DD') AS enter_by, p.surname, p.given_names, p.nationality, p.passport_number_sealed
         FROM visas v JOIN visa_persons p ON p.id = v.person_id WHERE v.number = $1`,
      [number],
    );
    if (!row || this.cipher.decrypt(row.passport_number_sealed) !== passportNumber) return { valid: false, status: 'not_found' };
    const status = this.effectiveStatus(row.status, row.enter_by);
    return {
      // Valid while it still allows an entry: a used double or multiple visa may.
      valid: entryRefusal({ status: row.status, entries: row.entries, entriesUsed: row.entries_used, enterBy: row.enter_by }, koreanDate(this.clock.now())) === null,
      status,
      category: row.category,
      enterBy: row.enter_by,
      holder: `${row.surname} ${row.given_names.charAt(0)}*** (${row.nationality})`,
    };
  }

  async cancel(actor: Actor, applicationId: string, personId: string, reason: string): Promise<VisaDto> {
    const { visa } = await this.load(actor, applicationId, personId);
    return this.db.transaction(async (m) => {
      const locked = await m.getRepository(Visa).createQueryBuilder('v').setLock('pessimistic_write').where('v.id = :id', { id: visa.id }).getOneOrFail();
      if (this.effectiveStatus(locked.status, locked.enterBy) !== 'issued') {
        throw DomainError.conflict('INVALID_TRANSITION', `Cannot cancel a visa that is ${this.effectiveStatus(locked.status, locked.enterBy)}.`);
      }
      const before = { ...locked };
      locked.status = 'cancelled';
      locked.cancelReason = reason;
      const saved = await m.getRepository(Visa).save(locked);
      await this.audit.record(m, { action: 'visa.cancelled', entityType: 'visa', entityId: visa.id, before, after: { ...saved } });
      return this.view(saved);
    });
  }

  private async load(actor: Actor, applicationId: string, personId: string) {
    const app = await loadApplication(this.db.manager, actor, applicationId);
    const visa = isUuid(personId) ? await this.db.getRepository(Visa).findOneBy({ applicationId: app.id, personId }) : null;
    if (!visa) throw DomainError.notFound('visa');
    const [person]: VisaPerson[] = await this.db.query(
      `SELECT surname, given_names AS "givenNames", nationality, passport_number_sealed AS "passportNumberSealed", date_of_birth_sealed AS "dateOfBirthSealed" FROM visa_persons WHERE id = $1`,
      [personId],
    );
    const { name: sponsorName } = (await this.hospitals.profileOf(app.sponsorHospitalId))!;
    return { app, visa, person, sponsorName };
  }

  /** The nightly job stores `expired`; until it has run, an issued visa past its enter-by date reads expired too. */
  private effectiveStatus(status: VisaStatus, enterByDate: string): VisaStatus {
    return effectiveVisaStatus(status, enterByDate, koreanDate(this.clock.now()));
  }

  private view(v: Visa): VisaDto {
    return {
      number: v.number,
      personId: v.personId,
      category: v.category,
      entries: v.entries,
      issuedAt: v.issuedAt.toISOString(),
      enterBy: v.enterBy,
      maxStayDays: v.maxStayDays,
      status: this.effectiveStatus(v.status, v.enterBy),
    };
  }
}
