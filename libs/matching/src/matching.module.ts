import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { HospitalsModule } from '@medjourney/hospitals';
import { CARE_PROVIDER_REGISTRY } from '@medjourney/identity';
import { CareProvidersController } from './controllers/care-providers.controller.js';
import { CareProvider } from './entities/care-provider.entity.js';
import { CareProvidersService } from './services/care-providers.service.js';

/** The matching module's entities (languages, certifications and availability instants are written with SQL only). */
export const MATCHING_ENTITIES = [CareProvider];

/**
 * Caregivers and interpreters: registry, matching and bookings (spec/matching.md). Global so
 * that identity, lower in the layers, finds the care-provider registry door it declares.
 */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature(MATCHING_ENTITIES), HospitalsModule],
  providers: [CareProvidersService, { provide: CARE_PROVIDER_REGISTRY, useExisting: CareProvidersService }],
  exports: [CareProvidersService, CARE_PROVIDER_REGISTRY],
})
export class MatchingModule {}

/** The HTTP routes of matching; only the API imports this. */
@Module({
  imports: [MatchingModule],
  exports: [MatchingModule],
  controllers: [CareProvidersController],
})
export class MatchingApiModule {}
