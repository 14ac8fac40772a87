import { describe, expect, it } from '@jest/globals';
import { emptyAggregate, percentile, rowOf } from './figures.js';
import { toCsv } from './csv.js';

describe('figures of a row', () => {
  it('medians and p90s are the nearest-rank bucket of the histogram', () => {
    const h = new Map([[2, 1], [5, 2], [9, 1], [40, 1]]);
    expect(percentile(h, 0.5)).toBe(5);
    expect(percentile(h, 0.9)).toBe(40);
    expect(percentile(new Map(), 0.5)).toBeNull();
  });

  it('ratios are null without a denominator; share is over the totals\' arrivals', () => {
    const a = emptyAggregate();
    expect(rowOf('KAZ', a, 0)).toMatchObject({ share: null, companionsPerPatient: null, eVisaDecidedWithinTarget: null, medianStayDays: null });
    a.counts.patients_arrived = 3;
    a.counts.applications_submitted = 4;
    a.counts.persons_submitted = 6;
    a.counts.evisa_decided = 4;
    a.counts.evisa_within_target = 3;
    expect(rowOf('KAZ', a, 12)).toMatchObject({ patientsArrived: 3, share: 0.25, companionsPerPatient: 0.5, eVisaDecidedWithinTarget: 0.75 });
  });

  it('CSV: a header of the field names, then one line per row, nested hours flattened', () => {
    const a = emptyAggregate();
    a.counts.patients_arrived = 7;
    a.decisionHours.set(20, 1);
    const csv = toCsv([rowOf('KAZ', a, 7), rowOf('other, small', emptyAggregate(), 7)], rowOf('', emptyAggregate(), 0)).split('\r\n');
    expect(csv[0]).toBe(
      'key,patientsArrived,patientsApplied,share,applicationsSubmitted,applicationsGranted,applicationsRefused,personsGranted,personsRefused,companionsPerPatient,eVisaDecidedWithinTarget,businessHoursToDecisionMedian,businessHoursToDecisionP90,breaches,medianStayDays,overstays,entryRefusals,careRequests,careFilled,followUpWithin90Days',
    );
    expect(csv[1]).toBe('KAZ,7,0,1,0,0,0,0,0,,,20,20,0,,0,0,0,0,0');
    expect(csv[2].startsWith('"other, small",0,0,0,')).toBe(true);
    expect(csv[3]).toBe('');
  });
});
