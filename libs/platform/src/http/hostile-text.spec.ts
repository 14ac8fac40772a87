import { describe, expect, it } from '@jest/globals';
import { DomainError } from '../errors/domain-error.js';
import { HostileTextPipe, hostileTextProblem, isUnstorableText } from './hostile-text.js';

describe('hostile text', () => {
  it.each([
    ['a NUL', 'abc\u0000def', true],
    ['a lone high surrogate', 'name \uD800', true],
    ['a lone low surrogate', '\uDC00 name', true],
    ['reversed halves', '\uDC00\uD800', true],
    ['a surrogate pair (an emoji)', 'Ana \uD83D\uDE00', false],
    ['Hangul, Cyrillic and Arabic', '서울 Москва دبي', false],
    ['an empty string', '', false],
  ])('%s is %s', (_what, text, unstorable) => {
    expect(isUnstorableText(text)).toBe(unstorable);
  });

  it('finds bad text at any depth, in values and in keys, and names its path', () => {
    expect(hostileTextProblem({ patient: { persons: [{ name: 'ok' }, { name: 'x\u0000' }] } }, '')).toEqual({
      field: 'patient.persons.1.name',
      message: expect.stringContaining('NUL'),
    });
    expect(hostileTextProblem({ a: { ['k\uD800']: 1 } }, '')?.field).toBe('a');
    expect(hostileTextProblem('x\u0000', 'entityId')?.field).toBe('entityId');
    expect(hostileTextProblem({ a: [1, true, null, 'fine', { b: 'fine' }] }, '')).toBeUndefined();
  });

  it('refuses __proto__, constructor and prototype keys at any depth', () => {
    for (const key of ['__proto__', 'constructor', 'prototype']) {
      const body = JSON.parse(`{"patient":{"${key}":{"isAdmin":true}}}`);
      expect(hostileTextProblem(body, '')).toEqual({ field: `patient.${key}`, message: `${key} is not an accepted field name` });
    }
  });

  it('walks a deep body without recursion', () => {
    let deep: unknown = 'x\u0000';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(hostileTextProblem(deep, '')).toBeDefined();
  });

  it('the pipe skips a file\'s bytes but checks its name and the multipart fields', () => {
    const pipe = new HostileTextPipe();
    const file = { originalname: 'scan.pdf', buffer: Buffer.from('\u0000\u0000'), size: 2 };
    expect(pipe.transform(file, { type: 'custom' })).toBe(file);
    expect(() => pipe.transform({ ...file, originalname: 'scan\u0000.pdf' }, { type: 'custom' })).toThrow(DomainError);
    let error: DomainError | undefined;
    try {
      pipe.transform({ type: 'passport_copy', personId: '\uD800' }, { type: 'body' });
    } catch (e) {
      error = e as DomainError;
    }
    expect(error).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', errors: [{ field: 'personId' }] });
  });
});
