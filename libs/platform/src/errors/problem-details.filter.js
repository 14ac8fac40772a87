var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
import { Catch, HttpException, Logger } from '@nestjs/common';
import { StoredResponse } from '../idempotency/stored-response.js';
import { DomainError } from './domain-error.js';
import { PROBLEM_CONTENT_TYPE, problem, problemForHttpStatus } from './problem-details.js';
let ProblemDetailsFilter = class ProblemDetailsFilter {
    logger = new Logger('Errors');
    catch(exception, host) {
        const ctx = host.switchToHttp();
        const res = ctx.getResponse();
        const req = ctx.getRequest();
        if (exception instanceof StoredResponse) {
            const type = exception.status >= 400 ? PROBLEM_CONTENT_TYPE : 'application/json';
            res.status(exception.status).type(type).send(JSON.stringify(exception.body));
            return;
        }
        const { body, headers } = toProblem(exception);
        if (body.status >= 500) {
            this.logger.error({ err: exception, path: req.path }, 'unexpected error');
        }
        if (res.headersSent)
            return;
        for (const [name, value] of Object.entries(headers))
            res.setHeader(name, value);
        res.status(body.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(body));
    }
};
ProblemDetailsFilter = __decorate([
    Catch()
], ProblemDetailsFilter);
export { ProblemDetailsFilter };
export function toProblem(exception) {
    if (exception instanceof DomainError) {
        return {
            body: problem(exception.status, exception.code, exception.title, exception.detail, exception.errors),
            headers: exception.headers ?? {},
        };
    }
    if (exception instanceof HttpException) {
        const status = exception.getStatus();
        const response = exception.getResponse();
        const message = typeof response === 'object' && response && 'message' in response ? response.message : undefined;
        const detail = status < 500 && typeof message === 'string' ? message : undefined;
        return { body: problemForHttpStatus(status, detail), headers: {} };
    }
    const status = httpStatusOf(exception);
    if (status && status < 500) {
        return { body: problemForHttpStatus(status, bodyParserDetail(exception, status)), headers: {} };
    }
    return { body: problemForHttpStatus(500), headers: {} };
}
function httpStatusOf(e) {
    if (typeof e !== 'object' || e === null)
        return undefined;
    const s = e.status ?? e.statusCode;
    return typeof s === 'number' && s >= 400 && s < 600 ? s : undefined;
}
function bodyParserDetail(e, status) {
    const type = e.type;
    if (type === 'entity.parse.failed')
        return 'The body is not valid JSON.';
    if (type === 'entity.too.large' || status === 413)
        return 'The body is larger than the limit of 1 MB.';
    if (type === 'encoding.unsupported' || type === 'charset.unsupported')
        return 'The body encoding is not supported.';
    return undefined;
}
//# sourceMappingURL=problem-details.filter.js.map