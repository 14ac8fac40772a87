import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { APP_CONFIG, PgListener, type AppConfig } from '@medjourney/platform';
import { OutboxRelayService } from './outbox-relay.service.js';

/**
 * Wakes the relay when outbox rows or event deliveries commit (PostgreSQL NOTIFY from the
 * tables' triggers), so an event reaches BullMQ within milliseconds rather than a poll interval;
 * the poll stays as the safety net for a lost listening connection. After every (re)connect the
 * relay makes a pass, for whatever committed while nobody listened.
 */
@Injectable()
export class WorkListenerService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly listener: PgListener;

  constructor(relay: OutboxRelayService, @Inject(APP_CONFIG) config: AppConfig) {
    this.listener = new PgListener(config.databaseUrl, (table) => relay.relay.wake(table), config.databaseConnectTimeoutMs);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.listener.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.listener.stop();
  }
}
