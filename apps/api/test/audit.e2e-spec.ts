import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AuditChainer, AuditService } from '@medjourney/platform';
import { startTestApp, type TestApp } from '@medjourney/testing';

describe('audit log', () => {
  let t: TestApp;
  let admin: { token: string; id: string };
  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.user('admin');
    // A few changes to audit.
    for (let i = 0; i < 3; i++) {
      await t.http
        .post('/api/v1/users')
        .set('Authorization', `Bearer ${admin.token}`)
        .set('X-Request-Id', `req-audit-${i}`)
        .send({ email: `audited${i}@immigration.go.kr`, name: `Audited ${i}`, role: 'officer', password: 'long enough password' })
        .expect(201);
    }
  });
  afterAll(() => t.close());

  it('records who did what, with the request id, and no password', async () => {
    const res = await t.http.get('/api/v1/audit?entityType=user').set('Authorization', `Bearer ${admin.token}`).expect(200);
    const rec = res.body.items.find((r: { requestId: string }) => r.requestId === 'req-audit-1');
    expect(rec).toMatchObject({ action: 'user.created', entityType: 'user', actorId: admin.id, actorRole: 'admin' });
    expect(rec.after.email).toBe('audited1@immigration.go.kr');
    expect(JSON.stringify(res.body)).not.toContain('long enough password');
    expect(JSON.stringify(res.body)).not.toMatch(/\$argon2/);
  });

  it('writes records unlinked; verify reports them as the unlinked tail until the chainer links them', async () => {
    const before = await t.http.get('/api/v1/audit/verify').set('Authorization', `Bearer ${admin.token}`).expect(200);
    expect(before.body).toMatchObject({ valid: true, checked: 0, firstInvalidSeq: null });
    expect(before.body.unlinked.count).toBeGreaterThanOrEqual(4);
    const [{ oldest }] = await t.db.query(`SELECT min(seq)::text AS oldest FROM audit_log`);
    expect(before.body.unlinked.oldestSeq).toBe(oldest);
    t.clock.advance(90_000);
    const later = await t.http.get('/api/v1/audit/verify').set('Authorization', `Bearer ${admin.token}`).expect(200);
    expect(later.body.unlinked.oldestAgeSeconds).toBeGreaterThanOrEqual(90);

    expect(await t.app.get(AuditChainer).linkPending()).toBe(before.body.unlinked.count);
    const after = await t.http.get('/api/v1/audit/verify').set('Authorization', `Bearer ${admin.token}`).expect(200);
    expect(after.body).toMatchObject({ valid: true, checked: before.body.unlinked.count, unlinked: { count: 0, oldestSeq: null, oldestAgeSeconds: null } });
    const rows = await t.db.query(`SELECT seq::text, chain_position::text AS position FROM audit_log ORDER BY seq`);
    expect(rows.map((r: { position: string }) => r.position)).toEqual(rows.map((_: unknown, i: number) => String(i + 1)));
  });

  it('refuses UPDATE, DELETE and TRUNCATE on the audit table, a record inserted already linked, and rewinding or removing the chain head', async () => {
    await expect(t.db.query(`UPDATE audit_log SET action = 'forged'`)).rejects.toThrow(/append-only/);
    await expect(t.db.query('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
    await expect(t.db.query('TRUNCATE audit_log')).rejects.toThrow(/append-only/);
    await expect(
      t.db.query(`INSERT INTO audit_log (occurred_at, action, entity_type, chain_position, prev_hash, hash, linked_at) VALUES (now(), 'x', 'test', 999, 'a', 'b', now())`),
    ).rejects.toThrow(/inserted unlinked/);
    await expect(t.db.query(`UPDATE audit_chain_head SET position = position - 1`)).rejects.toThrow(/only moves forward/);
    await expect(t.db.query('DELETE FROM audit_chain_head')).rejects.toThrow(/only moves forward/);
    await expect(t.db.query('TRUNCATE audit_chain_head')).rejects.toThrow(/only moves forward/);
  });

  it('lets the link columns be set once, from NULL, and nothing else with them', async () => {
    // Rolled back: a hand-made link would break this file's chain.
    const runner = t.db.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      const [{ seq }] = await runner.query(`INSERT INTO audit_log (occurred_at, action, entity_type) VALUES (now(), 'test.link', 'test') RETURNING seq::text`);
      const link = `chain_position = 1000000, prev_hash = 'p', hash = 'h', linked_at = now()`;
      await runner.query('SAVEPOINT s');
      await expect(runner.query(`UPDATE audit_log SET ${link}, action = 'forged' WHERE seq = $1`, [seq])).rejects.toThrow(/append-only: UPDATE refused/);
      await runner.query('ROLLBACK TO SAVEPOINT s');
      await expect(runner.query(`UPDATE audit_log SET chain_position = 1000000, hash = 'h', linked_at = now() WHERE seq = $1`, [seq])).rejects.toThrow(/append-only/);
      await runner.query('ROLLBACK TO SAVEPOINT s');
      await runner.query(`UPDATE audit_log SET ${link} WHERE seq = $1`, [seq]);
      await expect(runner.query(`UPDATE audit_log SET hash = 'other' WHERE seq = $1`, [seq])).rejects.toThrow(/append-only: UPDATE refused/);
      await runner.query('ROLLBACK TO SAVEPOINT s');
      await expect(runner.query(`UPDATE audit_log SET chain_position = NULL, prev_hash = NULL, hash = NULL, linked_at = NULL WHERE seq = $1`, [seq])).rejects.toThrow(/append-only/);
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  });

  it('keeps the chain whole when many changes are audited at once', async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        t.http.post('/api/v1/users').set('Authorization', `Bearer ${admin.token}`).send({ email: `burst${i}@immigration.go.kr`, name: 'B', role: 'officer', password: 'long enough password' }),
      ),
    );
    await t.app.get(AuditChainer).linkPending();
    expect(await t.app.get(AuditService).verify()).toMatchObject({ valid: true, unlinked: { count: 0 } });
  });

  it('chains several records written at once, in order, alongside single writers', async () => {
    const audit = t.app.get(AuditService);
    await Promise.all([
      ...Array.from({ length: 5 }, (_, b) =>
        t.db.transaction((m) => audit.recordMany(m, Array.from({ length: 10 }, (_, i) => ({ action: `test.batch`, entityType: 'test', entityId: `b${b}-${i}`, actor: null })))),
      ),
      ...Array.from({ length: 5 }, (_, i) => t.db.transaction((m) => audit.record(m, { action: 'test.single', entityType: 'test', entityId: `s${i}`, actor: null }))),
    ]);
    const batch = await t.db.query(`SELECT entity_id FROM audit_log WHERE entity_id LIKE 'b0-%' ORDER BY seq`);
    expect(batch.map((r: { entity_id: string }) => r.entity_id)).toEqual(Array.from({ length: 10 }, (_, i) => `b0-${i}`));
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM audit_log WHERE entity_type = 'test'`);
    expect(n).toBe(55);
    await t.app.get(AuditChainer).linkPending();
    expect(await audit.verify()).toMatchObject({ valid: true, unlinked: { count: 0 } });
    await t.db.transaction((m) => audit.recordMany(m, []));
    await expect(audit.recordMany(t.db.manager, [{ action: 'x', entityType: 'test' }])).rejects.toThrow(/inside the transaction/);
  });

  it('shows supervisors and ministry reviewers only their entities', async () => {
    const supervisor = await t.user('supervisor');
    const res = await t.http.get('/api/v1/audit').set('Authorization', `Bearer ${supervisor.token}`).expect(200);
    expect(res.body.items.every((r: { entityType: string }) => r.entityType !== 'user')).toBe(true);
    const asked = await t.http.get('/api/v1/audit?entityType=user').set('Authorization', `Bearer ${supervisor.token}`).expect(200);
    expect(asked.body.items).toEqual([]);
  });

  it('pages newest first with a cursor', async () => {
    const first = await t.http.get('/api/v1/audit?limit=2').set('Authorization', `Bearer ${admin.token}`).expect(200);
    expect(first.body.items).toHaveLength(2);
    expect(Number(first.body.items[0].seq)).toBeGreaterThan(Number(first.body.items[1].seq));
    const next = await t.http.get(`/api/v1/audit?limit=2&cursor=${first.body.nextCursor}`).set('Authorization', `Bearer ${admin.token}`).expect(200);
    expect(Number(next.body.items[0].seq)).toBeLessThan(Number(first.body.items[1].seq));
  });
  // Last: they break the chain of this file's database.
  it('names a record altered behind the trigger\'s back, a record removed, and the end of the chain removed', async () => {
    await t.app.get(AuditChainer).linkPending();
    const verify = async () => (await t.http.get('/api/v1/audit/verify').set('Authorization', `Bearer ${admin.token}`).expect(200)).body;
    const at = async (position: number) => (await t.db.query(`SELECT seq::text FROM audit_log WHERE chain_position = $1`, [position]))[0].seq as string;
    const [{ head }] = await t.db.query(`SELECT max(chain_position)::int AS head FROM audit_log`);
    await t.db.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only');
    try {
      await t.db.query('DELETE FROM audit_log WHERE chain_position >= $1', [head - 1]);
      expect(await verify()).toMatchObject({ valid: false, firstInvalidSeq: null, firstInvalidPosition: String(head - 1), reason: expect.stringMatching(/last linked records.*removed/) });

      const third = await at(3);
      await t.db.query('DELETE FROM audit_log WHERE chain_position = 2');
      expect(await verify()).toMatchObject({ valid: false, checked: 1, firstInvalidSeq: third, firstInvalidPosition: '2', reason: expect.stringMatching(/position 2 was removed/) });

      const first = await at(1);
      await t.db.query(`UPDATE audit_log SET after = jsonb_set(after, '{name}', '"Tampered"') WHERE seq = $1`, [first]);
      expect(await verify()).toMatchObject({ valid: false, checked: 0, firstInvalidSeq: first, firstInvalidPosition: '1', reason: 'this record was altered' });

      await t.db.query('ALTER TABLE audit_chain_head DISABLE TRIGGER audit_chain_head_forward');
      await t.db.query('DELETE FROM audit_chain_head');
      expect(await verify()).toMatchObject({ valid: false, reason: 'the chain head is missing' });
    } finally {
      await t.db.query('ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only');
      await t.db.query('ALTER TABLE audit_chain_head ENABLE TRIGGER audit_chain_head_forward');
    }
  });
});
