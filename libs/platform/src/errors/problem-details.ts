import type { FieldProblem } from './domain-error.js';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
const TYPE_BASE = 'https://medjourney.dev/problems/';

export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  code: string;
  detail?: string;
  instance?: string;
  errors?: FieldProblem[];
  [extension: string]: unknown;
}

export function problem(status: number, code: string, title: string, detail?: string, errors?: FieldProblem[], extensions?: Record<string, string | number>): ProblemDetails {
  return {
    ...extensions,
    type: TYPE_BASE + code.toLowerCase().replace(/_/g, '-'),
    title,
    status,
    code,
    ...(detail ? { detail } : {}),
    ...(errors?.length ? { errors } : {}),
  };
}

/** Status codes raised by the HTTP layer itself (router, body parser) and their codes. */
export function problemForHttpStatus(status: number, detail?: string): ProblemDetails {
  switch (status) {
    case 400: return problem(400, 'VALIDATION_FAILED', 'Validation failed', detail);
    case 401: return problem(401, 'UNAUTHENTICATED', 'Unauthenticated', detail);
    case 403: return problem(403, 'FORBIDDEN', 'Forbidden', detail);
    case 404: return problem(404, 'NOT_FOUND', 'Not found', detail ?? 'No such resource.');
    case 405: return problem(405, 'METHOD_NOT_ALLOWED', 'Method not allowed', detail);
    case 409: return problem(409, 'CONFLICT', 'Conflict', detail);
    case 413: return problem(413, 'PAYLOAD_TOO_LARGE', 'Payload too large', detail);
    case 415: return problem(415, 'UNSUPPORTED_MEDIA_TYPE', 'Unsupported media type', detail);
    case 429: return problem(429, 'RATE_LIMITED', 'Too many requests', detail);
    default:
      return status >= 500
        ? problem(500, 'INTERNAL_ERROR', 'Internal error', 'Something went wrong on our side.')
        : problem(status, 'BAD_REQUEST', 'Bad request', detail);
  }
}
