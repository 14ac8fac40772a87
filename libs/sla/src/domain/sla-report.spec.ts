import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { processingHistogram, weeklyOnTime, windowProblem } from './sla-report.js';

const d = (iso: string) => new Date(iso);

describe('weeklyOnTime', () => {
  it('splits the window into Korean weeks (Monday 00:00 KST) and counts each week\'s decisions and those on time', () => {
    // Monday 23 Nov 2026 00:00 KST is Sunday 22 Nov 15:00 UTC.
    const decided = [
      { decidedAt: d('2026-11-22T14:59:59Z'), countedSeconds: 1, met: true }, // Sunday 23:59:59 KST: the week of 16 Nov
      { decidedAt: d('2026-11-22T15:00:00Z'), countedSeconds: 1, met: true }, // Monday 00:00 KST: the week of 23 Nov
      { decidedAt: d('2026-11-25T03:00:00Z'), countedSeconds: 1, met: false },
      { decidedAt: d('2026-11-26T03:00:00Z'), countedSeconds: 1, met: true },
      { decidedAt: d('2026-12-10T00:00:00Z'), countedSeconds: 1, met: true }, // after the window
    ];
    expect(weeklyOnTime(decided, d('2026-11-18T00:00:00Z'), d('2026-12-07T00:00:00Z'))).toEqual([
      { week: '2026-11-16', from: '2026-11-18T00:00:00.000Z', to: '2026-11-22T15:00:00.000Z', decided: 1, onTime: 1, onTimeShare: 1 },
      { week: '2026-11-23', from: '2026-11-22T15:00:00.000Z', to: '2026-11-29T15:00:00.000Z', decided: 3, onTime: 2, onTimeShare: 0.6667 },
      { week: '2026-11-30', from: '2026-11-29T15:00:00.000Z', to: '2026-12-06T15:00:00.000Z', decided: 0, onTime: 0, onTimeShare: null },
      { week: '2026-12-07', from: '2026-12-06T15:00:00.000Z', to: '2026-12-07T00:00:00.000Z', decided: 0, onTime: 0, onTimeShare: null },
    ]);
  });

  it('covers the window exactly with its weeks, and counts every decision inside it once', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2027, 0, 1) }),
        fc.integer({ min: 1, max: 120 * 86_400_000 }),
        fc.array(fc.integer({ min: Date.UTC(2025, 11, 1), max: Date.UTC(2027, 6, 1) }), { maxLength: 40 }),
        (from, span, instants) => {
          const weeks = weeklyOnTime(instants.map((ms) => ({ decidedAt: new Date(ms), countedSeconds: 0, met: ms % 2 === 0 })), new Date(from), new Date(from + span));
          expect(weeks[0].from).toBe(new Date(from).toISOString());
          expect(weeks.at(-1)!.to).toBe(new Date(from + span).toISOString());
          for (let i = 1; i < weeks.length; i++) expect(weeks[i].from).toBe(weeks[i - 1].to);
          const inside = instants.filter((ms) => ms >= from && ms < from + span);
          expect(weeks.reduce((n, w) => n + w.decided, 0)).toBe(inside.length);
          expect(weeks.reduce((n, w) => n + w.onTime, 0)).toBe(inside.filter((ms) => ms % 2 === 0).length);
        },
      ),
    );
  });
});

describe('processingHistogram', () => {
  it('puts counted hours into six equal parts of the target and one bucket for what reached it', () => {
    const h = 3600;
    expect(processingHistogram([0, 2 * h, 11.99 * h, 12 * h, 71 * h, 72 * h, 96 * h], 'P3D')).toEqual([
      { fromHours: 0, toHours: 12, count: 3 },
      { fromHours: 12, toHours: 24, count: 1 },
      { fromHours: 24, toHours: 36, count: 0 },
      { fromHours: 36, toHours: 48, count: 0 },
      { fromHours: 48, toHours: 60, count: 0 },
      { fromHours: 60, toHours: 72, count: 1 },
      { fromHours: 72, toHours: null, count: 2 },
    ]);
  });

  it('scales to the certificate target and to targets of seconds, and loses no value', () => {
    expect(processingHistogram([], 'P10D').map((b) => b.toHours)).toEqual([40, 80, 120, 160, 200, 240, null]);
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 100, noNaN: true }), { maxLength: 50 }), (values) => {
        const buckets = processingHistogram(values, 'PT20S');
        expect(buckets.reduce((n, b) => n + b.count, 0)).toBe(values.length);
        expect(buckets.at(-1)!.count).toBe(values.filter((v) => v >= 20).length);
      }),
    );
  });
});

describe('windowProblem', () => {
  it('accepts a forward window of at most 366 days and names what is wrong otherwise', () => {
    expect(windowProblem(d('2026-01-01T00:00:00Z'), d('2027-01-02T00:00:00Z'))).toBeNull();
    expect(windowProblem(d('2026-01-01T00:00:00Z'), d('2027-01-02T00:00:01Z'))).toMatch(/366 days/);
    expect(windowProblem(d('2026-01-01T00:00:00Z'), d('2026-01-01T00:00:00Z'))).toMatch(/later than/);
  });
});
