import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { effectiveVisaStatus, entryRefusal, type VisaStatus } from '../domain/visa-terms.js';
import type { Entries } from '../domain/vocabulary.js';

/** A person of a patient's applications, with the visa they hold (if any), as the journey module sees it. */
export interface HeldVisa {
  personId: string;
  role: 'patient' | 'companion';
  /** Given names and surname, as in the passport. */
  name: string;
  applicationId: string;
  sponsorHospitalId: string;
  visa: {
    id: string;
    number: string;
    status: VisaStatus;
    entries: Entries;
    entriesUsed: number;
    enterBy: string;
    maxStayDays: number;
    issuedAt: Date;
    /** Why the visa allows no entry today, or null when it allows one. */
    entryRefusal: 'cancelled' | 'expired' | 'entries_used' | null;
  } | null;
}

interface Row {
  person_id: string;
  role: 'patient' | 'companion';
  given_names: string;
  surname: string;
  application_id: string;
  sponsor_hospital_id: string;
  visa_id: string | null;
  number: string | null;
  status: VisaStatus | null;
  entries: Entries | null;
  entries_used: number | null;
  enter_by: string | null;
  max_stay_days: number | null;
  issued_at: Date | null;
}

/**
 * The visas module's door for visas in use (spec/journey.md): which visa each person of a
 * patient holds, an arrival made on it, and the nightly expiry. Methods that change a visa
 * take the caller's EntityManager, so that the journey's event and the visa commit together.
 */
@Injectable()
export class VisaUseService {
  /**
   * The persons of the patient's applications named by `personIds` (those not found are left
   * out), or, for null, the patient themselves: the patient's latest visa that allows an entry,
   * else their latest visa. Visas are locked for the caller's change when `lock`.
   */
  async heldVisas(m: EntityManager, patientId: string, personIds: readonly string[] | null, today: string, lock = false): Promise<HeldVisa[]> {
    const rows: Row[] = await m.query(
      `SELECT p.id AS person_id, p.role, p.given_names, p.surname, a.id AS application_id, a.sponsor_hospital_id,
              v.id AS visa_id, v.number, v.status, v.entries, v.entries_used, to_char(v.enter_by, 'YYYY-MM-DD') AS enter_by, v.max_stay_days, v.issued_at
         FROM visa_persons p JOIN visa_applications a ON a.id = p.application_id LEFT JOIN visas v ON v.person_id = p.id
        WHERE a.patient_id = $1 AND ${personIds ? 'p.id = ANY($2::uuid[])' : `p.role = 'patient' AND v.id IS NOT NULL`}
        ORDER BY v.issued_at DESC NULLS LAST, p.id
        ${lock ? 'FOR UPDATE OF p' : ''}`,
      personIds ? [patientId, personIds] : [patientId],
    );
    if (lock && rows.some((r) => r.visa_id)) {
      await m.query('SELECT 1 FROM visas WHERE id = ANY($1::uuid[]) FOR UPDATE', [rows.filter((r) => r.visa_id).map((r) => r.visa_id)]);
    }
    const held = rows.map((r) => toHeld(r, today));
    if (personIds) return held;
    const usable = held.find((h) => h.visa && h.visa.entryRefusal === null);
    return usable ? [usable] : held.slice(0, 1);
  }

  /** An arrival on the visa: it becomes `used` and one more entry is counted. */
  async recordEntry(m: EntityManager, visaId: string, at: Date): Promise<void> {
    await m.query(
      `UPDATE visas SET status = 'used', entries_used = entries_used + 1, last_entry_at = $2, version = version + 1 WHERE id = $1`,
      [visaId, at],
    );
  }

  /** Stores `expired` on every visa whose enter-by date has passed unused; a second run finds none. */
  async expireUnused(m: EntityManager, today: string): Promise<number> {
    // TypeORM answers an UPDATE … RETURNING with [rows, count].
    const [expired]: [unknown[], number] = await m.query(
      `UPDATE visas SET status = 'expired', version = version + 1 WHERE status = 'issued' AND enter_by < $1 RETURNING id`,
      [today],
    );
    return expired.length;
  }
}

function toHeld(r: Row, today: string): HeldVisa {
  return {
    personId: r.person_id,
    role: r.role,
    name: `${r.given_names} ${r.surname}`,
    applicationId: r.application_id,
    sponsorHospitalId: r.sponsor_hospital_id,
    visa: r.visa_id
      ? {
          id: r.visa_id,
          number: r.number!,
          status: effectiveVisaStatus(r.status!, r.enter_by!, today),
          entries: r.entries!,
          entriesUsed: r.entries_used!,
          enterBy: r.enter_by!,
          maxStayDays: r.max_stay_days!,
          issuedAt: r.issued_at!,
          entryRefusal: entryRefusal({ status: r.status!, entries: r.entries!, entriesUsed: r.entries_used!, enterBy: r.enter_by! }, today),
        }
      : null,
  };
}
