import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AppLogger } from '@medjourney/platform';
import { startTestApp, type TestApp } from '@medjourney/testing';

/**
 * spec/security.md, Personal data: a failed statement is logged with its code and the
 * statement's shape, never its parameters. Before, the line carried TypeORM's `parameters` and
 * PostgreSQL's "Failing row contains (…)": the password hash, e-mail and name.
 */
describe('the log of a failed statement', () => {
  let t: TestApp;
  const chunks: string[] = [];
  const lines = () => chunks.join('').split('\n').filter(Boolean);
  const SECRET_NAME = 'Secret Name Kwon Hye-jin';
  const SECRET_EMAIL = 'secret.mailbox.7731@test.medjourney.dev';
  const SECRET_PASSWORD = 'secret password never logged';

  beforeAll(async () => {
    t = await startTestApp({ env: { LOG_LEVEL: 'error' }, logStream: new Writable({ write(chunk, _enc, cb) { chunks.push(chunk.toString()); cb(); } }) });
    // As main.ts does: Nest's loggers (the error filter's among them) write through pino.
    t.app.useLogger(t.app.get(AppLogger));
    // A rule the application does not know, so that its INSERT of a new account fails in PostgreSQL.
    await t.db.query(`ALTER TABLE users ADD CONSTRAINT provoked_failure CHECK (name NOT LIKE 'Secret Name%')`);
  });
  afterAll(() => t.close());

  it('keeps the SQLSTATE code, the constraint and the statement, and none of the values', async () => {
    const admin = await t.user('admin');
    const res = await t.http.post('/api/v1/users').set('Authorization', `Bearer ${admin.token}`).set('Idempotency-Key', 'provoke-1')
      .send({ email: SECRET_EMAIL, password: SECRET_PASSWORD, name: SECRET_NAME, role: 'officer' });
    expect(res.status).toBe(500);
    expect(JSON.stringify(res.body)).not.toContain('Secret');

    const [hash] = (await t.db.query(`SELECT password_hash FROM users WHERE id = $1`, [admin.id])) as { password_hash: string }[];
    const errorLines = lines().filter((l) => l.includes('"unexpected error"'));
    expect(errorLines).toHaveLength(1);
    const line = JSON.parse(errorLines[0]);
    expect(line.err).toMatchObject({ code: '23514', constraint: 'provoked_failure', table: 'users', statement: expect.stringMatching(/^INSERT INTO users \(.*\) VALUES \(\$1, \$2/) });
    const text = lines().join('\n');
    for (const secret of [SECRET_NAME, 'Kwon', SECRET_EMAIL, 'secret.mailbox', SECRET_PASSWORD, '$argon2', hash.password_hash.slice(0, 20)]) {
      expect({ secret, found: text.includes(secret) }).toEqual({ secret, found: false });
    }
  });

  it('masks a value PostgreSQL quotes in its message', async () => {
    const logger = t.app.get(AppLogger);
    const error = await t.db.query('SELECT $1::uuid', ['passport-M12345678']).catch((e: unknown) => e);
    logger.error({ err: error }, 'unexpected error', 'Errors');
    const line = JSON.parse(lines().at(-1)!);
    expect(line.err).toMatchObject({ code: '22P02', message: 'invalid input syntax for type uuid: "…"', statement: 'SELECT $1::uuid' });
    expect(lines().at(-1)).not.toContain('M12345678');
  });
});
