import type { MigrationInterface, QueryRunner } from 'typeorm';

const DIMENSIONS = `'all','nationality','specialty','hospital','region','language'`;

/**
 * The programme figures' read model (spec/statistics.md): monthly rollups kept by the
 * statistics subscriber from domain events, so an answer reads a few rows per month and key
 * whatever the number of applications. Months are Korean months, stored as their first day.
 */
export class CreateStatistics1765600001000 implements MigrationInterface {
  name = 'CreateStatistics1765600001000';

  async up(q: QueryRunner): Promise<void> {
    // An event is applied once: its id is written in the transaction that applies it.
    await q.query(`
      CREATE TABLE statistics_processed_events (
        event_id uuid PRIMARY KEY,
        processed_at timestamptz NOT NULL
      )`);
    // Additive counts per dimension, key, month and metric ('all'/'all' is the whole programme).
    await q.query(`
      CREATE TABLE statistics_monthly (
        dimension text NOT NULL CHECK (dimension IN (${DIMENSIONS})),
        key text NOT NULL,
        month date NOT NULL CHECK (extract(day FROM month) = 1),
        metric text NOT NULL,
        value bigint NOT NULL,
        PRIMARY KEY (dimension, month, key, metric)
      )`);
    // Histograms for medians and p90s: counted hours to an e-visa decision, days of a stay.
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
    // The months each patient applied in, per key: distinct patients over any period are then
    // counted from statistics_applied_chains without reading these rows.
    await q.query(`
      CREATE TABLE statistics_patient_months (
        dimension text NOT NULL CHECK (dimension IN (${DIMENSIONS})),
        key text NOT NULL,
        patient_id uuid NOT NULL,
        month date NOT NULL,
        PRIMARY KEY (dimension, key, patient_id, month)
      )`);
    // The languages' demand: who applied in the last 12 months.
    await q.query(`CREATE INDEX statistics_patient_months_month_idx ON statistics_patient_months (dimension, key, month)`);
    // How many patients applied in a month whose previous application month (same key) was
    // \`previous\` ('0001-01-01': none). Distinct patients in [from, to] = the rows of those months
    // whose previous month falls before \`from\`: each patient's first month in the period, once.
    await q.query(`
      CREATE TABLE statistics_applied_chains (
        dimension text NOT NULL CHECK (dimension IN (${DIMENSIONS})),
        key text NOT NULL,
        month date NOT NULL,
        previous date NOT NULL,
        -- No CHECK (count >= 0): PostgreSQL checks the proposed row of an upsert, so a decrement could not be written as one.
        count bigint NOT NULL,
        PRIMARY KEY (dimension, month, key, previous)
      )`);
    // Each patient's first arrival ever and the keys it counts under (an earlier one learned later replaces it).
    await q.query(`
      CREATE TABLE statistics_first_arrivals (
        patient_id uuid PRIMARY KEY,
        arrived_at timestamptz NOT NULL,
        keys jsonb NOT NULL
      )`);
    // Stays by person and visa: a stay counts when both ends are known, in the month it ended.
    await q.query(`
      CREATE TABLE statistics_stays (
        person_id uuid NOT NULL,
        visa_id uuid NOT NULL,
        arrived_at timestamptz,
        departed_at timestamptz,
        keys jsonb NOT NULL,
        PRIMARY KEY (person_id, visa_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['statistics_stays', 'statistics_first_arrivals', 'statistics_applied_chains', 'statistics_patient_months', 'statistics_histograms', 'statistics_monthly', 'statistics_processed_events']) {
      await q.query(`DROP TABLE ${t}`);
    }
  }
}
