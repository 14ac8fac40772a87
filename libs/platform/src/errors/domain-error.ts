/** One field-level problem, as listed in a problem+json `errors` array. */
export interface FieldProblem {
  field: string;
  message: string;
}

/**
 * The one error type of the domain. Code that enforces a rule throws this with the spec's
 * `code`; a single filter (ProblemDetailsFilter) turns it into application/problem+json.
 */
export class DomainError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    detail?: string,
    readonly errors?: FieldProblem[],
    readonly headers?: Record<string, string>,
    /** Extension members of the problem (RFC 9457 §3.2), for what a client acts on: `lastBookableDay`. */
    readonly extensions?: Record<string, string | number>,
  ) {
    super(detail ?? title);
    this.name = 'DomainError';
  }

  get detail(): string {
    return this.message;
  }

  static validation(errors: FieldProblem[], detail = 'The request is not valid.') {
    return new DomainError(400, 'VALIDATION_FAILED', 'Validation failed', detail, errors);
  }
  static unauthenticated(detail = 'Authentication is required.') {
    return new DomainError(401, 'UNAUTHENTICATED', 'Unauthenticated', detail);
  }
  static forbidden(detail = 'Your role may not do this.') {
    return new DomainError(403, 'FORBIDDEN', 'Forbidden', detail);
  }
  static notFound(what = 'resource') {
    return new DomainError(404, 'NOT_FOUND', 'Not found', `No such ${what}.`);
  }
  static conflict(code = 'CONFLICT', detail = 'The resource changed; reload and try again.') {
    return new DomainError(409, code, 'Conflict', detail);
  }
  /** A business rule refused the request (422 with the rule's code). */
  static rule(code: string, title: string, detail?: string, errors?: FieldProblem[], extensions?: Record<string, string | number>) {
    return new DomainError(422, code, title, detail, errors, undefined, extensions);
  }
  static rateLimited(retryAfterSeconds: number) {
    const seconds = Math.max(1, Math.ceil(retryAfterSeconds));
    return new DomainError(429, 'RATE_LIMITED', 'Too many requests', `Try again in ${seconds} seconds.`, undefined, {
      'Retry-After': String(seconds),
    });
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a path id is a UUID; anything else can name no row. */
export const isUuid = (id: string): boolean => UUID.test(id);

/** A path id that is not a UUID is simply not found (404), never a database error. */
export function assertUuid(id: string, what: string): void {
  if (!isUuid(id)) throw DomainError.notFound(what);
}
