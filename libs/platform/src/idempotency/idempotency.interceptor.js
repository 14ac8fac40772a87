var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
import { Injectable, SetMetadata } from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants.js';
import { Reflector } from '@nestjs/core';
import { createHash } from 'node:crypto';
import { from, lastValueFrom } from 'rxjs';
import { DataSource } from 'typeorm';
import { canonicalJson } from '../audit/audit-hash.js';
import { Clock } from '../clock/clock.js';
import { DomainError } from '../errors/domain-error.js';
import { toProblem } from '../errors/problem-details.filter.js';
import { StoredResponse } from './stored-response.js';
export const IDEMPOTENT_ROUTE = 'medjourney:idempotent';
export const Idempotent = () => SetMetadata(IDEMPOTENT_ROUTE, true);
const KEEP_FOR_MS = 24 * 3600 * 1000;
const LOCK_FOR_MS = 60 * 1000;
const KEY_PATTERN = /^[\x21-\x7e]{1,200}$/;
let IdempotencyInterceptor = class IdempotencyInterceptor {
    reflector;
    db;
    clock;
    constructor(reflector, db, clock) {
        this.reflector = reflector;
        this.db = db;
        this.clock = clock;
    }
    intercept(ctx, next) {
        const req = ctx.switchToHttp().getRequest();
        const key = req.headers['idempotency-key'];
        if (!this.reflector.get(IDEMPOTENT_ROUTE, ctx.getHandler()) || key === undefined)
            return next.handle();
        if (typeof key !== 'string' || !KEY_PATTERN.test(key)) {
            throw DomainError.validation([{ field: 'Idempotency-Key', message: 'must be 1 to 200 visible ASCII characters' }]);
        }
        const successStatus = this.reflector.get(HTTP_CODE_METADATA, ctx.getHandler()) ?? 201;
        return from(this.handle(req, key, successStatus, next));
    }
    async handle(req, key, successStatus, next) {
        const scope = req.actor?.userId ?? `anonymous:${req.ip ?? ''}`;
        const requestHash = hashRequest(req);
        const now = this.clock.now();
        const claimed = await this.db.query(`INSERT INTO idempotency_keys AS k (scope, key, request_hash, state, locked_until, created_at, expires_at)
       VALUES ($1, $2, $3, 'in_progress', $4, $5, $6)
       ON CONFLICT (scope, key) DO UPDATE
         SET request_hash = EXCLUDED.request_hash, state = 'in_progress', response_status = NULL, response_body = NULL,
             locked_until = EXCLUDED.locked_until, created_at = EXCLUDED.created_at, expires_at = EXCLUDED.expires_at
       WHERE k.expires_at <= $5 OR (k.state = 'in_progress' AND k.locked_until <= $5 AND k.request_hash = EXCLUDED.request_hash)
       RETURNING 1`, [scope, key, requestHash, new Date(now.getTime() + LOCK_FOR_MS), now, new Date(now.getTime() + KEEP_FOR_MS)]);
        if (claimed.length === 0)
            return this.replay(scope, key, requestHash);
        try {
            const result = await lastValueFrom(next.handle(), { defaultValue: undefined });
            await this.complete(scope, key, successStatus, result ?? null);
            return result;
        }
        catch (e) {
            const { body } = toProblem(e);
            if (body.status >= 500)
                await this.db.query('DELETE FROM idempotency_keys WHERE scope = $1 AND key = $2', [scope, key]);
            else
                await this.complete(scope, key, body.status, body);
            throw e;
        }
    }
    async complete(scope, key, status, body) {
        await this.db.query(`UPDATE idempotency_keys SET state = 'completed', response_status = $3, response_body = $4 WHERE scope = $1 AND key = $2`, [scope, key, status, JSON.stringify(body)]);
    }
    async replay(scope, key, requestHash) {
        const [row] = await this.db.query('SELECT request_hash, state, response_status, response_body FROM idempotency_keys WHERE scope = $1 AND key = $2', [scope, key]);
        if (!row)
            throw DomainError.conflict('IDEMPOTENCY_KEY_IN_USE', 'A request with this Idempotency-Key is being processed.');
        if (row.request_hash !== requestHash) {
            throw DomainError.rule('IDEMPOTENCY_KEY_REUSED', 'Idempotency key reused', 'This Idempotency-Key was used with another request body.');
        }
        if (row.state !== 'completed') {
            throw DomainError.conflict('IDEMPOTENCY_KEY_IN_USE', 'A request with this Idempotency-Key is still being processed.');
        }
        throw new StoredResponse(row.response_status ?? 200, row.response_body);
    }
};
IdempotencyInterceptor = __decorate([
    Injectable(),
    __metadata("design:paramtypes", [Reflector,
        DataSource,
        Clock])
], IdempotencyInterceptor);
export { IdempotencyInterceptor };
function hashRequest(req) {
    return createHash('sha256').update(`${req.method} ${req.baseUrl}${req.path}\n`).update(canonicalJson(req.body ?? null)).digest('hex');
}
//# sourceMappingURL=idempotency.interceptor.js.map