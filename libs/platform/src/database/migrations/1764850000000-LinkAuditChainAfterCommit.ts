import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit chain is linked after commit by one chainer (AuditChainer), not by each writer under a
 * lock held to commit. A record is inserted with its link columns empty; the chainer gives it the
 * next chain position, the previous record's hash and its own, once. The trigger allows exactly
 * that UPDATE (link columns from NULL, nothing else changed) and still refuses every other UPDATE,
 * every DELETE and TRUNCATE. The chain's head (last position and hash) is kept in a row of its own,
 * so that removing the last linked records is detected too.
 */
export class LinkAuditChainAfterCommit1764850000000 implements MigrationInterface {
  name = 'LinkAuditChainAfterCommit1764850000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE audit_log ALTER COLUMN prev_hash DROP NOT NULL, ALTER COLUMN hash DROP NOT NULL,
                     ADD COLUMN chain_position bigint, ADD COLUMN linked_at timestamptz`);
    await q.query(`
      CREATE OR REPLACE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          IF NEW.chain_position IS NOT NULL OR NEW.linked_at IS NOT NULL OR NEW.prev_hash IS NOT NULL OR NEW.hash IS NOT NULL THEN
            RAISE EXCEPTION 'audit_log is append-only: a record is inserted unlinked; the chainer links it' USING ERRCODE = 'insufficient_privilege';
          END IF;
          RETURN NEW;
        END IF;
        -- The chainer's one UPDATE: an unlinked record gets all its link columns, and nothing else changes.
        IF TG_OP = 'UPDATE' AND OLD.chain_position IS NULL
           AND NEW.chain_position IS NOT NULL AND NEW.linked_at IS NOT NULL AND NEW.prev_hash IS NOT NULL AND NEW.hash IS NOT NULL
           AND (to_jsonb(NEW) - '{chain_position,linked_at,prev_hash,hash}'::text[]) = (to_jsonb(OLD) - '{chain_position,linked_at,prev_hash,hash}'::text[]) THEN
          RETURN NEW;
        END IF;
        RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    // Records written before this migration were chained at insert in seq order: they keep their hashes.
    await q.query(`
      UPDATE audit_log a SET chain_position = o.n, linked_at = a.occurred_at
        FROM (SELECT seq, row_number() OVER (ORDER BY seq) AS n FROM audit_log) o WHERE a.seq = o.seq`);
    await q.query(`CREATE TRIGGER audit_log_insert_unlinked BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change()`);
    await q.query(`CREATE UNIQUE INDEX audit_log_chain_position_key ON audit_log (chain_position)`);
    // The chainer's work list, and verify's unlinked tail.
    await q.query(`CREATE INDEX audit_log_unlinked_idx ON audit_log (seq) WHERE chain_position IS NULL`);
    await q.query(`
      CREATE TABLE audit_chain_head (
        id boolean PRIMARY KEY DEFAULT true CHECK (id),
        position bigint NOT NULL,
        hash text NOT NULL,
        linked_at timestamptz NOT NULL
      )`);
    // The head only moves forward, as the chainer moves it; removing or rewinding it is refused like a change to the log.
    await q.query(`
      CREATE FUNCTION audit_chain_head_forward_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' AND NEW.position > OLD.position THEN
          RETURN NEW;
        END IF;
        RAISE EXCEPTION 'audit_chain_head only moves forward: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`CREATE TRIGGER audit_chain_head_forward BEFORE UPDATE OR DELETE ON audit_chain_head FOR EACH ROW EXECUTE FUNCTION audit_chain_head_forward_only()`);
    await q.query(`CREATE TRIGGER audit_chain_head_no_truncate BEFORE TRUNCATE ON audit_chain_head FOR EACH STATEMENT EXECUTE FUNCTION audit_chain_head_forward_only()`);
    await q.query(`
      INSERT INTO audit_chain_head (position, hash, linked_at)
      SELECT coalesce(max(chain_position), 0),
             coalesce((SELECT hash FROM audit_log ORDER BY chain_position DESC LIMIT 1), repeat('0', 64)),
             now()
        FROM audit_log`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE audit_chain_head`);
    await q.query(`DROP FUNCTION audit_chain_head_forward_only()`);
    await q.query(`DROP TRIGGER audit_log_insert_unlinked ON audit_log`);
    await q.query(`DROP INDEX audit_log_unlinked_idx`);
    await q.query(`DROP INDEX audit_log_chain_position_key`);
    await q.query(`
      CREATE OR REPLACE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`ALTER TABLE audit_log DROP COLUMN chain_position, DROP COLUMN linked_at`);
  }
}
