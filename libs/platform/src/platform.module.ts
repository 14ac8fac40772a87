import { Global, Module, type DynamicModule, type Provider } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR, DiscoveryModule } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { TerminusModule } from '@nestjs/terminus';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { DestinationStream } from 'pino';
import { AuditChainer } from './audit/audit-chainer.js';
import { AuditController } from './audit/audit.controller.js';
import { QueueDashboardController } from './bull-board/queue-dashboard.controller.js';
import { AuditRecord } from './audit/audit-record.entity.js';
import { AuditService } from './audit/audit.service.js';
import { AuthGuard } from './auth/auth.guard.js';
import { TokenService } from './auth/token.service.js';
import { Authenticator } from './auth/authenticator.js';
import { Clock, SystemClock } from './clock/clock.js';
import { APP_CONFIG } from './config/config.module.js';
import { loadConfig, type AppConfig } from './config/config.schema.js';
import { dataSourceOptions } from './database/data-source.js';
import { DomainEventLog } from './events/domain-event-log.js';
import { EventBus } from './events/event-bus.service.js';
import { EventDeliveries } from './events/event-deliveries.service.js';
import { EventSubscribers } from './events/event-subscribers.js';
import { HealthController } from './health/health.controller.js';
import { IdempotencyInterceptor } from './idempotency/idempotency.interceptor.js';
import { IdempotencyKey } from './idempotency/idempotency-key.entity.js';
import { PurgeExpiredKeysProcessor } from './idempotency/purge-expired-keys.processor.js';
import { PiiCipher } from './crypto/pii-cipher.js';
import { DevMailbox, DevMailboxController } from './mail/dev-mailbox.js';
import { MailerService } from './mail/mailer.service.js';
import { LoggingModule } from './logging/logging.module.js';
import { ApiMetricsController, MetricsController } from './metrics/metrics.controller.js';
import { MetricsService } from './metrics/metrics.service.js';
import { OutboxEvent } from './outbox/outbox-event.entity.js';
import { OutboxService } from './outbox/outbox.service.js';
import { QueuesService } from './queue/queues.service.js';
import { RedisService } from './redis/redis.service.js';
import { TimersProcessor } from './timers/timers.processor.js';
import { TimersService } from './timers/timers.service.js';

/** The platform's own entities (its tables: audit log, outbox, idempotency keys). */
export const PLATFORM_ENTITIES = [AuditRecord, OutboxEvent, IdempotencyKey];

export interface PlatformOptions {
  config?: AppConfig;
  /** Tests inject a ManualClock. */
  clock?: Clock;
  /** Tests capture log lines here. */
  logStream?: DestinationStream;
  /** The API serves the audit routes; the worker only health and metrics. */
  app: 'api' | 'worker';
}

/** The shared platform: config, database, clock, audit, outbox, queues, durable timers, auth, logs, health, metrics. */
@Global()
@Module({})
export class PlatformModule {
  static forRoot(options: PlatformOptions): DynamicModule {
    const config = options.config ?? loadConfig();
    const providers: Provider[] = [
      { provide: APP_CONFIG, useValue: config },
      { provide: Clock, useValue: options.clock ?? new SystemClock() },
      AuditService,
      AuditChainer,
      OutboxService,
      EventSubscribers,
      EventBus,
      DomainEventLog,
      EventDeliveries,
      QueuesService,
      RedisService,
      MetricsService,
      TokenService,
      Authenticator,
      MailerService,
      DevMailbox,
      PiiCipher,
      TimersService,
      // Job handlers: found by the worker's WorkerHostService only; the API never runs jobs.
      PurgeExpiredKeysProcessor,
      TimersProcessor,
      { provide: APP_GUARD, useClass: AuthGuard },
      { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
    ];
    return {
      module: PlatformModule,
      imports: [
        LoggingModule.forRoot(config, options.logStream),
        TypeOrmModule.forRoot({ ...dataSourceOptions(config), autoLoadEntities: true }),
        TypeOrmModule.forFeature(PLATFORM_ENTITIES),
        JwtModule.register({}),
        DiscoveryModule,
        TerminusModule.forRoot({ logger: false }),
      ],
      controllers: options.app === 'api' ? [HealthController, ApiMetricsController, AuditController, DevMailboxController, QueueDashboardController] : [HealthController, MetricsController],
      providers,
      exports: [APP_CONFIG, Clock, AuditService, AuditChainer, OutboxService, EventBus, DomainEventLog, EventSubscribers, EventDeliveries, QueuesService, RedisService, MetricsService, TokenService, Authenticator, MailerService, DevMailbox, PiiCipher, TimersService, TypeOrmModule],
    };
  }
}
