import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An outbox row can be leased to the process that wrote it (`claimed_until`): that process adds
 * the job to BullMQ right after its commit and then marks the row published
 * (`OUTBOX_ENQUEUE_ON_COMMIT`, outbox/outbox-on-commit.ts). The relay takes a leased row only
 * once its lease has run out, which covers a publisher that died between its commit and its
 * add or its mark. Only rows written unleased notify the worker: a leased row needs no relay pass,
 * and the notification costs the commit a server-wide lock (`1765700002000-AuditLogNotifiesNoMore`).
 */
export class OutboxLeasedToPublisher1765880000000 implements MigrationInterface {
  name = 'OutboxLeasedToPublisher1765880000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE outbox ADD COLUMN claimed_until timestamptz`);
    await q.query(`
      CREATE FUNCTION notify_unleased_outbox() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF EXISTS (SELECT 1 FROM new_rows WHERE claimed_until IS NULL) THEN
          PERFORM pg_notify('medjourney_work', TG_TABLE_NAME);
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`DROP TRIGGER outbox_notify_work ON outbox`);
    await q.query(`CREATE TRIGGER outbox_notify_work AFTER INSERT ON outbox REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION notify_unleased_outbox()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER outbox_notify_work ON outbox`);
    await q.query(`DROP FUNCTION notify_unleased_outbox()`);
    await q.query(`CREATE TRIGGER outbox_notify_work AFTER INSERT ON outbox FOR EACH STATEMENT EXECUTE FUNCTION notify_work()`);
    await q.query(`ALTER TABLE outbox DROP COLUMN claimed_until`);
  }
}
