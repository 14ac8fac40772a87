import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { emptyAggregate, METRICS, type Aggregate, type Metric } from '../domain/figures.js';

/**
 * The figures' reads: a handful of grouped statements over the rollups of the months asked, so
 * their cost follows the months and keys, never the applications stored.
 */
@Injectable()
export class FiguresRepository {
  /**
   * Per key of a dimension (or per month, `byMonth`), the aggregates over the months [from, to].
   * For 'month' the dimension read is 'all' and each month is its own period.
   */
  async aggregates(m: EntityManager, dimension: string, from: string, to: string, opts: { byMonth?: boolean; key?: string; keyPrefix?: string } = {}): Promise<Map<string, Aggregate>> {
    const byMonth = opts.byMonth ?? false;
    const keyExpr = byMonth ? `to_char(month, 'YYYY-MM')` : 'key';
    // One key, or the keys that start with a prefix (a hospital's nationalities), or every key.
    const keyFilter = opts.key !== undefined ? 'AND key = $5' : opts.keyPrefix !== undefined ? 'AND starts_with(key, $5)' : 'AND $5::text IS NULL';
    const keyParam = opts.key ?? opts.keyPrefix ?? null;
    const out = new Map<string, Aggregate>();
    const of = (key: string) => out.get(key) ?? out.set(key, emptyAggregate()).get(key)!;
    const counts: { key: string; metric: Metric; value: string }[] = await m.query(
      `SELECT ${keyExpr} AS key, metric, sum(value)::text AS value FROM statistics_monthly
        WHERE dimension = $1 AND month BETWEEN $2::date AND $3::date AND metric = ANY($4) ${keyFilter} GROUP BY 1, 2`,
      [dimension, from, to, METRICS, keyParam],
    );
    for (const c of counts) of(c.key).counts[c.metric] = Number(c.value);
    // Each patient once per period: the month of their first application in it is the one whose
    // previous month lies before the period (for a single month, before that month).
    const applied: { key: string; n: string }[] = await m.query(
      `SELECT ${keyExpr} AS key, sum(count)::text AS n FROM statistics_applied_chains
        WHERE dimension = $1 AND month BETWEEN $2::date AND $3::date AND previous < ${byMonth ? 'month' : '$2::date'} ${keyFilter.replace('$5', '$4')} GROUP BY 1`,
      [dimension, from, to, keyParam],
    );
    for (const a of applied) of(a.key).patientsApplied = Number(a.n);
    // One row per key and month, whatever the number of values counted; its buckets summed here.
    const buckets: { key: string; metric: 'decision_hours' | 'stay_days'; bucket: number; n: string }[] = await m.query(
      `SELECT ${keyExpr} AS key, metric, (b.i - 1)::int AS bucket, sum(b.n)::text AS n
         FROM statistics_histograms CROSS JOIN LATERAL unnest(counts) WITH ORDINALITY AS b(n, i)
        WHERE dimension = $1 AND month BETWEEN $2::date AND $3::date AND b.n > 0 ${keyFilter.replace('$5', '$4')} GROUP BY 1, 2, 3`,
      [dimension, from, to, keyParam],
    );
    for (const b of buckets) (b.metric === 'decision_hours' ? of(b.key).decisionHours : of(b.key).stayDays).set(b.bucket, Number(b.n));
    return out;
  }

  /** Patients whose first arrival fell in [from, to] (the target line). */
  async patientsArrived(m: EntityManager, from: string, to: string): Promise<number> {
    const [row] = await m.query(
      `SELECT coalesce(sum(value), 0)::text AS n FROM statistics_monthly WHERE dimension = 'all' AND key = 'all' AND metric = 'patients_arrived' AND month BETWEEN $1::date AND $2::date`,
      [from, to],
    );
    return Number(row.n);
  }

  /** Patients who applied in [from, to] (the languages' demand is counted among them). */
  async applicants(m: EntityManager, from: string, to: string): Promise<string[]> {
    const rows: { patient_id: string }[] = await m.query(
      `SELECT DISTINCT patient_id FROM statistics_patient_months WHERE dimension = 'all' AND key = 'all' AND month BETWEEN $1::date AND $2::date`,
      [from, to],
    );
    return rows.map((r) => r.patient_id);
  }
}
