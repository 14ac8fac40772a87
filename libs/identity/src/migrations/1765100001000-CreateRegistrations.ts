import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Self-registrations waiting for their e-mail to be verified (spec/security.md): the account is
 * made only from a verified row, so nobody holds an e-mail they cannot read. Several may wait
 * for one address (only its owner can verify any of them); verifying one voids the others.
 */
export class CreateRegistrations1765100001000 implements MigrationInterface {
  name = 'CreateRegistrations1765100001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE registrations (
        id uuid PRIMARY KEY,
        email text NOT NULL,
        name text NOT NULL,
        password_hash text NOT NULL,
        token_hash text NOT NULL,
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        CONSTRAINT registrations_email_lower CHECK (email = lower(email)),
        CONSTRAINT registrations_expiry_after_creation CHECK (expires_at > created_at)
      )`);
    await q.query(`CREATE UNIQUE INDEX registrations_token_hash_key ON registrations (token_hash)`);
    await q.query(`CREATE INDEX registrations_pending_email_idx ON registrations (email) WHERE used_at IS NULL`);
    await q.query(`CREATE INDEX registrations_expires_idx ON registrations (expires_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE registrations`);
  }
}
