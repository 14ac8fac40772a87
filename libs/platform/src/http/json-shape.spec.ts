import { describe, expect, it } from '@jest/globals';
import { jsonShapeProblem, MAX_JSON_ARRAY_LENGTH, MAX_JSON_DEPTH } from './json-shape.js';
import { flattenValidationErrors, MAX_LISTED_ERRORS } from '../errors/validation.js';

const nested = (levels: number, leaf: unknown = 1): unknown => {
  let value = leaf;
  for (let i = 1; i < levels; i++) value = i % 2 ? { a: value } : [value];
  return value;
};

describe('jsonShapeProblem', () => {
  it('accepts bodies up to the depth limit, scalars and null', () => {
    for (const body of [undefined, null, 'text', 12, {}, [], { a: [{ b: 'c' }] }, nested(MAX_JSON_DEPTH, {})]) {
      expect(jsonShapeProblem(body)).toBeUndefined();
    }
  });

  it('refuses one level more than the limit, and 100,000 levels without overflowing the stack', () => {
    expect(jsonShapeProblem(nested(MAX_JSON_DEPTH + 1, {}))).toMatch(`${MAX_JSON_DEPTH} levels`);
    expect(jsonShapeProblem(nested(100_000))).toMatch(`${MAX_JSON_DEPTH} levels`);
  });

  it('counts only objects and arrays as levels', () => {
    expect(jsonShapeProblem(nested(MAX_JSON_DEPTH, 'leaf'))).toBeUndefined();
  });

  it('accepts arrays up to the length limit and refuses a longer one anywhere in the body', () => {
    expect(jsonShapeProblem({ a: new Array(MAX_JSON_ARRAY_LENGTH).fill(0) })).toBeUndefined();
    expect(jsonShapeProblem({ a: { b: new Array(MAX_JSON_ARRAY_LENGTH + 1).fill(0) } })).toMatch(`${MAX_JSON_ARRAY_LENGTH} items`);
    expect(jsonShapeProblem(new Array(200_000).fill(0))).toMatch(`${MAX_JSON_ARRAY_LENGTH} items`);
  });
});

describe('flattenValidationErrors', () => {
  it('lists at most MAX_LISTED_ERRORS problems, however many children failed', () => {
    const children = Array.from({ length: 200_000 }, (_, i) => ({ property: String(i), constraints: { isString: 'must be a string' }, children: [] }));
    const errors = flattenValidationErrors([{ property: 'items', children }]);
    expect(errors).toHaveLength(MAX_LISTED_ERRORS);
    expect(errors[0]).toEqual({ field: 'items.0', message: 'must be a string' });
  });
});
