import type { NextFunction, Request, Response } from 'express';
import { DomainError } from '../errors/domain-error.js';

/**
 * The deepest JSON body any route accepts. Our deepest DTO is a few levels; class-transformer
 * and class-validator recurse once per level, so a body thousands of levels deep overflowed
 * the stack (a 500) before any validation ran.
 */
export const MAX_JSON_DEPTH = 32;
/**
 * The longest array any route accepts (our DTOs allow at most 50 items). An array of 200,000
 * items cost about two seconds of transformation and validation before its 400.
 */
export const MAX_JSON_ARRAY_LENGTH = 1000;

/** What is wrong with the shape of a parsed body, if anything; walked with a stack, never by recursion. */
export function jsonShapeProblem(value: unknown): string | undefined {
  const pending: [unknown, number][] = [[value, 1]];
  while (pending.length) {
    const [node, depth] = pending.pop()!;
    if (typeof node !== 'object' || node === null) continue;
    if (depth > MAX_JSON_DEPTH) return `must not nest objects or arrays more than ${MAX_JSON_DEPTH} levels deep`;
    if (Array.isArray(node) && node.length > MAX_JSON_ARRAY_LENGTH) return `must not hold an array of more than ${MAX_JSON_ARRAY_LENGTH} items`;
    for (const child of Object.values(node)) {
      if (typeof child === 'object' && child !== null) pending.push([child, depth + 1]);
    }
  }
  return undefined;
}

/** Express middleware after the JSON parser: refuses a too-deep or too-wide body with 400 before any pipe transforms it. */
export function rejectOversizedJson(req: Request, _res: Response, next: NextFunction): void {
  const message = jsonShapeProblem(req.body);
  next(message ? DomainError.validation([{ field: 'body', message }], 'The body is nested too deeply or holds too long an array.') : undefined);
}
