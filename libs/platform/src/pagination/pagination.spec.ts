import { describe, expect, it } from '@jest/globals';
import { DomainError } from '../errors/domain-error.js';
import { decodeCursor, encodeCursor } from './pagination.js';

describe('cursors', () => {
  it('round-trip the sort values, dates as ISO strings', () => {
    const cursor = encodeCursor([new Date('2026-11-22T09:00:00Z'), 'a1b2', 42]);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor, 3)).toEqual(['2026-11-22T09:00:00.000Z', 'a1b2', 42]);
  });

  it.each(['%%%', encodeCursor(['only one']), Buffer.from('{"a":1}').toString('base64url'), Buffer.from('[{"x":1}]').toString('base64url')])(
    'refuse a cursor they did not issue (%s) with 400',
    (bad) => {
      let error: unknown;
      try {
        decodeCursor(bad, bad === '%%%' ? 1 : 2);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).status).toBe(400);
    },
  );
});
