import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A delivery job runs a batch of its subscriber's unfinished deliveries, newest first
 * (EventDeliveries): this index finds them without reading other subscribers' backlogs.
 */
export class IndexOpenDeliveriesBySubscriber1764960000000 implements MigrationInterface {
  name = 'IndexOpenDeliveriesBySubscriber1764960000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('CREATE INDEX event_deliveries_open_by_subscriber_idx ON event_deliveries (subscriber, created_at) WHERE done_at IS NULL');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX event_deliveries_open_by_subscriber_idx');
  }
}
