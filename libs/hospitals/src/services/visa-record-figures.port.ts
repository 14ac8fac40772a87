import type { DesignationFigures } from '../domain/designation-scoring.js';

/**
 * A hospital's figures for a period from MedJourney's own visa records: applications it
 * submitted, their persons, the persons refused. A door that the visa module fills, because
 * the visa module depends on this one and owns those tables. Overstays and entry refusals
 * come from the journey module, which does not exist yet: until then they count 0.
 */
export interface VisaRecordFigures {
  between(hospitalId: string, from: Date, to: Date): Promise<DesignationFigures>;
}

export const VISA_RECORD_FIGURES = Symbol('VisaRecordFigures');
