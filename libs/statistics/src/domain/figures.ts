/** The additive counts kept per dimension, key, month (statistics_monthly.metric). */
export const METRICS = [
  'patients_arrived',
  'applications_submitted',
  'persons_submitted',
  'applications_granted',
  'applications_refused',
  'persons_granted',
  'persons_refused',
  'evisa_decided',
  'evisa_within_target',
  'breaches',
  'overstays',
  'entry_refusals',
  'care_requests',
  'care_filled',
  'interpreter_requests',
  'interpreter_filled',
  'follow_ups',
] as const;
export type Metric = (typeof METRICS)[number];
export type Counts = Record<Metric, number>;

export type Histogram = Map<number, number>;

/** What one row (or the totals) holds before it is shown: counts, distinct applicants, histograms. */
export interface Aggregate {
  counts: Counts;
  patientsApplied: number;
  decisionHours: Histogram;
  stayDays: Histogram;
}

/** One row of the programme figures as the API answers it (spec/statistics.md). */
export interface FigureRow {
  key: string;
  patientsArrived: number;
  patientsApplied: number;
  share: number | null;
  applicationsSubmitted: number;
  applicationsGranted: number;
  applicationsRefused: number;
  personsGranted: number;
  personsRefused: number;
  companionsPerPatient: number | null;
  eVisaDecidedWithinTarget: number | null;
  businessHoursToDecision: { median: number | null; p90: number | null };
  breaches: number;
  medianStayDays: number | null;
  overstays: number;
  entryRefusals: number;
  careRequests: number;
  careFilled: number;
  followUpWithin90Days: number;
}

export const emptyAggregate = (): Aggregate => ({
  counts: Object.fromEntries(METRICS.map((m) => [m, 0])) as Counts,
  patientsApplied: 0,
  decisionHours: new Map(),
  stayDays: new Map(),
});

/** Adds b into a (histograms bucket by bucket). Pure on its result; mutates `into`. */
export function addInto(into: Aggregate, b: Aggregate): Aggregate {
  for (const m of METRICS) into.counts[m] += b.counts[m];
  into.patientsApplied += b.patientsApplied;
  for (const [k, v] of b.decisionHours) into.decisionHours.set(k, (into.decisionHours.get(k) ?? 0) + v);
  for (const [k, v] of b.stayDays) into.stayDays.set(k, (into.stayDays.get(k) ?? 0) + v);
  return into;
}

/**
 * Nearest-rank percentile of a histogram of whole buckets (hours or days, rounded down): the
 * bucket holding the p-th value; null when empty. Pure.
 */
export function percentile(h: Histogram, p: number): number | null {
  const total = [...h.values()].reduce((a, b) => a + b, 0);
  if (total === 0) return null;
  const rank = Math.max(1, Math.ceil(p * total));
  let seen = 0;
  for (const bucket of [...h.keys()].sort((a, b) => a - b)) {
    seen += h.get(bucket)!;
    if (seen >= rank) return bucket;
  }
  return null;
}

const ratio = (a: number, b: number): number | null => (b === 0 ? null : Math.round((a / b) * 10000) / 10000);

/** A row's figures from its aggregate; `share` against the totals' arrivals. Pure. */
export function rowOf(key: string, a: Aggregate, totalArrived: number): FigureRow {
  const c = a.counts;
  return {
    key,
    patientsArrived: c.patients_arrived,
    patientsApplied: a.patientsApplied,
    share: ratio(c.patients_arrived, totalArrived),
    applicationsSubmitted: c.applications_submitted,
    applicationsGranted: c.applications_granted,
    applicationsRefused: c.applications_refused,
    personsGranted: c.persons_granted,
    personsRefused: c.persons_refused,
    companionsPerPatient: ratio(c.persons_submitted - c.applications_submitted, c.applications_submitted),
    eVisaDecidedWithinTarget: ratio(c.evisa_within_target, c.evisa_decided),
    businessHoursToDecision: { median: percentile(a.decisionHours, 0.5), p90: percentile(a.decisionHours, 0.9) },
    breaches: c.breaches,
    medianStayDays: percentile(a.stayDays, 0.5),
    overstays: c.overstays,
    entryRefusals: c.entry_refusals,
    careRequests: c.care_requests,
    careFilled: c.care_filled,
    followUpWithin90Days: c.follow_ups,
  };
}
