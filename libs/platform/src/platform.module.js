var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var PlatformModule_1;
import { Global, Module } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { TerminusModule } from '@nestjs/terminus';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import { AuditController } from './audit/audit.controller.js';
import { AuditRecord } from './audit/audit-record.entity.js';
import { AuditService } from './audit/audit.service.js';
import { AuthGuard } from './auth/auth.guard.js';
import { TokenService } from './auth/token.service.js';
import { Clock, SystemClock } from './clock/clock.js';
import { APP_CONFIG } from './config/config.module.js';
import { loadConfig } from './config/config.schema.js';
import { dataSourceOptions } from './database/data-source.js';
import { HealthController } from './health/health.controller.js';
import { IdempotencyInterceptor } from './idempotency/idempotency.interceptor.js';
import { IdempotencyKey } from './idempotency/idempotency-key.entity.js';
import { MailerService } from './mail/mailer.service.js';
import { loggerParams } from './logging/logger.options.js';
import { MetricsController } from './metrics/metrics.controller.js';
import { MetricsService } from './metrics/metrics.service.js';
import { OutboxEvent } from './outbox/outbox-event.entity.js';
import { OutboxService } from './outbox/outbox.service.js';
import { QueuesService } from './queue/queues.service.js';
import { RedisService } from './redis/redis.service.js';
let PlatformModule = PlatformModule_1 = class PlatformModule {
    static forRoot(options) {
        const config = options.config ?? loadConfig();
        const providers = [
            { provide: APP_CONFIG, useValue: config },
            { provide: Clock, useValue: options.clock ?? new SystemClock() },
            AuditService,
            OutboxService,
            QueuesService,
            RedisService,
            MetricsService,
            TokenService,
            MailerService,
            { provide: APP_GUARD, useClass: AuthGuard },
            { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
        ];
        return {
            module: PlatformModule_1,
            imports: [
                LoggerModule.forRoot(loggerParams(config, options.logStream)),
                TypeOrmModule.forRoot({ ...dataSourceOptions(config), autoLoadEntities: true }),
                TypeOrmModule.forFeature([AuditRecord, OutboxEvent, IdempotencyKey]),
                JwtModule.register({}),
                TerminusModule.forRoot({ logger: false }),
            ],
            controllers: options.app === 'api' ? [HealthController, MetricsController, AuditController] : [HealthController, MetricsController],
            providers,
            exports: [APP_CONFIG, Clock, AuditService, OutboxService, QueuesService, RedisService, MetricsService, TokenService, MailerService, TypeOrmModule],
        };
    }
};
PlatformModule = PlatformModule_1 = __decorate([
    Global(),
    Module({})
], PlatformModule);
export { PlatformModule };
//# sourceMappingURL=platform.module.js.map