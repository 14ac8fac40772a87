import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, JOBS, QueuesService, type AppConfig } from '@medjourney/platform';
import { Duration } from 'luxon';

/** Job schedulers; upsert is idempotent, so every worker may declare them at start. */
@Injectable()
export class SchedulesService implements OnApplicationBootstrap {
  constructor(
    private readonly queues: QueuesService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.queues.get(JOBS.purgeExpired.queue).upsertJobScheduler('purge-expired-hourly', { every: 3600_000 }, { name: JOBS.purgeExpired.name, data: {} });
    // Hourly rather than nightly, so that a suspension ends within the hour it is due.
    await this.queues
      .get(JOBS.designationLifecycle.queue)
      .upsertJobScheduler('designation-lifecycle-hourly', { every: 3600_000 }, { name: JOBS.designationLifecycle.name, data: {} });
    await this.queues
      .get(JOBS.slaReconcile.queue)
      .upsertJobScheduler('sla-reconcile', { every: Duration.fromISO(this.config.sla.reconcileEvery).toMillis() }, { name: JOBS.slaReconcile.name, data: {} });
  }
}
