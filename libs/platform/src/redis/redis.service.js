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
import { APP_CONFIG } from '../config/config.module.js';
import { createRedis } from '../queue/redis.js';
let RedisService = class RedisService {
    config;
    client;
    constructor(config) {
        this.config = config;
        this.client = createRedis(config.redisUrl, { maxRetriesPerRequest: 1, enableOfflineQueue: false, connectTimeout: 2000 });
        this.client.on('error', () => undefined);
    }
    key(...parts) {
        return [this.config.queuePrefix, ...parts].join(':');
    }
    async ping(timeoutMs = 1000) {
        try {
            const answer = await Promise.race([
                this.client.ping(),
                new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), timeoutMs).unref()),
            ]);
            return answer === 'PONG';
        }
        catch {
            return false;
        }
    }
    async onModuleDestroy() {
        await this.client.quit().catch(() => this.client.disconnect());
    }
};
RedisService = __decorate([
    Injectable(),
    __param(0, Inject(APP_CONFIG)),
    __metadata("design:paramtypes", [Object])
], RedisService);
export { RedisService };
//# sourceMappingURL=redis.service.js.map