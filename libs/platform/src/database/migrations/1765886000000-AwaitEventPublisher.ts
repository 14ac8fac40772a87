import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A delivery job goes out with its publisher's COMMIT (`DeliveriesOnCommit`), so it may start
 * before that commit is visible; it then waits on the advisory lock the publishing transaction
 * holds until it ends (`EventDeliveries`). This function is that wait in one round trip: bounded
 * by a lock timeout of its own, then the transaction's own timeout back for the handler's statements.
 */
export class AwaitEventPublisher1765886000000 implements MigrationInterface {
  name = 'AwaitEventPublisher1765886000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION await_event_publisher(publish_lock bigint, wait_ms int) RETURNS void LANGUAGE plpgsql AS $$
      DECLARE prior text := current_setting('lock_timeout');
      BEGIN
        PERFORM set_config('lock_timeout', wait_ms::text, true);
        PERFORM pg_advisory_xact_lock_shared(publish_lock);
        PERFORM set_config('lock_timeout', prior, true);
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION await_event_publisher(bigint, int)`);
  }
}
