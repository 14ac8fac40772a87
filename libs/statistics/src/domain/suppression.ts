import { addInto, emptyAggregate, type Aggregate } from './figures.js';

/** Fewer patients than this identify people (spec/statistics.md). */
export const SMALL_CELL = 5;

const small = (a: Aggregate) => a.counts.patients_arrived < SMALL_CELL && a.patientsApplied < SMALL_CELL;
/** `other` must itself count at least SMALL_CELL patients, arrived or applied. */
const bigEnough = (a: Aggregate) => a.counts.patients_arrived >= SMALL_CELL || a.patientsApplied >= SMALL_CELL;
const size = (a: Aggregate) => Math.max(a.counts.patients_arrived, a.patientsApplied);

/**
 * Rows whose patientsArrived and patientsApplied are both under 5 are summed into one row keyed
 * `other`; while `other` counts fewer than 5 patients (arrived or applied) the smallest listed
 * rows join it, until it is big enough or holds every row. With no small row there is no
 * `other`. Since the totals are exact, `other` is what a reader could compute by subtraction,
 * and it is never a group of fewer than 5. Pure.
 */
export function suppressSmallCells(rows: readonly { key: string; agg: Aggregate }[]): { key: string; agg: Aggregate }[] {
  const listed = rows.filter((r) => !small(r.agg));
  const hidden = rows.filter((r) => small(r.agg));
  if (hidden.length === 0) return [...rows];
  // Smallest first, ties by key so the answer is stable.
  listed.sort((a, b) => size(a.agg) - size(b.agg) || a.key.localeCompare(b.key));
  const other = hidden.reduce((acc, r) => addInto(acc, r.agg), emptyAggregate());
  while (!bigEnough(other) && listed.length > 0) addInto(other, listed.shift()!.agg);
  listed.sort((a, b) => a.key.localeCompare(b.key));
  return [...listed, { key: 'other', agg: other }];
}
