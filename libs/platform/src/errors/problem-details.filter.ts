import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { StoredResponse } from '../idempotency/stored-response.js';
import { DomainError } from './domain-error.js';
import { PROBLEM_CONTENT_TYPE, problem, problemForHttpStatus, type ProblemDetails } from './problem-details.js';

/** Maps every exception that reaches HTTP to application/problem+json. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const res = ctx.getResponse<Response>();
    const req = ctx.getRequest<Request>();
    if (exception instanceof StoredResponse) {
      const type = exception.status >= 400 ? PROBLEM_CONTENT_TYPE : 'application/json';
      res.status(exception.status).type(type).send(JSON.stringify(exception.body));
      return;
    }
    const { body, headers } = toProblem(exception);
    if (body.status >= 500) {
      this.logger.error({ err: exception, path: req.path }, 'unexpected error');
    }
    if (res.headersSent) return;
    for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
    res.status(body.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(body));
  }
}

export function toProblem(exception: unknown): { body: ProblemDetails; headers: Record<string, string> } {
  if (exception instanceof DomainError) {
    return {
      body: problem(exception.status, exception.code, exception.title, exception.detail, exception.errors, exception.extensions),
      headers: exception.headers ?? {},
    };
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const response = exception.getResponse();
    const message = typeof response === 'object' && response && 'message' in response ? (response as { message: unknown }).message : undefined;
    const detail = status < 500 && typeof message === 'string' ? message : undefined;
    return { body: problemForHttpStatus(status, detail), headers: {} };
  }
  const status = httpStatusOf(exception);
  if (status && status < 500) {
    return { body: problemForHttpStatus(status, bodyParserDetail(exception, status)), headers: {} };
  }
  return { body: problemForHttpStatus(500), headers: {} };
}

/** Errors from express/body-parser/multer carry `status` (or `statusCode`) and `type`. */
function httpStatusOf(e: unknown): number | undefined {
  if (typeof e !== 'object' || e === null) return undefined;
  const s = (e as { status?: unknown; statusCode?: unknown }).status ?? (e as { statusCode?: unknown }).statusCode;
  return typeof s === 'number' && s >= 400 && s < 600 ? s : undefined;
}

function bodyParserDetail(e: unknown, status: number): string | undefined {
  const type = (e as { type?: string }).type;
  if (type === 'entity.parse.failed') return 'The body is not valid JSON.';
  if (type === 'entity.too.large' || status === 413) return 'The body is larger than the limit of 1 MB.';
  if (type === 'encoding.unsupported' || type === 'charset.unsupported') return 'The body encoding is not supported.';
  return undefined;
}
