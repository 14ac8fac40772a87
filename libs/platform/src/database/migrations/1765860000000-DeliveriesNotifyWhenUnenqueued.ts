import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Event deliveries notify the worker only when a statement wrote some that nobody enqueues: the
 * publishing process adds the jobs of the deliveries it marks as enqueued itself, right after
 * its commit (`EVENTS_ENQUEUE_ON_COMMIT`), so waking the relay for them would only cost a pass
 * that finds nothing, and the notification itself costs the commit a server-wide lock
 * (`1765700002000-AuditLogNotifiesNoMore`). Unmarked deliveries (enqueue-on-commit switched off)
 * notify as before.
 */
export class DeliveriesNotifyWhenUnenqueued1765860000000 implements MigrationInterface {
  name = 'DeliveriesNotifyWhenUnenqueued1765860000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION notify_unenqueued_deliveries() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF EXISTS (SELECT 1 FROM new_deliveries WHERE enqueued_at IS NULL) THEN
          PERFORM pg_notify('medjourney_work', TG_TABLE_NAME);
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`DROP TRIGGER event_deliveries_notify_work ON event_deliveries`);
    await q.query(
      `CREATE TRIGGER event_deliveries_notify_work AFTER INSERT ON event_deliveries REFERENCING NEW TABLE AS new_deliveries FOR EACH STATEMENT EXECUTE FUNCTION notify_unenqueued_deliveries()`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER event_deliveries_notify_work ON event_deliveries`);
    await q.query(`DROP FUNCTION notify_unenqueued_deliveries()`);
    await q.query(`CREATE TRIGGER event_deliveries_notify_work AFTER INSERT ON event_deliveries FOR EACH STATEMENT EXECUTE FUNCTION notify_work()`);
  }
}
