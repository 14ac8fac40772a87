import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every stage's instant on the clock, planned once when the clock starts or resumes (the breach's
 * is `due_at`): firing a stage then picks the next one from the row it already locks, in the same
 * statement, with no history to read and no plan to compute. Clocks started before this column
 * have none; their next plan is made as before (from the history) and stores it.
 */
export class StoreSlaStageInstants1765855000000 implements MigrationInterface {
  name = 'StoreSlaStageInstants1765855000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE sla_clocks ADD COLUMN warning_at timestamptz, ADD COLUMN escalation_at timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE sla_clocks DROP COLUMN escalation_at, DROP COLUMN warning_at`);
  }
}
