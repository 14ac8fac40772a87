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
import { RedisService, DomainError } from "../../../platform/src/index.js";
import { RateLimiterRedis } from 'rate-limiter-flexible';
export const FAILURES_PER_ACCOUNT = 5;
export const FAILURES_PER_ADDRESS = 30;
const WINDOW_SECONDS = 60;
let LoginRateLimiter = class LoginRateLimiter {
    perAccount;
    perAddress;
    constructor(redis) {
        const common = { storeClient: redis.client, duration: WINDOW_SECONDS, useRedisPackage: false };
        this.perAccount = new RateLimiterRedis({ ...common, keyPrefix: redis.key('login-fail', 'account'), points: FAILURES_PER_ACCOUNT });
        this.perAddress = new RateLimiterRedis({ ...common, keyPrefix: redis.key('login-fail', 'ip'), points: FAILURES_PER_ADDRESS });
    }
    async assertAllowed(email, ip) {
        const [account, address] = await Promise.all([this.perAccount.get(email), this.perAddress.get(ip)]);
        const blocked = [
            account && account.consumedPoints >= FAILURES_PER_ACCOUNT ? account : undefined,
            address && address.consumedPoints >= FAILURES_PER_ADDRESS ? address : undefined,
        ].filter((r) => r !== undefined);
        if (blocked.length)
            throw DomainError.rateLimited(Math.max(...blocked.map((r) => r.msBeforeNext)) / 1000);
    }
    async recordFailure(email, ip) {
        await Promise.all([this.perAccount.penalty(email, 1), this.perAddress.penalty(ip, 1)]);
    }
    async recordSuccess(email) {
        await this.perAccount.delete(email);
    }
};
LoginRateLimiter = __decorate([
    Injectable(),
    __metadata("design:paramtypes", [RedisService])
], LoginRateLimiter);
export { LoginRateLimiter };
//# sourceMappingURL=login-rate-limiter.js.map