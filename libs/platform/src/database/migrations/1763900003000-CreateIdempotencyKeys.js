export class CreateIdempotencyKeys1763900003000 {
    name = 'CreateIdempotencyKeys1763900003000';
    async up(q) {
        await q.query(`
      CREATE TABLE idempotency_keys (
        scope text NOT NULL,
        key text NOT NULL,
        request_hash text NOT NULL,
        state text NOT NULL CHECK (state IN ('in_progress','completed')),
        response_status integer,
        response_body jsonb,
        locked_until timestamptz NOT NULL,
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        PRIMARY KEY (scope, key),
        CONSTRAINT idempotency_completed_has_answer CHECK (state <> 'completed' OR response_status IS NOT NULL)
      )`);
        await q.query(`CREATE INDEX idempotency_keys_expires_idx ON idempotency_keys (expires_at)`);
    }
    async down(q) {
        await q.query(`DROP TABLE idempotency_keys`);
    }
}
//# sourceMappingURL=1763900003000-CreateIdempotencyKeys.js.map