import { describe, expect, it } from '@jest/globals';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { DomainError } from '../errors/domain-error.js';
import { decodeCursor, encodeCursor, PageQuery, type CursorCast } from './pagination.js';

const keys = (...casts: CursorCast[]) => casts.map((cast) => ({ cast }));
const b64 = (text: string) => Buffer.from(text).toString('base64url');
const ID = '0b7e4c3e-8f1a-4c2b-9d3e-5f6a7b8c9d0e';

function refusal(run: () => unknown): DomainError | undefined {
  try {
    run();
  } catch (e) {
    return e as DomainError;
  }
  return undefined;
}

describe('cursors', () => {
  it('round-trip the sort values, dates as ISO strings', () => {
    const cursor = encodeCursor([new Date('2026-11-22T09:00:00Z'), 'a1b2', 42, ID, '9007199254740993', null]);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor, keys('timestamptz', 'text', 'int', 'uuid', 'bigint', 'numeric'))).toEqual(['2026-11-22T09:00:00.000Z', 'a1b2', 42, ID, '9007199254740993', null]);
  });

  it.each([
    ['not base64url', '%%%', keys('uuid')],
    ['base64 of no JSON', b64('not json'), keys('uuid')],
    ['an object, not an array', b64('{"a":1}'), keys('uuid')],
    ['an array of objects', b64('[{"x":1}]'), keys('uuid')],
    ['an empty array', b64('[]'), keys()],
    ['too few values', encodeCursor([ID]), keys('timestamptz', 'uuid')],
    ['too many values', encodeCursor(['2026-01-01T00:00:00.000Z', ID, ID]), keys('timestamptz', 'uuid')],
    ['a uuid that is none', encodeCursor(['not-a-uuid']), keys('uuid')],
    ['a number for a uuid', encodeCursor([7]), keys('uuid')],
    ['an instant that is none', encodeCursor(['yesterday', ID]), keys('timestamptz', 'uuid')],
    ['an impossible day', encodeCursor(['2026-02-30T00:00:00.000Z', ID]), keys('timestamptz', 'uuid')],
    ['year 0', encodeCursor(['0000-01-01T00:00:00.000Z', ID]), keys('timestamptz', 'uuid')],
    ['a bigint out of range', encodeCursor(['99999999999999999999999']), keys('bigint')],
    ['a fraction for a bigint', encodeCursor([1.5]), keys('bigint')],
    ['an int beyond 32 bits', encodeCursor([2 ** 31, '2026-01-01T00:00:00.000Z', ID]), keys('int', 'timestamptz', 'uuid')],
    ['a string for an int', encodeCursor(['1', '2026-01-01T00:00:00.000Z', ID]), keys('int', 'timestamptz', 'uuid')],
    ['text with a NUL', encodeCursor(['a\u0000b', ID]), keys('text', 'uuid')],
    ['text with a lone surrogate', encodeCursor(['\uD800', ID]), keys('text', 'uuid')],
    ['a word for a numeric', encodeCursor(['NaN', ID]), keys('numeric', 'uuid')],
  ])('refuse %s with 400 on the field cursor', (_what, cursor, sortKeys) => {
    expect(refusal(() => decodeCursor(cursor, sortKeys))).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', errors: [{ field: 'cursor' }] });
  });

  it('PageQuery refuses a cursor of the wrong form before any list reads it', () => {
    const errorsOf = (cursor: string) => validateSync(plainToInstance(PageQuery, { cursor })).map((e) => e.property);
    expect(errorsOf(encodeCursor(['2026-01-01T00:00:00.000Z', ID]))).toEqual([]);
    for (const bad of ['%%%', b64('{}'), b64('[[1]]'), b64('[]'), b64(JSON.stringify(new Array(9).fill(1)))]) expect(errorsOf(bad)).toEqual(['cursor']);
  });
});
