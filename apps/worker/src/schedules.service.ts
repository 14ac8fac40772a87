import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { APP_CONFIG, JOBS, QueuesService, type AppConfig } from '@medjourney/platform';
import { Duration } from 'luxon';

/**
 * Job schedulers. Upserting is idempotent, so every worker declares them at start, and again
 * every reconcile period: a Redis that lost its keys (FLUSHALL, restart without persistence)
 * loses the schedulers too, and they must come back without a restart.
 */
@Injectable()
export class SchedulesService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Schedules');
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly queues: QueuesService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.declare();
    this.timer = setInterval(() => this.declare().catch((e) => this.logger.warn({ err: e }, 'declaring schedulers failed')), this.reconcileEveryMs());
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  private reconcileEveryMs(): number {
    return Duration.fromISO(this.config.sla.reconcileEvery).toMillis();
  }

  private async declare(): Promise<void> {
    await this.queues.get(JOBS.purgeExpired.queue).upsertJobScheduler('purge-expired-hourly', { every: 3600_000 }, { name: JOBS.purgeExpired.name, data: {} });
    await this.queues.get(JOBS.purgeInvitations.queue).upsertJobScheduler('purge-invitations-hourly', { every: 3600_000 }, { name: JOBS.purgeInvitations.name, data: {} });
    // Hourly rather than nightly, so that a suspension ends within the hour it is due.
    await this.queues
      .get(JOBS.designationLifecycle.queue)
      .upsertJobScheduler('designation-lifecycle-hourly', { every: 3600_000 }, { name: JOBS.designationLifecycle.name, data: {} });
    await this.queues.get(JOBS.eventReconcile.queue).upsertJobScheduler('events-reconcile', { every: this.reconcileEveryMs() }, { name: JOBS.eventReconcile.name, data: {} });
    await this.queues
      .get(JOBS.notificationEmailSweep.queue)
      .upsertJobScheduler('notification-email-sweep', { every: this.reconcileEveryMs() }, { name: JOBS.notificationEmailSweep.name, data: {} });
    await this.queues
      .get(JOBS.appointmentMailSweep.queue)
      .upsertJobScheduler('appointment-mail-sweep', { every: this.reconcileEveryMs() }, { name: JOBS.appointmentMailSweep.name, data: {} });
    await this.queues.get(JOBS.timersReconcile.queue).upsertJobScheduler('timers-reconcile', { every: this.reconcileEveryMs() }, { name: JOBS.timersReconcile.name, data: {} });
    await this.queues.get(JOBS.journeyBackfill.queue).upsertJobScheduler('journey-backfill', { every: this.reconcileEveryMs() }, { name: JOBS.journeyBackfill.name, data: {} });
    await this.queues.get(JOBS.visasMaskBackfill.queue).upsertJobScheduler('visas-mask-backfill', { every: this.reconcileEveryMs() }, { name: JOBS.visasMaskBackfill.name, data: {} });
    // Hourly: a provider is extended once its horizon is a day short, so a missed run costs nothing.
    await this.queues
      .get(JOBS.availabilityHorizon.queue)
      .upsertJobScheduler('availability-horizon-hourly', { every: 3600_000 }, { name: JOBS.availabilityHorizon.name, data: {} });
    // Just after midnight in Korea, where visas' and stays' dates are kept.
    await this.queues
      .get(JOBS.journeyNightly.queue)
      .upsertJobScheduler('journey-nightly', { pattern: '5 0 * * *', tz: 'Asia/Seoul' }, { name: JOBS.journeyNightly.name, data: {} });
  }
}
