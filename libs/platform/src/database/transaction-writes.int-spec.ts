import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { recordStatements, startTestApp, type StatementRecorder, type TestApp } from '@medjourney/testing';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { OutboxService } from '../outbox/outbox.service.js';
import { JOBS, jobId } from '../queue/queue-registry.js';

/** The audit records and outbox jobs a transaction defers (transaction-writes.ts). */
describe('deferred writes of a transaction', () => {
  let t: TestApp;
  let recorder: StatementRecorder;
  let n = 0;

  beforeAll(async () => {
    t = await startTestApp();
    recorder = recordStatements(t.db);
  });
  afterAll(() => t.close());

  const audit = () => t.app.get(AuditService);
  const outbox = () => t.app.get(OutboxService);
  const stored = async (key: string) => {
    const [row] = await t.db.query(
      `SELECT (SELECT count(*)::int FROM audit_log WHERE entity_id = $1) AS audit,
              (SELECT count(*)::int FROM outbox WHERE job_id LIKE $1 || '%') AS jobs`,
      [key],
    );
    return row as { audit: number; jobs: number };
  };
  const writeAll = async (m: Parameters<AuditService['record']>[0], key: string) => {
    await audit().recordMany(m, [
      { action: 'test.deferred', entityType: 'test', entityId: key, actor: null },
      { action: 'test.deferred', entityType: 'test', entityId: key, actor: null },
    ]);
    await outbox().publish(m, JOBS.email, { userId: key, template: 'account-created', eventId: key }, { jobId: jobId(key, 1) });
    await outbox().publish(m, JOBS.email, { userId: key, template: 'account-created', eventId: key }, { jobId: jobId(key, 2) });
  };

  it('writes a transaction\'s audit records and jobs in one statement before COMMIT', async () => {
    const key = `deferred-${++n}`;
    recorder.start();
    await t.db.transaction(async (m) => {
      await writeAll(m, key);
      // Nothing is written until the commit.
      expect(recorder.current().filter((s) => /INSERT/.test(s))).toHaveLength(0);
    });
    const statements = recorder.stop();
    const inserts = statements.filter((s) => /INSERT/.test(s));
    expect(inserts).toHaveLength(1);
    expect(inserts[0]).toMatch(/INSERT INTO audit_log[\s\S]*INSERT INTO outbox/);
    expect(statements.at(-1)).toBe('COMMIT');
    expect(await stored(key)).toEqual({ audit: 2, jobs: 2 });
    const [{ seqs }] = await t.db.query(`SELECT array_agg(seq ORDER BY seq)::text[] AS seqs FROM audit_log WHERE entity_id = $1`, [key]);
    expect(seqs).toHaveLength(2);
  });

  it('a rolled-back transaction writes nothing', async () => {
    const key = `deferred-${++n}`;
    await expect(
      t.db.transaction(async (m) => {
        await writeAll(m, key);
        throw new Error('rolled back on purpose');
      }),
    ).rejects.toThrow('rolled back on purpose');
    expect(await stored(key)).toEqual({ audit: 0, jobs: 0 });
  });

  it('a savepoint rolled back drops its own writes and keeps the outer ones; a released one keeps its writes', async () => {
    const outer = `deferred-${++n}`;
    const dropped = `deferred-${++n}`;
    const released = `deferred-${++n}`;
    await t.db.transaction(async (m) => {
      await writeAll(m, outer);
      await expect(
        m.transaction(async (inner) => {
          await writeAll(inner, dropped);
          throw new Error('savepoint rolled back');
        }),
      ).rejects.toThrow('savepoint rolled back');
      await m.transaction((inner) => writeAll(inner, released));
    });
    expect(await stored(outer)).toEqual({ audit: 2, jobs: 2 });
    expect(await stored(dropped)).toEqual({ audit: 0, jobs: 0 });
    expect(await stored(released)).toEqual({ audit: 2, jobs: 2 });
  });

  it('writes at once on a data source made without dataSourceOptions(), which has no flusher', async () => {
    const key = `deferred-${++n}`;
    const bare = new DataSource({ type: 'postgres', url: t.config.databaseUrl });
    await bare.initialize();
    try {
      const bareAudit = new AuditService(bare, t.clock);
      await bare.transaction((m) => bareAudit.record(m, { action: 'test.deferred', entityType: 'test', entityId: key, actor: null }));
    } finally {
      await bare.destroy();
    }
    expect(await stored(key)).toMatchObject({ audit: 1 });
  });

  it('refuses a write outside a transaction', async () => {
    await expect(audit().record(t.db.manager, { action: 'test.deferred', entityType: 'test', actor: null })).rejects.toThrow(/inside the transaction/);
    await expect(outbox().publish(t.db.manager, JOBS.email, { userId: 'x', template: 'account-created', eventId: 'x' }, { jobId: jobId('x') })).rejects.toThrow(/inside the transaction/);
  });
});
