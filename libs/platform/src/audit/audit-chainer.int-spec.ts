import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { MIGRATIONS } from '@medjourney/schema';
import { adminQuery, databaseUrl, runId, startTestApp, type TestApp } from '@medjourney/testing';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { SystemClock } from '../clock/clock.js';
import { dataSourceOptions } from '../database/data-source.js';
import { migrate } from '../database/migrate.js';
import { flushDeferredWrites } from '../database/transaction-writes.js';
import { LinkAuditChainAfterCommit1764850000000 } from '../database/migrations/1764850000000-LinkAuditChainAfterCommit.js';
import { auditHash, GENESIS_HASH } from './audit-hash.js';
import { AuditChainer } from './audit-chainer.js';
import { AuditRecord } from './audit-record.entity.js';
import { AuditService } from './audit.service.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('audit chainer', () => {
  let t: TestApp;
  const sources: DataSource[] = [];

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await Promise.all(sources.map((d) => (d.isInitialized ? d.destroy() : undefined)));
    await t.close();
  });
  // Every test starts from a fully linked log (the app's own start-up writes nothing to it).
  beforeEach(async () => {
    await t.app.get(AuditChainer).linkPending();
  });

  async function newDataSource(poolSize = 2): Promise<DataSource> {
    const ds = new DataSource({ ...dataSourceOptions({ ...t.config, databasePoolSize: poolSize }), entities: [] });
    await ds.initialize();
    sources.push(ds);
    return ds;
  }
  const chainerOn = (ds: DataSource) => new AuditChainer(ds, t.clock, { ...t.config, auditChainIntervalMs: 5 });

  async function writeUnlinked(n: number): Promise<void> {
    const audit = t.app.get(AuditService);
    for (let i = 0; i < n; i += 250) {
      await t.db.transaction((m) => audit.recordMany(m, Array.from({ length: Math.min(250, n - i) }, (_, k) => ({ action: 'test.bulk', entityType: 'test', entityId: `bulk-${i + k}`, actor: null }))));
    }
  }

  /** The whole log is one chain: positions 1..N, each record once, and verify agrees. */
  async function expectWholeChain(): Promise<number> {
    const [c] = await t.db.query(
      `SELECT count(*)::int AS records, count(chain_position)::int AS linked, count(DISTINCT chain_position)::int AS positions,
              coalesce(max(chain_position), 0)::int AS last FROM audit_log`,
    );
    expect(c).toEqual({ records: c.records, linked: c.records, positions: c.records, last: c.records });
    const verification = await t.app.get(AuditService).verify();
    expect(verification).toMatchObject({ valid: true, checked: c.records, unlinked: { count: 0 } });
    return c.records;
  }

  it('links 200 audited writes from 10 connections, some rolled back, while two chainers run: each committed record once, the chain whole', async () => {
    const [{ before }] = await t.db.query(`SELECT count(*)::int AS before FROM audit_log`);
    const writers = await newDataSource(10);
    const audit = new AuditService(writers, t.clock);
    const chainers = [chainerOn(await newDataSource()), chainerOn(await newDataSource())];
    chainers.forEach((c) => c.start());
    let next = 0;
    let committed = 0;
    const rolledBack: string[] = [];
    await Promise.all(
      Array.from({ length: 10 }, async () => {
        for (let i = next++; i < 200; i = next++) {
          const records = 1 + (i % 3);
          const entries = Array.from({ length: records }, (_, k) => ({ action: 'test.concurrent', entityType: 'test', entityId: `w${i}-${k}`, actor: null }));
          try {
            await writers.transaction(async (m) => {
              await audit.recordMany(m, entries);
              // Inserted now rather than at COMMIT, as when the transaction goes on to publish
              // events with publishMany: transactions overlap and commit out of seq order.
              await flushDeferredWrites(m);
              await sleep(Math.floor(Math.random() * 8));
              if (i % 9 === 4) throw new Error('rolled back on purpose');
            });
            committed += records;
          } catch {
            rolledBack.push(...entries.map((e) => e.entityId));
          }
        }
      }),
    );
    await Promise.all(chainers.map((c) => c.stop()));
    await t.app.get(AuditChainer).linkPending();

    expect(rolledBack.length).toBeGreaterThan(0);
    const [{ n, gaps }] = await t.db.query(
      `SELECT count(*)::int AS n, (max(seq) - min(seq) + 1 - count(*))::int AS gaps FROM audit_log WHERE action = 'test.concurrent'`,
    );
    expect(n).toBe(committed);
    // The rolled-back transactions left gaps in seq; they do not break the chain.
    expect(gaps).toBeGreaterThan(0);
    const [{ found }] = await t.db.query(`SELECT count(*)::int AS found FROM audit_log WHERE entity_id = ANY($1)`, [rolledBack]);
    expect(found).toBe(0);
    expect(await expectWholeChain()).toBe(before + committed);
  });

  it('links a record that commits after records with a higher seq were linked, after them', async () => {
    const audit = t.app.get(AuditService);
    const slow = t.db.createQueryRunner();
    await slow.connect();
    try {
      await slow.startTransaction();
      await audit.record(slow.manager, { action: 'test.slow', entityType: 'test', entityId: 'slow', actor: null });
      // Its seq is taken now, before the fast one's (records are otherwise inserted at COMMIT).
      await flushDeferredWrites(slow.manager);
      await t.db.transaction((m) => audit.record(m, { action: 'test.fast', entityType: 'test', entityId: 'fast', actor: null }));
      expect(await t.app.get(AuditChainer).linkPending()).toBe(1);
      await slow.commitTransaction();
    } finally {
      await slow.release();
    }
    expect(await t.app.get(AuditChainer).linkPending()).toBe(1);
    const rows = await t.db.query(`SELECT entity_id, seq::int, chain_position::int AS position FROM audit_log WHERE entity_id IN ('slow', 'fast') ORDER BY chain_position`);
    expect(rows.map((r: { entity_id: string }) => r.entity_id)).toEqual(['fast', 'slow']);
    expect(rows[1].seq).toBeLessThan(rows[0].seq);
    await expectWholeChain();
  });

  it('never links a record twice with two chainers on two connection pools at once', async () => {
    await writeUnlinked(3000);
    const chainers = [chainerOn(await newDataSource()), chainerOn(await newDataSource())];
    const linked = await Promise.all(
      chainers.map(async (c, i) => {
        let total = 0;
        // One queues behind the lock, the other tries and comes back: both ways of meeting a running chainer.
        for (;;) {
          const n = await c.linkOnce({ wait: i === 0 });
          if (n === 0) return total;
          if (n === null) await sleep(1);
          else total += n;
        }
      }),
    );
    // Which of the two links more depends on scheduling (under load one may take every pass); what holds is the sum and one whole chain.
    expect(linked[0] + linked[1]).toBe(3000);
    await expectWholeChain();
  });

  it('leaves nothing half-linked when a chainer\'s connection is killed mid-pass; another chainer finishes', async () => {
    await writeUnlinked(300);
    const [{ head: headBefore }] = await t.db.query(`SELECT position::int AS head FROM audit_chain_head`);
    const killer = new pg.Client({ connectionString: t.config.databaseUrl });
    await killer.connect();
    try {
      // As if its process were SIGKILLed: the server aborts its transaction and frees the lock.
      await expect(
        chainerOn(await newDataSource()).linkOnce({
          beforeCommit: async (m) => {
            const [{ pid }] = await m.query('SELECT pg_backend_pid() AS pid');
            await killer.query('SELECT pg_terminate_backend($1)', [pid]);
          },
        }),
      ).rejects.toThrow();
    } finally {
      await killer.end();
    }
    const [{ unlinked }] = await t.db.query(`SELECT count(*)::int AS unlinked FROM audit_log WHERE chain_position IS NULL`);
    expect(unlinked).toBe(300);
    const [{ head }] = await t.db.query(`SELECT position::int AS head FROM audit_chain_head`);
    expect(head).toBe(headBefore);

    expect(await chainerOn(await newDataSource()).linkOnce()).toBe(300);
    await expectWholeChain();
  });

  it('keeps the records chained at insert before the migration valid, and links new ones after them', async () => {
    const name = `mj_chain_${runId()}`;
    const config = { ...t.config, databaseUrl: databaseUrl(name), databasePoolSize: 2 };
    try {
      const before = MIGRATIONS.slice(0, MIGRATIONS.indexOf(LinkAuditChainAfterCommit1764850000000));
      await migrate(config, before);
      const old = new DataSource({ ...dataSourceOptions(config), entities: [] });
      await old.initialize();
      try {
        // As the former AuditService wrote them: linked at insert, in seq order.
        let prevHash = GENESIS_HASH;
        for (let seq = 1; seq <= 3; seq++) {
          const record = { seq, occurredAt: new Date(), actorId: null, actorRole: null, action: 'old.record', entityType: 'test', entityId: `old-${seq}`, before: null, after: { n: seq }, requestId: null, ip: null, prevHash };
          const hash = auditHash(record);
          await old.query(
            `INSERT INTO audit_log (seq, occurred_at, action, entity_type, entity_id, after, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
            [seq, record.occurredAt, record.action, record.entityType, record.entityId, JSON.stringify(record.after), prevHash, hash],
          );
          prevHash = hash;
        }
        await old.query(`SELECT setval(pg_get_serial_sequence('audit_log', 'seq'), 3)`);
      } finally {
        await old.destroy();
      }
      await migrate(config, MIGRATIONS);
      const db = new DataSource({ ...dataSourceOptions(config), entities: [AuditRecord] });
      await db.initialize();
      sources.push(db);
      const audit = new AuditService(db, new SystemClock());
      expect(await audit.verify()).toMatchObject({ valid: true, checked: 3, unlinked: { count: 0 } });
      await db.transaction((m) => audit.record(m, { action: 'new.record', entityType: 'test', entityId: 'new', actor: null }));
      expect(await chainerOn(db).linkPending()).toBe(1);
      expect(await audit.verify()).toMatchObject({ valid: true, checked: 4, unlinked: { count: 0 } });
    } finally {
      await Promise.all(sources.splice(0).map((d) => (d.isInitialized ? d.destroy() : undefined)));
      await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    }
  });
});
