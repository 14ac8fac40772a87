import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiResponse } from '@nestjs/swagger';

export class FieldProblemDto {
  @ApiProperty({ example: 'email' }) field: string;
  @ApiProperty({ example: 'email must be an email' }) message: string;
}

/** The problem+json body of every error (RFC 9457 plus `code`). */
export class ProblemDto {
  @ApiProperty({ example: 'https://medjourney.dev/problems/validation-failed' }) type: string;
  @ApiProperty({ example: 'Validation failed' }) title: string;
  @ApiProperty({ example: 400 }) status: number;
  @ApiProperty({ example: 'VALIDATION_FAILED' }) code: string;
  @ApiProperty({ required: false }) detail?: string;
  @ApiProperty({ required: false, type: [FieldProblemDto] }) errors?: FieldProblemDto[];
}

const DESCRIPTIONS: Record<number, string> = {
  400: 'VALIDATION_FAILED: malformed JSON, wrong types, unknown fields, out-of-range values',
  401: 'UNAUTHENTICATED: no token, bad or expired token',
  403: 'FORBIDDEN: the caller\'s role may never do this',
  404: 'NOT_FOUND: no such resource, or outside the caller\'s scope',
  409: 'CONFLICT (or a specific code): lost race, state does not allow it, IDEMPOTENCY_KEY_IN_USE',
  413: 'PAYLOAD_TOO_LARGE: body over 1 MB',
  415: 'UNSUPPORTED_MEDIA_TYPE: a file is not a PDF, JPEG or PNG by its content',
  422: 'A business rule refused the request (specific code); IDEMPOTENCY_KEY_REUSED',
  429: 'RATE_LIMITED: too many requests; see Retry-After',
};

/**
 * Documents the problem+json answers a route can give: a status alone takes the generic words;
 * `[status, words]` names the route's own codes.
 */
export function ApiProblems(...statuses: (number | [number, string])[]) {
  return applyDecorators(
    ...statuses.map((entry) => {
      const [status, description] = typeof entry === 'number' ? [entry, DESCRIPTIONS[entry] ?? 'Error'] : entry;
      return ApiResponse({ status, description, content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDto' } } } });
    }),
  );
}
