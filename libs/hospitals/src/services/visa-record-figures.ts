import { Injectable } from '@nestjs/common';
import type { DesignationFigures } from '../domain/designation-scoring.js';

/**
 * A hospital's figures for a period, from MedJourney's own visa records. The visa module
 * (issue 4) provides the real source by overriding this provider; until visa records exist
 * the system has none, so every count is zero and applications rest on declared figures.
 */
@Injectable()
export class VisaRecordFigures {
  async between(_hospitalId: string, _from: Date, _to: Date): Promise<DesignationFigures> {
    return { applications: 0, persons: 0, refusals: 0, overstays: 0, entryRefusals: 0 };
  }
}
