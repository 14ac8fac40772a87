import type { LanguageLevel } from './vocabulary.js';

/**
 * The matching score, 0-100, as six parts (docs/matching.md explains them). Each part's
 * maximum is its weight; the SQL of the matcher computes the same parts from these numbers.
 */
export const SCORE = {
  /** Native 25, fluent 20, professional 15. */
  language: { native: 25, fluent: 20, professional: 15 } satisfies Record<LanguageLevel, number>,
  /** A certification of the provider's kind valid on the window's last day. */
  certification: 15,
  /** The requested specialty among the interpreter's (full marks when none is asked for). */
  specialty: 15,
  /** Affiliated with the requested hospital: 15; serving the requested region: 10 (full marks when neither is asked for). */
  affiliation: 15,
  region: 10,
  /** The average rating out of 5, scaled; a provider not yet rated counts as 3 of 5. */
  rating: 15,
  unratedAs: 3,
  /** Fewer hours booked in the window's week (the provider's zone) ranks higher: 15 × (1 − booked ÷ weekly maximum). */
  fairness: 15,
} as const;

export type ScorePart = 'language' | 'certification' | 'specialty' | 'proximity' | 'rating' | 'fairness';
