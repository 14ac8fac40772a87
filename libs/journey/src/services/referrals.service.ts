import { Injectable } from '@nestjs/common';
import { HospitalsService } from '@medjourney/hospitals';
import { AuditService, Clock, decodeCursor, DomainError, encodeCursor, EventBus, type Actor, type Page, type PageQuery } from '@medjourney/platform';
import { DataSource } from 'typeorm';
import type { CreateReferralBody, ReferralDto } from '../dto/journey.dto.js';
import { JourneyErrors } from '../journey.errors.js';
import { JourneyAccess } from './journey-access.js';

interface ReferralRow {
  id: string;
  patient_id: string;
  hospital_id: string;
  referred_by_hospital_id: string;
  reason: string | null;
  created_at: Date;
}

/**
 * Referrals (spec/journey.md): a coordinator of a sponsoring hospital refers the patient to
 * another registered hospital, which treats them from then on (journey's door reads
 * `journey_referrals`). Audited, published as `journey.referred`, shown on the timeline.
 */
@Injectable()
export class ReferralsService {
  constructor(
    private readonly db: DataSource,
    private readonly access: JourneyAccess,
    private readonly hospitals: HospitalsService,
    private readonly audit: AuditService,
    private readonly events: EventBus,
    private readonly clock: Clock,
  ) {}

  async refer(actor: Actor, patientId: string, body: CreateReferralBody): Promise<ReferralDto> {
    return this.db.transaction(async (m) => {
      await this.access.mayActFor(m, actor, patientId, 'refer');
      const now = this.clock.now();
      const target = await this.hospitals.sponsorStatus(body.hospitalId, now, m).catch((e: unknown) => {
        if (e instanceof DomainError && e.status === 404) return null;
        throw e;
      });
      if (!target?.registered) throw JourneyErrors.referralTargetNotRegistered();
      // One referral per patient and hospital; a hospital that already treats them needs none.
      await m.query(`SELECT pg_advisory_xact_lock(hashtext('journey:' || $1))`, [patientId]);
      if ((await this.access.treatingHospitalIds(m, patientId)).includes(body.hospitalId)) throw JourneyErrors.alreadyTreating();
      const [row]: ReferralRow[] = await m.query(
        `INSERT INTO journey_referrals (patient_id, hospital_id, referred_by_hospital_id, reason, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6)
         RETURNING id, patient_id, hospital_id, referred_by_hospital_id, reason, created_at`,
        [patientId, body.hospitalId, actor.hospitalId, body.reason ?? null, actor.userId, now],
      );
      const view = toDto(row);
      await this.audit.record(m, { action: 'journey.referred', entityType: 'patient', entityId: patientId, after: view });
      await this.events.publish(m, 'journey.referred', {
        referralId: row.id,
        patientId,
        hospitalId: row.hospital_id,
        referredByHospitalId: row.referred_by_hospital_id,
        reason: row.reason,
        at: view.createdAt,
        actorRole: actor.role,
      });
      return view;
    });
  }

  /** The patient's referrals, oldest first (keyset pages). */
  async list(actor: Actor, patientId: string, q: PageQuery): Promise<Page<ReferralDto>> {
    const m = this.db.manager;
    await this.access.mayActFor(m, actor, patientId, 'read_referrals');
    const limit = q.limit ?? 20;
    let after: [string, string] | null = null;
    if (q.cursor) {
      // The helper checks each value against its SQL type: a cursor it passes casts without error.
      after = decodeCursor(q.cursor, [{ cast: 'timestamptz' }, { cast: 'uuid' }]) as [string, string];
    }
    const rows: ReferralRow[] = await m.query(
      `SELECT id, patient_id, hospital_id, referred_by_hospital_id, reason, created_at FROM journey_referrals
        WHERE patient_id = $1 AND ($2::timestamptz IS NULL OR (created_at, id) > ($2::timestamptz, $3::uuid))
        ORDER BY created_at, id LIMIT $4`,
      [patientId, after?.[0] ?? null, after?.[1] ?? null, limit + 1],
    );
    const items = rows.slice(0, limit).map(toDto);
    const last = rows.length > limit ? rows[limit - 1] : null;
    return { items, nextCursor: last ? encodeCursor([last.created_at, last.id]) : null };
  }
}

function toDto(r: ReferralRow): ReferralDto {
  return {
    id: r.id,
    patientId: r.patient_id,
    hospitalId: r.hospital_id,
    referredByHospitalId: r.referred_by_hospital_id,
    reason: r.reason,
    createdAt: new Date(r.created_at).toISOString(),
  };
}
