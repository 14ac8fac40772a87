import type { ArgumentMetadata, PipeTransform } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { DomainError, type FieldProblem } from '../errors/domain-error.js';

/**
 * NUL, or a UTF-16 surrogate that is not half of a pair (under the `u` flag a pair is one code
 * point, so `\p{Cs}` matches only the lone halves). PostgreSQL refuses NUL in text and both in
 * jsonb, which answered 500 from deep inside a statement.
 */
const UNSTORABLE = /[\0\p{Cs}]/u;

/**
 * Keys that reach an object's prototype when code copies a body into an object: refused
 * wherever unknown fields are refused (every body and query), whatever the DTO allows.
 */
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export const isUnstorableText = (s: string): boolean => UNSTORABLE.test(s);

/** Only JSON-like containers are walked: a Buffer (an uploaded file's bytes) holds no text. */
function isWalkable(node: unknown): node is Record<string, unknown> {
  if (typeof node !== 'object' || node === null) return false;
  if (Array.isArray(node)) return true;
  const proto = Object.getPrototypeOf(node);
  return proto === Object.prototype || proto === null;
}

/**
 * The first text this value holds (keys included, at any depth) that no route may receive,
 * named by its dotted path under `root`; walked with a stack, never by recursion.
 */
export function hostileTextProblem(value: unknown, root: string): FieldProblem | undefined {
  const pending: [unknown, string][] = [[value, root]];
  while (pending.length) {
    const [node, path] = pending.pop()!;
    if (typeof node === 'string') {
      if (isUnstorableText(node)) return { field: path, message: 'must not contain NUL characters or unpaired UTF-16 surrogates' };
      continue;
    }
    if (!isWalkable(node)) continue;
    for (const key of Object.keys(node)) {
      const child = path ? `${path}.${key}` : key;
      if (isUnstorableText(key)) return { field: path || 'body', message: 'field names must not contain NUL characters or unpaired UTF-16 surrogates' };
      if (PROTOTYPE_KEYS.has(key)) return { field: child, message: `${key} is not an accepted field name` };
      pending.push([node[key], child]);
    }
  }
  return undefined;
}

const refusal = (problem: FieldProblem) => DomainError.validation([problem], 'The request holds text that cannot be accepted.');

/** Percent-decoding as strict as the text rule: a lone surrogate reaches a URL only as malformed UTF-8 (CESU-8 bytes). */
function urlPartProblem(part: string, field: string): FieldProblem | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(part.replace(/\+/g, ' '));
  } catch {
    return { field, message: 'is not valid percent-encoded UTF-8' };
  }
  return isUnstorableText(decoded) ? { field, message: 'must not contain NUL characters or unpaired UTF-16 surrogates' } : undefined;
}

/**
 * The path and each query parameter as sent: Express decodes malformed UTF-8 in a query into
 * replacement characters, which would hide a surrogate the client meant to send.
 */
function urlProblem(req: Request): FieldProblem | undefined {
  const [path, query = ''] = req.originalUrl.split('?', 2);
  const pathProblem = urlPartProblem(path, 'path');
  if (pathProblem) return pathProblem;
  for (const pair of query.split('&')) {
    const [name, value = ''] = pair.split('=', 2);
    const named = urlPartProblem(name, 'query') ?? urlPartProblem(value, decodeName(name));
    if (named) return named;
  }
  return undefined;
}

const decodeName = (name: string): string => {
  try {
    return decodeURIComponent(name);
  } catch {
    return 'query';
  }
};

/**
 * Express middleware after the JSON parser: the path, the query string (as sent and as parsed)
 * and a JSON body are checked before any guard, pipe or statement sees them.
 */
export function rejectHostileText(req: Request, _res: Response, next: NextFunction): void {
  const problem = urlProblem(req) ?? hostileTextProblem(req.query, '') ?? hostileTextProblem(req.body, '');
  next(problem ? refusal(problem) : undefined);
}

/**
 * The same rule for what the middleware cannot see: multipart fields and file names, which
 * multer parses inside the route. Runs before the validation pipe on every argument.
 */
export class HostileTextPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    const problem = hostileTextProblem(value, metadata.type === 'custom' || metadata.type === 'body' ? '' : (metadata.data ?? ''));
    if (problem) throw refusal(problem);
    return value;
  }
}
