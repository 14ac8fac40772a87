import type { MigrationInterface, QueryRunner } from 'typeorm';

const DIMENSIONS = `'all','nationality','specialty','hospital','region','language','hospital_nationality'`;

/**
 * The figures' cost follows the months asked, not the rows stored (spec/performance.md). A
 * histogram kept one row per (key, month, bucket) grew with the data until every hour bucket of
 * every key and month was filled, and an answer read all of them (the bench's buffers at
 * 1,000,000 applications were 3.1 times those at 100,000). Now a key's month is one row holding
 * its buckets as an array (`counts[i + 1]`: values in bucket i, whole hours or days), so an
 * answer reads keys × months rows whatever the number of values counted.
 *
 * The rollups are updated in place by every event: fillfactor 50 leaves room on each page for a
 * row's next version (a HOT update, no new index entry), so the rows of a month stay on the
 * pages they were written to instead of spreading over a growing table.
 */
export class HistogramsPerMonth1765810000000 implements MigrationInterface {
  name = 'HistogramsPerMonth1765810000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE statistics_histograms RENAME TO statistics_histogram_buckets`);
    await q.query(`ALTER INDEX statistics_histograms_pkey RENAME TO statistics_histogram_buckets_pkey`);
    await q.query(`
      CREATE TABLE statistics_histograms (
        dimension text NOT NULL CHECK (dimension IN (${DIMENSIONS})),
        key text NOT NULL,
        month date NOT NULL CHECK (extract(day FROM month) = 1),
        metric text NOT NULL CHECK (metric IN ('decision_hours','stay_days')),
        -- counts[i + 1]: how many values fell in bucket i; as long as the highest bucket used, no NULLs.
        counts integer[] NOT NULL CHECK (array_ndims(counts) = 1 AND array_lower(counts, 1) = 1 AND array_position(counts, NULL) IS NULL),
        PRIMARY KEY (dimension, month, key, metric)
      ) WITH (fillfactor = 50)`);
    await q.query(`
      INSERT INTO statistics_histograms (dimension, key, month, metric, counts)
      SELECT s.dimension, s.key, s.month, s.metric, array_agg(coalesce(b.count, 0)::int ORDER BY g.i)
        FROM (SELECT dimension, key, month, metric, max(bucket) AS top FROM statistics_histogram_buckets GROUP BY 1, 2, 3, 4) s
        CROSS JOIN LATERAL generate_series(0, s.top) AS g(i)
        LEFT JOIN statistics_histogram_buckets b ON (b.dimension, b.key, b.month, b.metric, b.bucket) = (s.dimension, s.key, s.month, s.metric, g.i)
       GROUP BY 1, 2, 3, 4`);
    await q.query(`DROP TABLE statistics_histogram_buckets`);
    for (const table of ['statistics_monthly', 'statistics_applied_chains']) await q.query(`ALTER TABLE ${table} SET (fillfactor = 50)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['statistics_monthly', 'statistics_applied_chains']) await q.query(`ALTER TABLE ${table} RESET (fillfactor)`);
    await q.query(`ALTER TABLE statistics_histograms RENAME TO statistics_histogram_rows`);
    await q.query(`ALTER INDEX statistics_histograms_pkey RENAME TO statistics_histogram_rows_pkey`);
    await q.query(`
      CREATE TABLE statistics_histograms (
        dimension text NOT NULL CHECK (dimension IN (${DIMENSIONS})),
        key text NOT NULL,
        month date NOT NULL CHECK (extract(day FROM month) = 1),
        metric text NOT NULL CHECK (metric IN ('decision_hours','stay_days')),
        bucket integer NOT NULL CHECK (bucket >= 0),
        count bigint NOT NULL,
        PRIMARY KEY (dimension, month, key, metric, bucket)
      )`);
    await q.query(`
      INSERT INTO statistics_histograms (dimension, key, month, metric, bucket, count)
      SELECT dimension, key, month, metric, u.i - 1, u.n FROM statistics_histogram_rows CROSS JOIN LATERAL unnest(counts) WITH ORDINALITY AS u(n, i) WHERE u.n > 0`);
    await q.query(`DROP TABLE statistics_histogram_rows`);
  }
}
