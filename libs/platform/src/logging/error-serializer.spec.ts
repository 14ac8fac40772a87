import { describe, expect, it } from '@jest/globals';
import { serializeError } from './error-serializer.js';

describe('serializeError', () => {
  it('logs a failed statement by its code and shape, without parameters, detail or quoted values', () => {
    const driverError = Object.assign(new Error('new row for relation "users" violates check constraint "users_role_check"'), {
      code: '23514', severity: 'ERROR', routine: 'ExecConstraints', table: 'users', constraint: 'users_role_check',
      detail: 'Failing row contains (x@example.org, $argon2id$secret, Kim Secret).',
    });
    const error = Object.assign(new Error(driverError.message), {
      name: 'QueryFailedError', driverError, query: "INSERT INTO users (email, password_hash, name, note)\n  VALUES ($1, $2, $3, 'literal secret')",
      parameters: ['x@example.org', '$argon2id$secret', 'Kim Secret'],
    });
    const out = serializeError(error) as Record<string, unknown>;
    expect(out).toMatchObject({
      type: 'QueryFailedError', code: '23514', table: 'users', constraint: 'users_role_check', routine: 'ExecConstraints',
      statement: "INSERT INTO users (email, password_hash, name, note) VALUES ($1, $2, $3, '…')",
      message: 'new row for relation "…" violates check constraint "…"',
    });
    const text = JSON.stringify(out);
    for (const secret of ['x@example.org', '$argon2id$secret', 'Kim Secret', 'literal secret', 'Failing row']) expect(text).not.toContain(secret);
  });

  it('leaves other errors to pino\'s standard serializer', () => {
    expect(serializeError(new Error('boom'))).toMatchObject({ type: 'Error', message: 'boom' });
    expect(serializeError('a string')).toBe('a string');
  });
});
