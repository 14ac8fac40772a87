import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { DesignationFigures } from '../domain/designation-scoring.js';

/**
 * A hospital's figures for a period, from MedJourney's own visa records: applications it
 * submitted in the period, their persons, and the persons refused. Overstays and entry
 * refusals come from the journey module, which does not exist yet: until then they count 0
 * and hospitals declare them. A read model over the visa tables (SQL only), so that this
 * module does not depend on the visa module, which depends on it.
 */
@Injectable()
export class VisaRecordFigures {
  constructor(private readonly db: DataSource) {}

  async between(hospitalId: string, from: Date, to: Date): Promise<DesignationFigures> {
    const [row]: { applications: number; persons: number; refusals: number }[] = await this.db.query(
      `SELECT count(DISTINCT a.id)::int AS applications, count(p.id)::int AS persons,
              count(p.id) FILTER (WHERE p.outcome = 'reject')::int AS refusals
         FROM visa_applications a JOIN visa_persons p ON p.application_id = a.id
        WHERE a.sponsor_hospital_id = $1 AND a.submitted_at >= $2 AND a.submitted_at <= $3`,
      [hospitalId, from, to],
    );
    return { applications: row.applications, persons: row.persons, refusals: row.refusals, overstays: 0, entryRefusals: 0 };
  }
}
