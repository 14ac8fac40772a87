import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * New outbox rows, event deliveries and audit records notify the worker (channel
 * `medjourney_work`, the table's name as payload), so its relay and audit chainer wake when the
 * transaction commits instead of at their next poll. PostgreSQL delivers a notification only at
 * commit (never for a rollback) and folds identical ones of a transaction into one, so a
 * statement-level trigger costs one notification per table and transaction.
 */
export class NotifyWorkOnCommit1765700000000 implements MigrationInterface {
  name = 'NotifyWorkOnCommit1765700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION notify_work() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('medjourney_work', TG_TABLE_NAME);
        RETURN NULL;
      END $$`);
    for (const table of ['outbox', 'event_deliveries', 'audit_log']) {
      await q.query(`CREATE TRIGGER ${table}_notify_work AFTER INSERT ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION notify_work()`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['outbox', 'event_deliveries', 'audit_log']) await q.query(`DROP TRIGGER ${table}_notify_work ON ${table}`);
    await q.query(`DROP FUNCTION notify_work()`);
  }
}
