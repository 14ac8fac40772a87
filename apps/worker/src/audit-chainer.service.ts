import { Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { AuditChainer } from '@medjourney/platform';

/** Runs the audit chainer's loop in the worker process; of all workers, one links at a time. */
@Injectable()
export class AuditChainerService implements OnApplicationBootstrap, OnModuleDestroy {
  constructor(private readonly chainer: AuditChainer) {}

  onApplicationBootstrap(): void {
    this.chainer.start();
  }

  /** Before the database closes (the worker module is the root). */
  async onModuleDestroy(): Promise<void> {
    await this.chainer.stop();
  }
}
