import type { DesignationStatus } from './vocabulary.js';

/** One step of the sanction ladder: what the new level does to the designation. */
export type SanctionStep =
  | { level: 1; kind: 'warning' }
  | { level: 2; kind: 'suspension'; months: 1 }
  | { level: 3; kind: 'suspension'; months: 3 }
  | { level: 4; kind: 'cancellation' };

/**
 * Each overstay by a sponsored person raises the level by one (spec/hospitals.md):
 * 1 warning, 2 one month's suspension, 3 three months', 4 cancellation. Pure.
 */
export function nextSanction(currentLevel: number): SanctionStep | null {
  switch (currentLevel) {
    case 0: return { level: 1, kind: 'warning' };
    case 1: return { level: 2, kind: 'suspension', months: 1 };
    case 2: return { level: 3, kind: 'suspension', months: 3 };
    case 3: return { level: 4, kind: 'cancellation' };
    default: return null;
  }
}

/** Statuses a sanction can still apply to. */
export const SANCTIONABLE: readonly DesignationStatus[] = ['active', 'suspended'];
