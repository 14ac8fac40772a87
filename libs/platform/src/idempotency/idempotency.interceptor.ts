import { CallHandler, ExecutionContext, Injectable, NestInterceptor, SetMetadata } from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants.js';
import { Reflector } from '@nestjs/core';
import { createHash } from 'node:crypto';
import type { Request } from 'express';
import { Observable, from, lastValueFrom } from 'rxjs';
import { DataSource } from 'typeorm';
import { canonicalJson } from '../audit/audit-hash.js';
import type { AuthenticatedRequest } from '../auth/auth.decorators.js';
import { Clock } from '../clock/clock.js';
import { DomainError } from '../errors/domain-error.js';
import { toProblem } from '../errors/problem-details.filter.js';
import { StoredResponse } from './stored-response.js';

export const IDEMPOTENT_ROUTE = 'medjourney:idempotent';
/** Marks a POST that creates something: it honours the Idempotency-Key header. */
export const Idempotent = () => SetMetadata(IDEMPOTENT_ROUTE, true);

const KEEP_FOR_MS = 24 * 3600 * 1000;
/** A first request that has held its key this long is presumed dead and the key is free again. */
const LOCK_FOR_MS = 60 * 1000;
const KEY_PATTERN = /^[\x21-\x7e]{1,200}$/;

interface KeyRow {
  request_hash: string;
  state: 'in_progress' | 'completed';
  response_status: number | null;
  response_body: unknown;
}

/**
 * Idempotency-Key (spec/README.md): a repeat with the same key and body gets the first answer
 * (status and body) and creates nothing; another body → 422 IDEMPOTENCY_KEY_REUSED; a repeat
 * while the first is still running → 409 IDEMPOTENCY_KEY_IN_USE. Keys are per user, kept 24 h.
 * Answers of 5xx are not kept, so the client can retry.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly db: DataSource,
    private readonly clock: Clock,
  ) {}

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = ctx.switchToHttp().getRequest<AuthenticatedRequest>();
    const key = req.headers['idempotency-key'];
    if (!this.reflector.get<boolean>(IDEMPOTENT_ROUTE, ctx.getHandler()) || key === undefined) return next.handle();
    if (typeof key !== 'string' || !KEY_PATTERN.test(key)) {
      throw DomainError.validation([{ field: 'Idempotency-Key', message: 'must be 1 to 200 visible ASCII characters' }]);
    }
    const successStatus = this.reflector.get<number>(HTTP_CODE_METADATA, ctx.getHandler()) ?? 201;
    return from(this.handle(req, key, successStatus, next));
  }

  private async handle(req: AuthenticatedRequest, key: string, successStatus: number, next: CallHandler): Promise<unknown> {
    const scope = req.actor?.userId ?? `anonymous:${req.ip ?? ''}`;
    const requestHash = hashRequest(req);
    const now = this.clock.now();
    const claimed: unknown[] = await this.db.query(
      `INSERT INTO idempotency_keys AS k (scope, key, request_hash, state, locked_until, created_at, expires_at)
       VALUES ($1, $2, $3, 'in_progress', $4, $5, $6)
       ON CONFLICT (scope, key) DO UPDATE
         SET request_hash = EXCLUDED.request_hash, state = 'in_progress', response_status = NULL, response_body = NULL,
             locked_until = EXCLUDED.locked_until, created_at = EXCLUDED.created_at, expires_at = EXCLUDED.expires_at
       WHERE k.expires_at <= $5 OR (k.state = 'in_progress' AND k.locked_until <= $5 AND k.request_hash = EXCLUDED.request_hash)
       RETURNING 1`,
      [scope, key, requestHash, new Date(now.getTime() + LOCK_FOR_MS), now, new Date(now.getTime() + KEEP_FOR_MS)],
    );
    if (claimed.length === 0) return this.replay(scope, key, requestHash);

    try {
      const result = await lastValueFrom(next.handle(), { defaultValue: undefined });
      await this.complete(scope, key, successStatus, result ?? null);
      return result;
    } catch (e) {
      const { body } = toProblem(e);
      if (body.status >= 500) await this.db.query('DELETE FROM idempotency_keys WHERE scope = $1 AND key = $2', [scope, key]);
      else await this.complete(scope, key, body.status, body);
      throw e;
    }
  }

  private async complete(scope: string, key: string, status: number, body: unknown): Promise<void> {
    await this.db.query(
      `UPDATE idempotency_keys SET state = 'completed', response_status = $3, response_body = $4 WHERE scope = $1 AND key = $2`,
      [scope, key, status, JSON.stringify(body)],
    );
  }

  private async replay(scope: string, key: string, requestHash: string): Promise<never> {
    const [row]: KeyRow[] = await this.db.query(
      'SELECT request_hash, state, response_status, response_body FROM idempotency_keys WHERE scope = $1 AND key = $2',
      [scope, key],
    );
    if (!row) throw DomainError.conflict('IDEMPOTENCY_KEY_IN_USE', 'A request with this Idempotency-Key is being processed.');
    if (row.request_hash !== requestHash) {
      throw DomainError.rule('IDEMPOTENCY_KEY_REUSED', 'Idempotency key reused', 'This Idempotency-Key was used with another request body.');
    }
    if (row.state !== 'completed') {
      throw DomainError.conflict('IDEMPOTENCY_KEY_IN_USE', 'A request with this Idempotency-Key is still being processed.');
    }
    throw new StoredResponse(row.response_status ?? 200, row.response_body);
  }
}

function hashRequest(req: Request): string {
  return createHash('sha256').update(`${req.method} ${req.baseUrl}${req.path}\n`).update(canonicalJson(req.body ?? null)).digest('hex');
}
