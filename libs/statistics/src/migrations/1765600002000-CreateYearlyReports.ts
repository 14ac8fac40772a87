import type { MigrationInterface, QueryRunner } from 'typeorm';

const DIMENSIONS = `'all','nationality','specialty','hospital','region','language','hospital_nationality'`;

/**
 * Hospitals' yearly reports (spec/statistics.md): the report with its state and the hospital's
 * own fields, and every submitted version. The rollups gain a hospital-and-nationality
 * dimension for the report's arrivals by nationality.
 */
export class CreateYearlyReports1765600002000 implements MigrationInterface {
  name = 'CreateYearlyReports1765600002000';

  async up(q: QueryRunner): Promise<void> {
    for (const table of ['statistics_monthly', 'statistics_histograms', 'statistics_patient_months', 'statistics_applied_chains']) {
      await q.query(`ALTER TABLE ${table} DROP CONSTRAINT ${table}_dimension_check, ADD CONSTRAINT ${table}_dimension_check CHECK (dimension IN (${DIMENSIONS}))`);
    }
    await q.query(`
      CREATE TABLE statistics_yearly_reports (
        hospital_id uuid NOT NULL,
        year integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
        status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','overdue','submitted')),
        -- The current version: 1 until an amendment raises it.
        version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
        reported jsonb NOT NULL DEFAULT '{"inpatients": null, "outpatients": null, "revenueKrw": null}',
        submitted_at timestamptz,
        submitted_by uuid,
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (hospital_id, year),
        CONSTRAINT statistics_yearly_reports_submitted_whole CHECK ((status = 'submitted') = (submitted_at IS NOT NULL AND submitted_by IS NOT NULL))
      )`);
    // The ministry's list: a year's reports by status.
    await q.query(`CREATE INDEX statistics_yearly_reports_year_status_idx ON statistics_yearly_reports (year, status, hospital_id)`);
    await q.query(`
      CREATE TABLE statistics_yearly_report_versions (
        hospital_id uuid NOT NULL,
        year integer NOT NULL,
        version integer NOT NULL,
        prefilled jsonb NOT NULL,
        reported jsonb NOT NULL,
        -- Why an amendment was made; null for the first submission.
        reason text,
        submitted_at timestamptz NOT NULL,
        submitted_by uuid NOT NULL,
        PRIMARY KEY (hospital_id, year, version),
        FOREIGN KEY (hospital_id, year) REFERENCES statistics_yearly_reports (hospital_id, year),
        CONSTRAINT statistics_yearly_report_versions_amend_reason CHECK ((version = 1) = (reason IS NULL))
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE statistics_yearly_report_versions`);
    await q.query(`DROP TABLE statistics_yearly_reports`);
  }
}
