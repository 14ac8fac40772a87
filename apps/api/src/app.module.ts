import { Module, type DynamicModule } from '@nestjs/common';
import { HospitalsModule } from '@medjourney/hospitals';
import { IdentityModule } from '@medjourney/identity';
import { PlatformModule, type PlatformOptions } from '@medjourney/platform';
import { SlaModule } from '@medjourney/sla';
import { VisasModule } from '@medjourney/visas';
import { StartupService } from './startup.service.js';

/** The HTTP application: the platform, then one module per domain. */
@Module({})
export class AppModule {
  static forRoot(options: Omit<PlatformOptions, 'app'> = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [PlatformModule.forRoot({ ...options, app: 'api' }), IdentityModule, HospitalsModule, VisasModule, SlaModule],
      providers: [StartupService],
      exports: [StartupService],
    };
  }
}
