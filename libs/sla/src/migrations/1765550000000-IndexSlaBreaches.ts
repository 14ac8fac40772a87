import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The supervisors' charts count breaches by when they fired (per officer, per window): a small index of breaches only. */
export class IndexSlaBreaches1765550000000 implements MigrationInterface {
  name = 'IndexSlaBreaches1765550000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX sla_stage_effects_breach_fired_idx ON sla_stage_effects (fired_at) WHERE stage = 'breach'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX sla_stage_effects_breach_fired_idx`);
  }
}
