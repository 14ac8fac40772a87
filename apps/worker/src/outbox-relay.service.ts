import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { APP_CONFIG, Clock, OutboxRelay, QueuesService, type AppConfig } from '@medjourney/platform';
import { DataSource } from 'typeorm';

/** Runs the outbox relay in the worker process for as long as it lives. */
@Injectable()
export class OutboxRelayService implements OnApplicationBootstrap, OnModuleDestroy {
  readonly relay: OutboxRelay;

  constructor(db: DataSource, queues: QueuesService, clock: Clock, @Inject(APP_CONFIG) config: AppConfig) {
    this.relay = new OutboxRelay(db, queues, clock, { pollIntervalMs: config.outboxPollIntervalMs });
  }

  onApplicationBootstrap(): void {
    this.relay.start();
  }

  /** First on shutdown (the worker module is the root), before the queues and the database close. */
  async onModuleDestroy(): Promise<void> {
    await this.relay.stop();
  }
}
