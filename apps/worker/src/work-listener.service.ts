import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { APP_CONFIG, AuditChainer, PgListener, type AppConfig } from '@medjourney/platform';
import { OutboxRelayService } from './outbox-relay.service.js';

/**
 * Wakes the relay and the audit chainer when their rows commit (PostgreSQL NOTIFY from the
 * tables' triggers), so an event reaches BullMQ within milliseconds rather than a poll interval;
 * their polls stay as the safety net for a lost listening connection. After every (re)connect
 * both make a pass, for whatever committed while nobody listened.
 */
@Injectable()
export class WorkListenerService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly listener: PgListener;

  constructor(relay: OutboxRelayService, chainer: AuditChainer, @Inject(APP_CONFIG) config: AppConfig) {
    this.listener = new PgListener(
      config.databaseUrl,
      (table) => {
        if (table === null || table === 'outbox' || table === 'event_deliveries') relay.relay.wake();
        if (table === null || table === 'audit_log') chainer.wake();
      },
      config.databaseConnectTimeoutMs,
    );
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.listener.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.listener.stop();
  }
}
