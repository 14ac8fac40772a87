var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
import { Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { DomainError } from '../errors/domain-error.js';
import { RequestContext } from '../http/request-context.js';
import { PUBLIC_ROUTE, ROUTE_ROLES } from './auth.decorators.js';
import { TokenService } from './token.service.js';
let AuthGuard = class AuthGuard {
    reflector;
    tokens;
    db;
    constructor(reflector, tokens, db) {
        this.reflector = reflector;
        this.tokens = tokens;
        this.db = db;
    }
    async canActivate(ctx) {
        const targets = [ctx.getHandler(), ctx.getClass()];
        const req = ctx.switchToHttp().getRequest();
        const isPublic = this.reflector.getAllAndOverride(PUBLIC_ROUTE, targets);
        const header = req.headers.authorization;
        if (isPublic && !header)
            return true;
        const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
        if (!match)
            throw DomainError.unauthenticated();
        const actor = this.tokens.verify(match[1]);
        const rows = await this.db.query('SELECT role FROM users WHERE id = $1 AND active', [actor.userId]);
        if (rows.length === 0 || rows[0].role !== actor.role)
            throw DomainError.unauthenticated('The account is not active.');
        req.actor = actor;
        RequestContext.setActor(actor);
        if (isPublic)
            return true;
        const roles = this.reflector.getAllAndOverride(ROUTE_ROLES, targets);
        if (roles && !roles.includes(actor.role))
            throw DomainError.forbidden();
        return true;
    }
};
AuthGuard = __decorate([
    Injectable(),
    __metadata("design:paramtypes", [Reflector,
        TokenService,
        DataSource])
], AuthGuard);
export { AuthGuard };
//# sourceMappingURL=auth.guard.js.map