export class CreateOutbox1763900002000 {
    name = 'CreateOutbox1763900002000';
    async up(q) {
        await q.query(`
      CREATE TABLE outbox (
        id bigserial PRIMARY KEY,
        queue text NOT NULL,
        job_name text NOT NULL,
        job_id text NOT NULL,
        payload jsonb NOT NULL,
        delay_until timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        published_at timestamptz
      )`);
        await q.query(`CREATE INDEX outbox_unpublished_idx ON outbox (id) WHERE published_at IS NULL`);
        await q.query(`CREATE UNIQUE INDEX outbox_job_key ON outbox (queue, job_id)`);
    }
    async down(q) {
        await q.query(`DROP TABLE outbox`);
    }
}
//# sourceMappingURL=1763900002000-CreateOutbox.js.map