export class CreateAuditLog1763900001000 {
    name = 'CreateAuditLog1763900001000';
    async up(q) {
        await q.query(`
      CREATE TABLE audit_log (
        seq bigserial PRIMARY KEY,
        occurred_at timestamptz NOT NULL,
        actor_id uuid,
        actor_role text,
        action text NOT NULL,
        entity_type text NOT NULL,
        entity_id text,
        before jsonb,
        after jsonb,
        request_id text,
        ip text,
        prev_hash text NOT NULL,
        hash text NOT NULL
      )`);
        await q.query(`CREATE INDEX audit_log_entity_idx ON audit_log (entity_type, entity_id, seq)`);
        await q.query(`
      CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
        await q.query(`
      CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
      FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change()`);
        await q.query(`
      CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
      FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change()`);
    }
    async down(q) {
        await q.query(`DROP TABLE audit_log`);
        await q.query(`DROP FUNCTION audit_log_refuse_change()`);
    }
}
//# sourceMappingURL=1763900001000-CreateAuditLog.js.map