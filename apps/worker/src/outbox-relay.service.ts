import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, Clock, OutboxRelay, QueuesService, type AppConfig } from '@medjourney/platform';
import { DataSource } from 'typeorm';

/** Runs the outbox relay in the worker process for as long as it lives. */
@Injectable()
export class OutboxRelayService implements OnApplicationBootstrap, OnApplicationShutdown {
  readonly relay: OutboxRelay;

  constructor(db: DataSource, queues: QueuesService, clock: Clock, @Inject(APP_CONFIG) config: AppConfig) {
    this.relay = new OutboxRelay(db, queues, clock, { pollIntervalMs: config.outboxPollIntervalMs });
  }

  onApplicationBootstrap(): void {
    this.relay.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.relay.stop();
  }
}
