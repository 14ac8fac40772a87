import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The SLA reports read the applications decided in a window (summary, weekly on-time share, processing times). */
export class IndexDecidedApplications1765550001000 implements MigrationInterface {
  name = 'IndexDecidedApplications1765550001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX visa_applications_decided_idx ON visa_applications (decided_at) WHERE decided_at IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX visa_applications_decided_idx`);
  }
}
