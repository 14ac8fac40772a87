import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Event deliveries travel in batches (one job for up to 50 deliveries of one subscriber): each
 * delivery names the job that carries it, so the reconciler can tell whether Redis still holds it.
 * A job no longer looks for a subscriber's other open deliveries, so their index goes.
 */
export class DeliveryJobs1765830000000 implements MigrationInterface {
  name = 'DeliveryJobs1765830000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE event_deliveries ADD COLUMN job_id text');
    // The reconciler re-sends a lost job with every delivery it still owes.
    await q.query('CREATE INDEX event_deliveries_open_by_job_idx ON event_deliveries (job_id) WHERE done_at IS NULL');
    await q.query('DROP INDEX event_deliveries_open_by_subscriber_idx');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('CREATE INDEX event_deliveries_open_by_subscriber_idx ON event_deliveries (subscriber, created_at) WHERE done_at IS NULL');
    await q.query('DROP INDEX event_deliveries_open_by_job_idx');
    await q.query('ALTER TABLE event_deliveries DROP COLUMN job_id');
  }
}
