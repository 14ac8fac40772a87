import type { DesignationFigures } from '../domain/designation-scoring.js';

/**
 * A hospital's figures for a period from MedJourney's own visa records: applications it
 * submitted, their persons, the persons refused. A door that the visa module fills, because
 * the visa module depends on this one and owns those tables.
 */
export interface VisaRecordFigures {
  between(hospitalId: string, from: Date, to: Date): Promise<Pick<DesignationFigures, 'applications' | 'persons' | 'refusals'>>;
}

export const VISA_RECORD_FIGURES = Symbol('VisaRecordFigures');

/**
 * The persons a hospital sponsored who overstayed (detected in the period) and who were
 * refused entry at the border (in the period): a door that the journey module fills.
 */
export interface JourneyRecordFigures {
  between(hospitalId: string, from: Date, to: Date): Promise<Pick<DesignationFigures, 'overstays' | 'entryRefusals'>>;
}

export const JOURNEY_RECORD_FIGURES = Symbol('JourneyRecordFigures');
