import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * audit_log no longer notifies the worker. A transaction that sends NOTIFY holds a server-wide
 * lock from just before its commit until the commit is flushed, so notifying commits are
 * serialised (measured on this 2-core machine, `node bench/notify-cost.js`: 20 clients inserting
 * and committing, 889–1440 commits/s without a notification, 206–327 with one). Nearly every write request records an
 * audit record, while the chain's lag is nobody's wait: the chainer polls
 * (AUDIT_CHAIN_INTERVAL_MS) instead. Outbox rows and deliveries still notify: an effect waits on them.
 */
export class AuditLogNotifiesNoMore1765700002000 implements MigrationInterface {
  name = 'AuditLogNotifiesNoMore1765700002000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER audit_log_notify_work ON audit_log`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TRIGGER audit_log_notify_work AFTER INSERT ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION notify_work()`);
  }
}
