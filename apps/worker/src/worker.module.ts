import { Module, type DynamicModule } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { HospitalsModule } from '@medjourney/hospitals';
import { IdentityModule } from '@medjourney/identity';
import { MatchingModule } from '@medjourney/matching';
import { JourneyModule } from '@medjourney/journey';
import { NotificationsModule } from '@medjourney/notifications';
import { SlaJobsModule } from '@medjourney/sla';
import { TelemedicineModule } from '@medjourney/telemedicine';
import { StatisticsModule } from '@medjourney/statistics';
import { VisasModule } from '@medjourney/visas';
import { PlatformModule, WorkerHostService, type PlatformOptions } from '@medjourney/platform';
import { AuditChainerService } from './audit-chainer.service.js';
import { OutboxRelayService } from './outbox-relay.service.js';
import { SchedulesService } from './schedules.service.js';
import { WorkListenerService } from './work-listener.service.js';

/** The worker: the outbox relay and the audit chainer (woken by PostgreSQL notifications), job schedulers and one handler per job; HTTP only for health and metrics. */
@Module({})
export class WorkerModule {
  static forRoot(options: Omit<PlatformOptions, 'app'> = {}): DynamicModule {
    return {
      module: WorkerModule,
      imports: [PlatformModule.forRoot({ ...options, app: 'worker' }), DiscoveryModule, IdentityModule, HospitalsModule, SlaJobsModule, VisasModule, NotificationsModule, JourneyModule, MatchingModule, StatisticsModule, TelemedicineModule],
      providers: [
        WorkListenerService, WorkerHostService, OutboxRelayService, AuditChainerService, SchedulesService,
      ],
    };
  }
}
