import { describe, expect, it } from '@jest/globals';
import { DomainError } from '../errors/domain-error.js';
import type { Request, Response } from 'express';
import { HostileTextPipe, hostileTextProblem, isUnstorableText, rejectHostileText } from './hostile-text.js';

describe('hostile text', () => {
  it.each([
    ['a NUL', 'abc\u0000def', true],
    ['a lone high surrogate', 'name \uD800', true],
    ['a lone low surrogate', '\uDC00 name', true],
    ['reversed halves', '\uDC00\uD800', true],
    ['a surrogate pair (an emoji)', 'Ana \uD83D\uDE00', false],
    ['Hangul, Cyrillic and Arabic', '서울 Москва دبي', false],
    ['an empty string', '', false],
  ])('%s', (_what, text, unstorable) => {
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

describe('the middleware', () => {
  const run = (originalUrl: string, query: Record<string, unknown> = {}, body?: unknown): unknown => {
    let passed: unknown = 'not called';
    rejectHostileText({ originalUrl, query, body } as unknown as Request, {} as Response, (e?: unknown) => { passed = e; });
    return passed;
  };

  it('lets ordinary requests through', () => {
    expect(run('/api/v1/hospitals?q=%EC%84%9C%EC%9A%B8&limit=5', { q: '서울', limit: '5' }, { name: 'ok' })).toBeUndefined();
  });

  it.each([
    ['a NUL in the path', '/api/v1/users/a%00b', 'path'],
    ['a lone surrogate in the path, as CESU-8 bytes', '/api/v1/users/%ED%A0%80', 'path'],
    ['a NUL in a query value', '/api/v1/audit?entityId=%00', 'entityId'],
    ['a lone surrogate in a query value', '/api/v1/visa-applications?q=%ED%A0%80', 'q'],
    ['malformed percent-encoding in a query name', '/api/v1/audit?%E0=1', 'query'],
  ])('refuses %s with 400 naming %s', (_what, url, field) => {
    expect(run(url)).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', errors: [{ field }] });
  });
});
