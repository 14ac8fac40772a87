import { DateTime } from 'luxon';
import type { DomainEventPayloads } from '@medjourney/platform';
import { ZONE } from '../domain/months.js';

/** Nationalities of the demo history, their weight, and the language their patients ask interpreters for. */
const NATIONALITIES: [code: string, weight: number, language: string][] = [
  ['CHN', 22, 'zh'], ['JPN', 14, 'ja'], ['USA', 12, 'en'], ['VNM', 9, 'vi'], ['MNG', 8, 'mn'], ['RUS', 8, 'ru'],
  ['KAZ', 6, 'kk'], ['THA', 5, 'th'], ['UZB', 4, 'uz'], ['PHL', 4, 'en'], ['ARE', 3, 'ar'], ['TWN', 3, 'zh'], ['SGP', 2, 'en'],
];

/** A small deterministic generator, so every demo database holds the same history. */
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type HistoryMonth = DomainEventPayloads['statistics.history-imported'];

/**
 * Two years of programme figures for the demo (the 24 Korean months before the current one), as
 * one `statistics.history-imported` event per month: about 2,400 patients over 13 nationalities,
 * the demo hospitals, their specialties and regions, each patient applying once. The events are
 * applied by the figures' subscriber like any other and replayed by `npm run
 * statistics:rebuild`, so a rebuild keeps this history. Pure and deterministic.
 */
export function demoHistory(now: Date, hospitals: readonly { id: string; region: string; specialties: readonly string[] }[]): { months: HistoryMonth[]; patients: number } {
  const random = mulberry32(20_260_101);
  const current = DateTime.fromJSDate(now, { zone: ZONE }).startOf('month');
  const totalWeight = NATIONALITIES.reduce((s, n) => s + n[1], 0);
  const months: HistoryMonth[] = [];
  let patients = 0;
  for (let back = 24; back >= 1; back--) {
    const month = current.minus({ months: back });
    const monthly = new Map<string, number>();
    const histograms = new Map<string, number>();
    const applied = new Map<string, number>();
    const add = (map: Map<string, number>, key: string, by = 1) => map.set(key, (map.get(key) ?? 0) + by);
    // Growth towards the target and a spring and autumn high season.
    const volume = Math.round(80 * (1 + (24 - back) * 0.03) * (1 + 0.25 * Math.sin(((month.month - 2) / 12) * 2 * Math.PI)));
    for (let i = 0; i < volume; i++) {
      let pick = random() * totalWeight;
      const [nationality, , language] = NATIONALITIES.find((n) => (pick -= n[1]) < 0) ?? NATIONALITIES[0];
      const hospital = hospitals[Math.floor(random() * hospitals.length)];
      const specialty = hospital.specialties[Math.floor(random() * hospital.specialties.length)];
      const keys: [string, string][] = [
        ['all', 'all'], ['nationality', nationality], ['specialty', specialty], ['hospital', hospital.id], ['region', hospital.region], ['hospital_nationality', `${hospital.id}|${nationality}`],
      ];
      const count = (metric: string, by = 1) => { if (by !== 0) for (const [d, k] of keys) add(monthly, `${d}\t${k}\t${metric}`, by); };
      const bucket = (metric: string, value: number) => { for (const [d, k] of keys) add(histograms, `${d}\t${k}\t${metric}\t${value}`); };
      patients++;
      const companions = random() < 0.35 ? 1 : 0;
      count('applications_submitted');
      count('persons_submitted', 1 + companions);
      for (const [d, k] of keys) add(applied, `${d}\t${k}`);
      const granted = random() < 0.95;
      count(granted ? 'applications_granted' : 'applications_refused');
      count('persons_granted', granted ? 1 + companions : 0);
      count('persons_refused', granted ? 0 : 1 + companions);
      const hours = Math.floor(6 + random() * random() * 80);
      count('evisa_decided');
      count('evisa_within_target', hours < 72 ? 1 : 0);
      if (hours >= 72) count('breaches');
      bucket('decision_hours', hours);
      if (granted && random() < 0.005) count('entry_refusals');
      if (!granted || random() > 0.88) continue;
      count('patients_arrived');
      bucket('stay_days', Math.floor(3 + random() * random() * 40));
      if (random() < 0.01) count('overstays');
      if (random() < 0.3) {
        count('care_requests');
        const filled = random() < 0.85;
        if (filled) count('care_filled');
        add(monthly, `language\t${language}\tinterpreter_requests`);
        if (filled) add(monthly, `language\t${language}\tinterpreter_filled`);
      }
      if (random() < 0.4) count('follow_ups');
    }
    const rows = (map: Map<string, number>) => [...map].map(([key, n]) => [...key.split('\t'), n] as const);
    months.push({
      month: month.toFormat('yyyy-MM'),
      source: 'demo',
      counts: rows(monthly).map(([d, k, x, n]) => [d, k, x, n] as [string, string, string, number]),
      buckets: rows(histograms).map(([d, k, x, b, n]) => [d, k, x, Number(b), n] as [string, string, string, number, number]),
      // Each demo patient applies once: the first month of every one of them.
      applied: rows(applied).map(([d, k, n]) => [d, k, null, n] as [string, string, string | null, number]),
    });
  }
  return { months, patients };
}
