import { Module, type DynamicModule } from '@nestjs/common';
import { HospitalsApiModule } from '@medjourney/hospitals';
import { IdentityApiModule } from '@medjourney/identity';
import { MatchingApiModule } from '@medjourney/matching';
import { JourneyApiModule } from '@medjourney/journey';
import { NotificationsApiModule } from '@medjourney/notifications';
import { TelemedicineApiModule } from '@medjourney/telemedicine';
import { PlatformModule, type PlatformOptions } from '@medjourney/platform';
import { SlaApiModule } from '@medjourney/sla';
import { StatisticsApiModule } from '@medjourney/statistics';
import { VisasApiModule } from '@medjourney/visas';
import { StartupService } from './startup.service.js';

/** The HTTP application: the platform, then one module per domain. */
@Module({})
export class AppModule {
  static forRoot(options: Omit<PlatformOptions, 'app'> = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [PlatformModule.forRoot({ ...options, app: 'api' }), IdentityApiModule, HospitalsApiModule, VisasApiModule, SlaApiModule, NotificationsApiModule, JourneyApiModule, MatchingApiModule, StatisticsApiModule, TelemedicineApiModule],
      providers: [StartupService],
      exports: [StartupService],
    };
  }
}
