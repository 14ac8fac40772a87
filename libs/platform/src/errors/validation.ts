import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { DomainError, type FieldProblem } from './domain-error.js';

/**
 * The most `errors[]` entries one answer lists: an array of 200,000 bad items would otherwise
 * answer with megabytes of problems, and the first ones are enough to fix the request.
 */
export const MAX_LISTED_ERRORS = 100;

/** Flattens class-validator's tree into `errors[]` entries with dotted field paths. */
export function flattenValidationErrors(errors: ValidationError[], parent = '', out: FieldProblem[] = []): FieldProblem[] {
  for (const e of errors) {
    const field = parent ? `${parent}.${e.property}` : e.property;
    for (const message of Object.values(e.constraints ?? {})) {
      if (out.length >= MAX_LISTED_ERRORS) return out;
      out.push({ field, message });
    }
    // Appends in place: spreading a child list of 200,000 entries into push() overflowed the stack.
    if (e.children?.length) flattenValidationErrors(e.children, field, out);
  }
  return out;
}

/** The one validation pipe: unknown fields are refused, types are converted only when declared. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => DomainError.validation(flattenValidationErrors(errors)),
  });
}
