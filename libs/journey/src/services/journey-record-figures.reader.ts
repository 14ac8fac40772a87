import { Global, Injectable, Module } from '@nestjs/common';
import { JOURNEY_RECORD_FIGURES, type JourneyRecordFigures } from '@medjourney/hospitals';
import { DataSource } from 'typeorm';

/** Fills the hospitals module's JourneyRecordFigures door from the journey's tables. */
@Injectable()
export class JourneyRecordFiguresReader implements JourneyRecordFigures {
  constructor(private readonly db: DataSource) {}

  async between(hospitalId: string, from: Date, to: Date): Promise<{ overstays: number; entryRefusals: number }> {
    const [row]: { overstays: number; entry_refusals: number }[] = await this.db.query(
      `SELECT (SELECT count(*) FROM journey_overstays WHERE sponsor_hospital_id = $1 AND detected_at >= $2 AND detected_at <= $3)::int AS overstays,
              (SELECT count(*) FROM journey_border_persons p JOIN journey_events e ON e.id = p.event_id
                WHERE p.sponsor_hospital_id = $1 AND e.type = 'entry_refused' AND e.at >= $2 AND e.at <= $3)::int AS entry_refusals`,
      [hospitalId, from, to],
    );
    return { overstays: row.overstays, entryRefusals: row.entry_refusals };
  }
}

/** Global, because the hospitals module (which cannot import this one) resolves the door. */
@Global()
@Module({
  providers: [JourneyRecordFiguresReader, { provide: JOURNEY_RECORD_FIGURES, useExisting: JourneyRecordFiguresReader }],
  exports: [JOURNEY_RECORD_FIGURES],
})
export class JourneyRecordFiguresModule {}
