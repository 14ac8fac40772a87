import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Durable timers (libs/platform/src/timers): the next instant of each armed timer, held in PostgreSQL. */
export class CreateTimers1763900007000 implements MigrationInterface {
  name = 'CreateTimers1763900007000';

  async up(q: QueryRunner): Promise<void> {
    // Every (re)scheduling takes a new arming from one sequence, so a job id (key and arming)
    // is never used twice, even for a key that fired or was cancelled and was scheduled again.
    await q.query(`CREATE SEQUENCE timers_arming_seq`);
    await q.query(`
      CREATE TABLE timers (
        key text PRIMARY KEY,
        kind text NOT NULL,
        at timestamptz NOT NULL,
        payload jsonb NOT NULL,
        arming bigint NOT NULL DEFAULT nextval('timers_arming_seq')
      )`);
    // The firing pass and the reconciler scan by instant.
    await q.query(`CREATE INDEX timers_at_idx ON timers (at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE timers`);
    await q.query(`DROP SEQUENCE timers_arming_seq`);
  }
}
