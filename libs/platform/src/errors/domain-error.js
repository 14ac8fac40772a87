export class DomainError extends Error {
    status;
    code;
    title;
    errors;
    headers;
    constructor(status, code, title, detail, errors, headers) {
        super(detail ?? title);
        this.status = status;
        this.code = code;
        this.title = title;
        this.errors = errors;
        this.headers = headers;
        this.name = 'DomainError';
    }
    get detail() {
        return this.message;
    }
    static validation(errors, detail = 'The request is not valid.') {
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
    static rule(code, title, detail, errors) {
        return new DomainError(422, code, title, detail, errors);
    }
    static rateLimited(retryAfterSeconds) {
        const seconds = Math.max(1, Math.ceil(retryAfterSeconds));
        return new DomainError(429, 'RATE_LIMITED', 'Too many requests', `Try again in ${seconds} seconds.`, undefined, {
            'Retry-After': String(seconds),
        });
    }
}
//# sourceMappingURL=domain-error.js.map