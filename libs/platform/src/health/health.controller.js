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
import { Controller, Get, Res, ServiceUnavailableException } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheckService, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { Public } from '../auth/auth.decorators.js';
import { RedisService } from '../redis/redis.service.js';
let HealthController = class HealthController {
    health;
    db;
    indicators;
    redis;
    constructor(health, db, indicators, redis) {
        this.health = health;
        this.db = db;
        this.indicators = indicators;
        this.redis = redis;
    }
    live() {
        return { status: 'ok' };
    }
    async ready(res) {
        try {
            return await this.health.check([
                () => this.db.pingCheck('database', { timeout: 2000 }),
                async () => {
                    const redis = this.indicators.check('redis');
                    return (await this.redis.ping(1500)) ? redis.up() : redis.down({ message: 'Redis does not answer' });
                },
            ]);
        }
        catch (e) {
            if (!(e instanceof ServiceUnavailableException))
                throw e;
            res.status(503);
            return e.getResponse();
        }
    }
};
__decorate([
    Get('live'),
    Public(),
    ApiOperation({ summary: 'The process answers' }),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", []),
    __metadata("design:returntype", void 0)
], HealthController.prototype, "live", null);
__decorate([
    Get('ready'),
    Public(),
    ApiOperation({ summary: 'PostgreSQL and Redis answer (503 otherwise, naming which)' }),
    __param(0, Res({ passthrough: true })),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object]),
    __metadata("design:returntype", Promise)
], HealthController.prototype, "ready", null);
HealthController = __decorate([
    ApiTags('health'),
    Controller('health'),
    __metadata("design:paramtypes", [HealthCheckService,
        TypeOrmHealthIndicator,
        HealthIndicatorService,
        RedisService])
], HealthController);
export { HealthController };
//# sourceMappingURL=health.controller.js.map