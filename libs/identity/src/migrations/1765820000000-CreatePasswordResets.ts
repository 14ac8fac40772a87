import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Password resets (docs/decisions.md, "Password reset"): single-use links like invitations, of
 * an account that already has a password, valid one hour; only the token's SHA-256 is kept.
 * `users.sessions_valid_from`: tokens issued before it (a reset ends every session) are refused.
 */
export class CreatePasswordResets1765820000000 implements MigrationInterface {
  name = 'CreatePasswordResets1765820000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE password_resets (
        id uuid PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        token_hash text NOT NULL,
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        CONSTRAINT password_resets_expiry_after_creation CHECK (expires_at > created_at)
      )`);
    await q.query(`CREATE UNIQUE INDEX password_resets_token_hash_key ON password_resets (token_hash)`);
    await q.query(`CREATE INDEX password_resets_pending_user_idx ON password_resets (user_id) WHERE used_at IS NULL`);
    await q.query(`ALTER TABLE users ADD COLUMN sessions_valid_from timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users DROP COLUMN sessions_valid_from`);
    await q.query(`DROP TABLE password_resets`);
  }
}
