import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { emptyAggregate, type Aggregate } from './figures.js';
import { suppressSmallCells } from './suppression.js';

const agg = (arrived: number, applied: number): Aggregate => {
  const a = emptyAggregate();
  a.counts.patients_arrived = arrived;
  a.patientsApplied = applied;
  a.counts.applications_submitted = applied;
  return a;
};
const keys = (rows: { key: string }[]) => rows.map((r) => r.key);

describe('small cells', () => {
  it('rows under 5 on both counts are summed into "other"; a row with 5 of either is listed', () => {
    const out = suppressSmallCells([
      { key: 'JPN', agg: agg(40, 50) },
      { key: 'KAZ', agg: agg(0, 5) },
      { key: 'MNG', agg: agg(3, 4) },
      { key: 'UZB', agg: agg(2, 1) },
      { key: 'VNM', agg: agg(1, 0) },
    ]);
    expect(keys(out)).toEqual(['JPN', 'KAZ', 'other']);
    expect(out[2].agg.counts.patients_arrived).toBe(6);
    expect(out[2].agg.patientsApplied).toBe(5);
  });

  it('an "other" under 5 takes the smallest listed rows until it reaches 5', () => {
    const out = suppressSmallCells([{ key: 'JPN', agg: agg(40, 50) }, { key: 'KAZ', agg: agg(6, 5) }, { key: 'MNG', agg: agg(1, 1) }]);
    expect(keys(out)).toEqual(['JPN', 'other']);
    expect(out[1].agg.counts.patients_arrived).toBe(7);
  });

  it('with too few patients everything is "other"; with no small row there is no "other"', () => {
    expect(keys(suppressSmallCells([{ key: 'KAZ', agg: agg(1, 2) }, { key: 'UZB', agg: agg(1, 1) }]))).toEqual(['other']);
    expect(keys(suppressSmallCells([{ key: 'KAZ', agg: agg(5, 0) }, { key: 'UZB', agg: agg(0, 9) }]))).toEqual(['KAZ', 'UZB']);
  });

  it('no listed row and no subtraction from the totals reveals fewer than 5 patients', () => {
    const cell = fc.record({ arrived: fc.nat(12), applied: fc.nat(12) });
    fc.assert(
      fc.property(fc.array(cell, { maxLength: 15 }), (cells) => {
        const rows = cells.map((c, i) => ({ key: `K${String(i).padStart(2, '0')}`, agg: agg(c.arrived, c.applied) }));
        const out = suppressSmallCells(rows);
        const big = (a: Aggregate) => a.counts.patients_arrived >= 5 || a.patientsApplied >= 5;
        const totalArrived = cells.reduce((s, c) => s + c.arrived, 0);
        // Every listed row is big enough; "other" (= totals minus the listed rows) is too, unless it holds every row.
        for (const r of out) if (r.key !== 'other') expect(big(r.agg)).toBe(true);
        const other = out.find((r) => r.key === 'other');
        if (other && out.length > 1) expect(big(other.agg)).toBe(true);
        // Nothing is lost: the rows add up to the totals.
        expect(out.reduce((s, r) => s + r.agg.counts.patients_arrived, 0)).toBe(totalArrived);
      }),
    );
  });
});
