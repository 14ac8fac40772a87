var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
var __param = (this && this.__param) || function (paramIndex, decorator) {
    return function (target, key) { decorator(target, key, paramIndex); }
};
import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { APP_CONFIG } from '../config/config.module.js';
import { Clock } from '../clock/clock.js';
import { DomainError } from '../errors/domain-error.js';
let TokenService = class TokenService {
    jwt;
    clock;
    config;
    constructor(jwt, clock, config) {
        this.jwt = jwt;
        this.clock = clock;
        this.config = config;
    }
    sign(actor) {
        const iat = Math.floor(this.clock.now().getTime() / 1000);
        const claims = {
            sub: actor.userId,
            role: actor.role,
            hid: actor.hospitalId,
            cpid: actor.careProviderId,
            pid: actor.patientId,
            iat,
            exp: iat + this.config.jwtTtlSeconds,
        };
        return { accessToken: this.jwt.sign(claims, { secret: this.config.jwtSecret, algorithm: 'HS256' }), expiresIn: this.config.jwtTtlSeconds };
    }
    verify(token) {
        let claims;
        try {
            claims = this.jwt.verify(token, {
                secret: this.config.jwtSecret,
                algorithms: ['HS256'],
                clockTimestamp: Math.floor(this.clock.now().getTime() / 1000),
            });
        }
        catch {
            throw DomainError.unauthenticated('The token is invalid or has expired.');
        }
        return {
            userId: claims.sub,
            role: claims.role,
            hospitalId: claims.hid ?? null,
            careProviderId: claims.cpid ?? null,
            patientId: claims.pid ?? null,
        };
    }
};
TokenService = __decorate([
    Injectable(),
    __param(2, Inject(APP_CONFIG)),
    __metadata("design:paramtypes", [JwtService,
        Clock, Object])
], TokenService);
export { TokenService };
//# sourceMappingURL=token.service.js.map