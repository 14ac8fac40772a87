import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A matching request and its ranking, kept so that re-offers follow the same order. */
export class CreateMatches1764900300000 implements MigrationInterface {
  name = 'CreateMatches1764900300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE matches (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        requested_by uuid NOT NULL,
        hospital_id uuid,
        request jsonb NOT NULL,
        candidates jsonb NOT NULL,
        excluded jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX matches_requested_by_idx ON matches (requested_by, created_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE matches`);
  }
}
