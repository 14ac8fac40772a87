import { ValidationPipe } from '@nestjs/common';
import { DomainError } from './domain-error.js';
export function flattenValidationErrors(errors, parent = '') {
    const out = [];
    for (const e of errors) {
        const field = parent ? `${parent}.${e.property}` : e.property;
        for (const message of Object.values(e.constraints ?? {}))
            out.push({ field, message });
        if (e.children?.length)
            out.push(...flattenValidationErrors(e.children, field));
    }
    return out;
}
export function createValidationPipe() {
    return new ValidationPipe({
        whitelist: true,
        forbidNonWhitelisted: true,
        transform: true,
        transformOptions: { enableImplicitConversion: false },
        validationError: { target: false, value: false },
        exceptionFactory: (errors) => DomainError.validation(flattenValidationErrors(errors)),
    });
}
//# sourceMappingURL=validation.js.map