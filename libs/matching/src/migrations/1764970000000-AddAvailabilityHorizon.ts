import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * How far each provider's availability instants reach, so that the hourly job extends the
 * ones a day short of 180 days ahead instead of rewriting everyone's. NULL: never materialised
 * from weekly hours (nothing to extend). Existing providers with weekly hours start from the
 * end of their last instant, or now, so that the first run extends them.
 */
export class AddAvailabilityHorizon1764970000000 implements MigrationInterface {
  name = 'AddAvailabilityHorizon1764970000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE care_providers ADD COLUMN availability_until timestamptz`);
    await q.query(`
      UPDATE care_providers p
         SET availability_until = COALESCE((SELECT max(upper(a.during)) FROM care_provider_availability a WHERE a.provider_id = p.id), now())
       WHERE p.weekly <> '[]'::jsonb`);
    await q.query(`CREATE INDEX care_providers_availability_until_idx ON care_providers (availability_until) WHERE active`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX care_providers_availability_until_idx`);
    await q.query(`ALTER TABLE care_providers DROP COLUMN availability_until`);
  }
}
