import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Read models rebuilt from the stored events page through them in publication order (DomainEventLog). */
export class IndexDomainEventsBySeq1765600000000 implements MigrationInterface {
  name = 'IndexDomainEventsBySeq1765600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX domain_events_name_seq_idx ON domain_events (name, seq)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX domain_events_name_seq_idx`);
  }
}
