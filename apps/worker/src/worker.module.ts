import { Module, type DynamicModule } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { HospitalsModule } from '@medjourney/hospitals';
import { IdentityModule } from '@medjourney/identity';
import { MatchingModule } from '@medjourney/matching';
import { NotificationsModule } from '@medjourney/notifications';
import { SlaModule } from '@medjourney/sla';
import { VisasModule } from '@medjourney/visas';
import { PlatformModule, WorkerHostService, type PlatformOptions } from '@medjourney/platform';
import { SlaProcessor } from './jobs/sla.processor.js';
import { OutboxRelayService } from './outbox-relay.service.js';
import { SchedulesService } from './schedules.service.js';

/** The worker: the outbox relay, job schedulers and one handler per job; HTTP only for health and metrics. */
@Module({})
export class WorkerModule {
  static forRoot(options: Omit<PlatformOptions, 'app'> = {}): DynamicModule {
    return {
      module: WorkerModule,
      imports: [PlatformModule.forRoot({ ...options, app: 'worker' }), DiscoveryModule, IdentityModule, HospitalsModule, SlaModule, VisasModule, NotificationsModule, MatchingModule],
      providers: [
        WorkerHostService, OutboxRelayService, SchedulesService,
        SlaProcessor,
      ],
    };
  }
}
