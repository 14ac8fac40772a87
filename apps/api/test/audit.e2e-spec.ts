import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AuditService } from '@medjourney/platform';
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

  it('refuses UPDATE, DELETE and TRUNCATE on the audit table', async () => {
    await expect(t.db.query(`UPDATE audit_log SET action = 'forged'`)).rejects.toThrow(/append-only/);
    await expect(t.db.query('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
    await expect(t.db.query('TRUNCATE audit_log')).rejects.toThrow(/append-only/);
  });

  it('verifies an intact chain', async () => {
    const res = await t.http.get('/api/v1/audit/verify').set('Authorization', `Bearer ${admin.token}`).expect(200);
    expect(res.body).toMatchObject({ valid: true, firstInvalidSeq: null });
    expect(res.body.checked).toBeGreaterThanOrEqual(4);
  });

  it('keeps the chain whole when many changes are audited at once', async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        t.http.post('/api/v1/users').set('Authorization', `Bearer ${admin.token}`).send({ email: `burst${i}@immigration.go.kr`, name: 'B', role: 'officer', password: 'long enough password' }),
      ),
    );
    expect((await t.app.get(AuditService).verify()).valid).toBe(true);
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
    expect((await audit.verify()).valid).toBe(true);
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
  // Last: it breaks the chain of this file's database.
  it('detects a record altered behind the trigger\'s back, and a record removed', async () => {
    const [{ seq }] = await t.db.query(`SELECT seq::text FROM audit_log ORDER BY seq LIMIT 1 OFFSET 1`);
    await t.db.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only');
    try {
      await t.db.query(`UPDATE audit_log SET after = jsonb_set(after, '{name}', '"Tampered"') WHERE seq = $1`, [seq]);
      const altered = await t.http.get('/api/v1/audit/verify').set('Authorization', `Bearer ${admin.token}`).expect(200);
      expect(altered.body).toMatchObject({ valid: false, firstInvalidSeq: seq });

      const [{ last }] = await t.db.query(`SELECT max(seq)::text AS last FROM audit_log`);
      await t.db.query('DELETE FROM audit_log WHERE seq < $1', [last]);
      const removed = await t.http.get('/api/v1/audit/verify').set('Authorization', `Bearer ${admin.token}`).expect(200);
      expect(removed.body).toMatchObject({ valid: false, firstInvalidSeq: last });
    } finally {
      await t.db.query('ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only');
    }
  });
});
