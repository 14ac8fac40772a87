import { Injectable } from '@nestjs/common';
import type { DomainEventPayloads } from '@medjourney/platform';
import type { EntityManager } from 'typeorm';
import type { Metric } from '../domain/figures.js';

/** A dimension and the key a fact counts under ('all'/'all': the whole programme). */
export type DimensionKey = readonly [dimension: string, key: string];

/** A patient's application month under the keys it counts in. */
interface AppliedMonth {
  keys: readonly DimensionKey[];
  patientId: string;
  month: string;
}

/** No previous application month. */
const NONE = '0001-01-01';
/** Joins a cell's coordinates into a map key (no dimension, key, month or metric contains it). */
const SEP = '\u0000';

/**
 * The increments to the rollups' additive rows (monthly counts, applied chains, histogram
 * buckets) that the events of one transaction make, summed per row in memory and written by
 * `RollupsRepository.write` at the end: a batch of events updates each row once, and the rows
 * every event shares are locked only for the last statements of the transaction. The patients'
 * application months, which move the chains, are collected too and written just before.
 */
export class RollupChanges {
  readonly monthly = new Map<string, number>();
  readonly chains = new Map<string, number>();
  readonly buckets = new Map<string, number>();
  readonly appliedMonths: AppliedMonth[] = [];

  /** Adds `by` to a metric of a month under every key given. */
  add(keys: readonly DimensionKey[], month: string, metric: Metric, by: number): void {
    if (by === 0) return;
    for (const [d, k] of keys) bump(this.monthly, [d, k, month, metric].join(SEP), by);
  }

  /** Counts one value into a histogram bucket under every key given. */
  addToHistogram(keys: readonly DimensionKey[], month: string, metric: 'decision_hours' | 'stay_days', bucket: number): void {
    for (const [d, k] of keys) bump(this.buckets, [d, k, month, metric, bucket].join(SEP), 1);
  }

  /** A patient applied in `month` under these keys: their months and chains, written by `RollupsRepository.addAppliedMonths`. */
  applyMonth(keys: readonly DimensionKey[], patientId: string, month: string): void {
    this.appliedMonths.push({ keys, patientId, month });
  }

  /** Patients who applied in `month` with `previous` as their previous month (a move: ±1). */
  addChain(dimension: string, key: string, month: string, previous: string, by: number): void {
    bump(this.chains, [dimension, key, month, previous].join(SEP), by);
  }
}

function bump(cells: Map<string, number>, cell: string, by: number): void {
  cells.set(cell, (cells.get(cell) ?? 0) + by);
}

/** The statistics module's writes: every statement that changes the rollups is here. */
@Injectable()
export class RollupsRepository {
  /**
   * Marks events applied, in id order (two batches sharing events wait rather than deadlock);
   * returns those not applied before (a repeated delivery, a replay, is left out).
   */
  async markProcessed(m: EntityManager, eventIds: readonly string[], at: Date): Promise<Set<string>> {
    if (eventIds.length === 0) return new Set();
    const rows: { event_id: string }[] = await m.query(
      'INSERT INTO statistics_processed_events (event_id, processed_at) SELECT id, $2 FROM unnest($1::uuid[]) AS u(id) ORDER BY id ON CONFLICT DO NOTHING RETURNING event_id',
      [[...new Set(eventIds)], at],
    );
    return new Set(rows.map((r) => r.event_id));
  }

  /**
   * Writes a transaction's summed increments (`RollupChanges`): at most three statements, each
   * taking its rows in key order. The rows under 'all'/'all' are shared by every event of a
   * month, so whoever updates one holds it until commit; written last, they are held for these
   * statements and the commit, not for the whole of the subscriber's work.
   */
  async write(m: EntityManager, changes: RollupChanges): Promise<void> {
    const monthly = [...changes.monthly].map(([cell, by]) => [...cell.split(SEP), by] as const);
    if (monthly.length) {
      await m.query(
        `INSERT INTO statistics_monthly (dimension, key, month, metric, value)
         SELECT d, k, mo, x, sum(v) FROM unnest($1::text[], $2::text[], $3::date[], $4::text[], $5::bigint[]) AS u(d, k, mo, x, v) GROUP BY d, mo, k, x ORDER BY d, mo, k, x
         ON CONFLICT (dimension, month, key, metric) DO UPDATE SET value = statistics_monthly.value + EXCLUDED.value`,
        [0, 1, 2, 3, 4].map((i) => monthly.map((r) => r[i])),
      );
    }
    const chains = [...changes.chains].map(([cell, by]) => [...cell.split(SEP), by] as const);
    if (chains.length) {
      await m.query(
        `INSERT INTO statistics_applied_chains (dimension, key, month, previous, count)
         SELECT d, k, mo, pr, sum(c) FROM unnest($1::text[], $2::text[], $3::date[], $4::date[], $5::bigint[]) AS u(d, k, mo, pr, c) GROUP BY d, mo, k, pr ORDER BY d, mo, k, pr
         ON CONFLICT (dimension, month, key, previous) DO UPDATE SET count = statistics_applied_chains.count + EXCLUDED.count`,
        [0, 1, 2, 3, 4].map((i) => chains.map((r) => r[i])),
      );
    }
    const buckets = [...changes.buckets].map(([cell, n]) => [...cell.split(SEP), n] as const);
    if (buckets.length) {
      // Each (key, month, metric) becomes one array, zeros up to its highest bucket, merged into the stored one.
      await m.query(
        `WITH cells AS (SELECT d, k, mo, x, b, sum(n)::int AS n FROM unnest($1::text[], $2::text[], $3::date[], $4::text[], $5::int[], $6::int[]) AS u(d, k, mo, x, b, n) GROUP BY 1, 2, 3, 4, 5),
              sized AS (SELECT d, k, mo, x, max(b) AS top FROM cells GROUP BY 1, 2, 3, 4)
         INSERT INTO statistics_histograms (dimension, key, month, metric, counts)
         SELECT s.d, s.k, s.mo, s.x, array_agg(coalesce(c.n, 0) ORDER BY g.i)
           FROM sized s CROSS JOIN LATERAL generate_series(0, s.top) AS g(i) LEFT JOIN cells c ON (c.d, c.k, c.mo, c.x, c.b) = (s.d, s.k, s.mo, s.x, g.i)
          GROUP BY s.d, s.k, s.mo, s.x ORDER BY s.d, s.mo, s.k, s.x
         ON CONFLICT (dimension, month, key, metric) DO UPDATE SET counts = (
           SELECT array_agg(coalesce(statistics_histograms.counts[i], 0) + coalesce(EXCLUDED.counts[i], 0) ORDER BY i)
             FROM generate_series(1, greatest(cardinality(statistics_histograms.counts), cardinality(EXCLUDED.counts))) AS i)`,
        [0, 1, 2, 3, 4, 5].map((i) => buckets.map((r) => (i === 4 ? Number(r[i]) : r[i]))),
      );
    }
  }

  /**
   * A month of imported history (`statistics.history-imported`): its counts, histogram buckets
   * and distinct applicants added set-wise, as the subscriber's own statements would have left
   * them (the buckets merged into the month's arrays, the applicants into the chains).
   */
  async addImported(m: EntityManager, h: DomainEventPayloads['statistics.history-imported']): Promise<void> {
    const month = `${h.month}-01`;
    const col = (rows: readonly (readonly unknown[])[], i: number) => rows.map((r) => r[i]);
    await m.query(
      `INSERT INTO statistics_monthly (dimension, key, month, metric, value) SELECT d, k, $1::date, x, sum(v) FROM unnest($2::text[], $3::text[], $4::text[], $5::bigint[]) AS u(d, k, x, v) GROUP BY d, k, x
       ON CONFLICT (dimension, month, key, metric) DO UPDATE SET value = statistics_monthly.value + EXCLUDED.value`,
      [month, col(h.counts, 0), col(h.counts, 1), col(h.counts, 2), col(h.counts, 3)],
    );
    await m.query(
      `WITH cells AS (SELECT d, k, x, b, sum(n)::int AS n FROM unnest($2::text[], $3::text[], $4::text[], $5::int[], $6::int[]) AS u(d, k, x, b, n) GROUP BY 1, 2, 3, 4),
            sized AS (SELECT d, k, x, max(b) AS top FROM cells GROUP BY 1, 2, 3)
       INSERT INTO statistics_histograms (dimension, key, month, metric, counts)
       SELECT s.d, s.k, $1::date, s.x, array_agg(coalesce(c.n, 0) ORDER BY g.i)
         FROM sized s CROSS JOIN LATERAL generate_series(0, s.top) AS g(i) LEFT JOIN cells c ON (c.d, c.k, c.x, c.b) = (s.d, s.k, s.x, g.i)
        GROUP BY s.d, s.k, s.x
       ON CONFLICT (dimension, month, key, metric) DO UPDATE SET counts = (
         SELECT array_agg(coalesce(statistics_histograms.counts[i], 0) + coalesce(EXCLUDED.counts[i], 0) ORDER BY i)
           FROM generate_series(1, greatest(cardinality(statistics_histograms.counts), cardinality(EXCLUDED.counts))) AS i)`,
      [month, col(h.buckets, 0), col(h.buckets, 1), col(h.buckets, 2), col(h.buckets, 3), col(h.buckets, 4)],
    );
    await m.query(
      `INSERT INTO statistics_applied_chains (dimension, key, month, previous, count)
       SELECT d, k, $1::date, coalesce(to_date(p, 'YYYY-MM'), '${NONE}'::date), sum(n) FROM unnest($2::text[], $3::text[], $4::text[], $5::bigint[]) AS u(d, k, p, n) GROUP BY 1, 2, 3, 4
       ON CONFLICT (dimension, month, key, previous) DO UPDATE SET count = statistics_applied_chains.count + EXCLUDED.count`,
      [month, col(h.applied, 0), col(h.applied, 1), col(h.applied, 2), col(h.applied, 3)],
    );
  }

  /**
   * Facts about one patient are applied one transaction at a time (their months and first
   * arrival are read, then changed, in later statements). Several patients are locked in one
   * statement, in id order.
   */
  async lockPatients(m: EntityManager, patientIds: readonly string[]): Promise<void> {
    if (patientIds.length === 0) return;
    await m.query(`SELECT pg_advisory_xact_lock(hashtext('statistics.patient:' || id)) FROM (SELECT DISTINCT id FROM unnest($1::text[]) AS u(id) ORDER BY id) AS o`, [patientIds]);
  }

  /**
   * The batch's patients applied in these months under these keys (`RollupChanges.applyMonth`).
   * A month already known changes nothing; a new one takes its place in the patient's chain of
   * months per key: it counts with its predecessor, and its successor now follows it instead of
   * that predecessor (the chains' counts go into `changes`; the months are written now, under the
   * patients' locks). One statement per round: each patient's first month of the batch, then
   * their second, so that a patient's later month sees the earlier one.
   */
  async addAppliedMonths(m: EntityManager, changes: RollupChanges): Promise<void> {
    const rounds: AppliedMonth[][] = [];
    const seen = new Map<string, number>();
    for (const applied of changes.appliedMonths) {
      const round = seen.get(applied.patientId) ?? 0;
      seen.set(applied.patientId, round + 1);
      (rounds[round] ??= []).push(applied);
    }
    for (const round of rounds) await this.addMonthsOfDistinctPatients(m, changes, round);
  }

  private async addMonthsOfDistinctPatients(m: EntityManager, changes: RollupChanges, applied: readonly AppliedMonth[]): Promise<void> {
    const cells = [...new Map(applied.flatMap((a) => a.keys.map(([d, k]) => [[d, k, a.patientId].join(SEP), { d, k, patientId: a.patientId, month: a.month }] as const))).values()];
    if (cells.length === 0) return;
    // Every cell in one statement: the months are inserted, and each cell's neighbours read from the
    // statement's snapshot (which does not see the rows it inserts; a patient appears once here).
    const rows: { dimension: string; key: string; patient: string; inserted: boolean; previous: string | null; next: string | null }[] = await m.query(
      `WITH c AS (SELECT d, k, p, mo FROM unnest($1::text[], $2::text[], $3::uuid[], $4::date[]) AS u(d, k, p, mo)),
            ins AS (
              INSERT INTO statistics_patient_months (dimension, key, patient_id, month) SELECT d, k, p, mo FROM c ON CONFLICT DO NOTHING RETURNING dimension, key, patient_id
            )
       SELECT c.d AS dimension, c.k AS key, c.p::text AS patient,
              EXISTS (SELECT 1 FROM ins WHERE ins.dimension = c.d AND ins.key = c.k AND ins.patient_id = c.p) AS inserted,
              (SELECT max(month)::text FROM statistics_patient_months WHERE dimension = c.d AND key = c.k AND patient_id = c.p AND month < c.mo) AS previous,
              (SELECT min(month)::text FROM statistics_patient_months WHERE dimension = c.d AND key = c.k AND patient_id = c.p AND month > c.mo) AS next
         FROM c`,
      [cells.map((c) => c.d), cells.map((c) => c.k), cells.map((c) => c.patientId), cells.map((c) => c.month)],
    );
    const monthOf = new Map(applied.map((a) => [a.patientId, a.month]));
    for (const row of rows) {
      if (!row.inserted) continue;
      const month = monthOf.get(row.patient)!;
      const previous = row.previous ?? NONE;
      changes.addChain(row.dimension, row.key, month, previous, 1);
      if (row.next) {
        changes.addChain(row.dimension, row.key, row.next, previous, -1);
        changes.addChain(row.dimension, row.key, row.next, month, 1);
      }
    }
  }

  /** The patient's first arrival as known, if any. */
  async firstArrival(m: EntityManager, patientId: string): Promise<{ arrivedAt: Date; keys: DimensionKey[] } | null> {
    const [row] = await m.query('SELECT arrived_at AS "arrivedAt", keys FROM statistics_first_arrivals WHERE patient_id = $1', [patientId]);
    return row ?? null;
  }

  async setFirstArrival(m: EntityManager, patientId: string, arrivedAt: Date, keys: readonly DimensionKey[]): Promise<void> {
    await m.query(
      `INSERT INTO statistics_first_arrivals (patient_id, arrived_at, keys) VALUES ($1, $2, $3::jsonb)
       ON CONFLICT (patient_id) DO UPDATE SET arrived_at = EXCLUDED.arrived_at, keys = EXCLUDED.keys`,
      [patientId, arrivedAt, JSON.stringify(keys)],
    );
  }

  /**
   * Records one end of a stay; returns the stay once both ends are known (and only then). A
   * multiple-entry visa's next arrival starts a new stay: it forgets a departure before it.
   */
  async stayEnd(m: EntityManager, personId: string, visaId: string, end: 'arrived' | 'departed', at: Date, keys: readonly DimensionKey[]): Promise<{ arrivedAt: Date; departedAt: Date; keys: DimensionKey[] } | null> {
    const onConflict =
      end === 'arrived'
        ? `arrived_at = EXCLUDED.arrived_at, departed_at = CASE WHEN statistics_stays.departed_at < EXCLUDED.arrived_at THEN NULL ELSE statistics_stays.departed_at END`
        : `departed_at = EXCLUDED.departed_at`;
    const [row] = await m.query(
      `INSERT INTO statistics_stays (person_id, visa_id, ${end}_at, keys) VALUES ($1, $2, $3, $4::jsonb)
       ON CONFLICT (person_id, visa_id) DO UPDATE SET ${onConflict}
       RETURNING arrived_at AS "arrivedAt", departed_at AS "departedAt", keys`,
      [personId, visaId, at, JSON.stringify(keys)],
    );
    return row.arrivedAt && row.departedAt && row.departedAt >= row.arrivedAt ? row : null;
  }

  /**
   * A patient's departure; returns it unless known. Its follow-up, if a fulfilled appointment
   * already known started within 90 days after it, is marked in the same statement.
   */
  async addDeparture(m: EntityManager, patientId: string, departedAt: Date, keys: readonly DimensionKey[]): Promise<{ followedUp: boolean } | null> {
    const [row] = await m.query(
      `INSERT INTO statistics_patient_departures (patient_id, departed_at, keys, followed_up)
       SELECT $1, $2, $3::jsonb, EXISTS (SELECT 1 FROM statistics_follow_up_visits WHERE patient_id = $1 AND start_at >= $2 AND start_at < $2::timestamptz + interval '90 days')
       ON CONFLICT DO NOTHING RETURNING followed_up AS "followedUp"`,
      [patientId, departedAt, JSON.stringify(keys)],
    );
    return row ?? null;
  }

  /** A fulfilled appointment; returns the departures it follows up that had none yet (now marked). */
  async addFollowUpVisit(m: EntityManager, appointmentId: string, patientId: string, start: Date): Promise<{ departedAt: Date; keys: DimensionKey[] }[]> {
    const made = await m.query(`INSERT INTO statistics_follow_up_visits (appointment_id, patient_id, start_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING 1`, [appointmentId, patientId, start]);
    if (made.length === 0) return [];
    const [rows] = await m.query(
      `UPDATE statistics_patient_departures SET followed_up = true
        WHERE patient_id = $1 AND NOT followed_up AND departed_at <= $2 AND $2 < departed_at + interval '90 days'
        RETURNING departed_at AS "departedAt", keys`,
      [patientId, start],
    );
    return rows;
  }

  /** Empties the read model, for a rebuild (DELETE, not TRUNCATE: readers see the old figures until the rebuild commits). */
  async clear(m: EntityManager): Promise<void> {
    for (const table of ['statistics_patient_departures', 'statistics_follow_up_visits', 'statistics_monthly', 'statistics_histograms', 'statistics_patient_months', 'statistics_applied_chains', 'statistics_first_arrivals', 'statistics_stays', 'statistics_processed_events']) {
      await m.query(`DELETE FROM ${table}`);
    }
  }

  /** Held by a rebuild: deliveries wait, then find their events applied or apply them after it. */
  async lockForRebuild(m: EntityManager): Promise<void> {
    await m.query('LOCK TABLE statistics_processed_events IN EXCLUSIVE MODE');
  }
}
