import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Domain events with fan-out: an event is written once, in the transaction that makes it true,
 * with one delivery row per subscriber. PostgreSQL holds what each subscriber has not finished,
 * so a lost queue (FLUSHALL, a killed worker) is rebuilt from these rows.
 */
export class CreateDomainEvents1764700000000 implements MigrationInterface {
  name = 'CreateDomainEvents1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE domain_events (
        id uuid PRIMARY KEY,
        -- The order of publication, for readers that list events.
        seq bigserial NOT NULL,
        name text NOT NULL,
        payload jsonb NOT NULL,
        occurred_at timestamptz NOT NULL,
        -- A producer that may publish the same fact twice names it; the second publication is dropped.
        dedupe_key text UNIQUE
      )`);
    await q.query(`
      CREATE TABLE event_deliveries (
        event_id uuid NOT NULL REFERENCES domain_events(id) ON DELETE CASCADE,
        subscriber text NOT NULL,
        created_at timestamptz NOT NULL,
        enqueued_at timestamptz,
        done_at timestamptz,
        attempts integer NOT NULL DEFAULT 0,
        last_error text,
        PRIMARY KEY (event_id, subscriber)
      )`);
    // The relay scans what is still to enqueue, the reconciler what is still to finish.
    await q.query(`CREATE INDEX event_deliveries_unenqueued_idx ON event_deliveries (created_at) WHERE enqueued_at IS NULL`);
    await q.query(`CREATE INDEX event_deliveries_pending_idx ON event_deliveries (enqueued_at) WHERE done_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE event_deliveries`);
    await q.query(`DROP TABLE domain_events`);
  }
}
