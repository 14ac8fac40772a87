var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiResponse } from '@nestjs/swagger';
export class FieldProblemDto {
    field;
    message;
}
__decorate([
    ApiProperty({ example: 'email' }),
    __metadata("design:type", String)
], FieldProblemDto.prototype, "field", void 0);
__decorate([
    ApiProperty({ example: 'email must be an email' }),
    __metadata("design:type", String)
], FieldProblemDto.prototype, "message", void 0);
export class ProblemDto {
    type;
    title;
    status;
    code;
    detail;
    errors;
}
__decorate([
    ApiProperty({ example: 'https://medjourney.dev/problems/validation-failed' }),
    __metadata("design:type", String)
], ProblemDto.prototype, "type", void 0);
__decorate([
    ApiProperty({ example: 'Validation failed' }),
    __metadata("design:type", String)
], ProblemDto.prototype, "title", void 0);
__decorate([
    ApiProperty({ example: 400 }),
    __metadata("design:type", Number)
], ProblemDto.prototype, "status", void 0);
__decorate([
    ApiProperty({ example: 'VALIDATION_FAILED' }),
    __metadata("design:type", String)
], ProblemDto.prototype, "code", void 0);
__decorate([
    ApiProperty({ required: false }),
    __metadata("design:type", String)
], ProblemDto.prototype, "detail", void 0);
__decorate([
    ApiProperty({ required: false, type: [FieldProblemDto] }),
    __metadata("design:type", Array)
], ProblemDto.prototype, "errors", void 0);
const DESCRIPTIONS = {
    400: 'VALIDATION_FAILED: malformed JSON, wrong types, unknown fields, out-of-range values',
    401: 'UNAUTHENTICATED: no token, bad or expired token',
    403: 'FORBIDDEN: the caller\'s role may never do this',
    404: 'NOT_FOUND: no such resource, or outside the caller\'s scope',
    409: 'CONFLICT (or a specific code): lost race, state does not allow it, IDEMPOTENCY_KEY_IN_USE',
    413: 'PAYLOAD_TOO_LARGE: body over 1 MB',
    422: 'A business rule refused the request (specific code); IDEMPOTENCY_KEY_REUSED',
    429: 'RATE_LIMITED: too many requests; see Retry-After',
};
export function ApiProblems(...statuses) {
    return applyDecorators(...statuses.map((status) => ApiResponse({ status, description: DESCRIPTIONS[status] ?? 'Error', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDto' } } } })));
}
//# sourceMappingURL=api-problems.decorator.js.map