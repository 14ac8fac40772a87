import { Global, Injectable, Module } from '@nestjs/common';
import { VISA_RECORD_FIGURES, type VisaRecordFigures } from '@medjourney/hospitals';
import { DataSource } from 'typeorm';

/** Fills the hospitals module's VisaRecordFigures door from the visa tables. */
@Injectable()
export class VisaRecordFiguresReader implements VisaRecordFigures {
  constructor(private readonly db: DataSource) {}

  async between(hospitalId: string, from: Date, to: Date): ReturnType<VisaRecordFigures['between']> {
    const [row]: { applications: number; persons: number; refusals: number }[] = await this.db.query(
      `SELECT count(DISTINCT a.id)::int AS applications, count(p.id)::int AS persons,
              count(p.id) FILTER (WHERE p.outcome = 'reject')::int AS refusals
         FROM visa_applications a JOIN visa_persons p ON p.application_id = a.id
        WHERE a.sponsor_hospital_id = $1 AND a.submitted_at >= $2 AND a.submitted_at <= $3`,
      [hospitalId, from, to],
    );
    return { applications: row.applications, persons: row.persons, refusals: row.refusals };
  }
}

/** Global, because the hospitals module (which cannot import this one) resolves the door. */
@Global()
@Module({
  providers: [VisaRecordFiguresReader, { provide: VISA_RECORD_FIGURES, useExisting: VisaRecordFiguresReader }],
  exports: [VISA_RECORD_FIGURES],
})
export class VisaRecordFiguresModule {}
