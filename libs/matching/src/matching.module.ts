import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { HospitalsModule } from '@medjourney/hospitals';
import { CARE_PROVIDER_REGISTRY } from '@medjourney/identity';
import { JourneyModule } from '@medjourney/journey';
import { CareAssignmentsController } from './controllers/care-assignments.controller.js';
import { CareProvidersController } from './controllers/care-providers.controller.js';
import { MatchesController } from './controllers/matches.controller.js';
import { CareAssignment } from './entities/care-assignment.entity.js';
import { CareProvider } from './entities/care-provider.entity.js';
import { AvailabilityHorizonProcessor } from './jobs/availability-horizon.processor.js';
import { AvailabilityHorizonService } from './services/availability-horizon.service.js';
import { BookingsService } from './services/bookings.service.js';
import { CareAssignmentsService } from './services/care-assignments.service.js';
import { CareProvidersService } from './services/care-providers.service.js';
import { MatchingService } from './services/matching.service.js';
import { ReofferSubscriber } from './services/reoffer.subscriber.js';

/** The matching module's entities (languages, certifications, availability instants and bookings are written with SQL only). */
export const MATCHING_ENTITIES = [CareProvider, CareAssignment];

/**
 * Caregivers and interpreters: registry, matching and bookings (spec/matching.md). Global so
 * that identity, lower in the layers, finds the care-provider registry door it declares.
 */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature(MATCHING_ENTITIES), HospitalsModule, JourneyModule],
  // The job handler and the subscriber run only where WorkerHostService is provided (the worker).
  providers: [
    CareProvidersService, BookingsService, CareAssignmentsService, MatchingService, ReofferSubscriber, AvailabilityHorizonService, AvailabilityHorizonProcessor,
    { provide: CARE_PROVIDER_REGISTRY, useExisting: CareProvidersService },
  ],
  exports: [CareProvidersService, BookingsService, CareAssignmentsService, MatchingService, CARE_PROVIDER_REGISTRY],
})
export class MatchingModule {}

/** The HTTP routes of matching; only the API imports this. */
@Module({
  imports: [MatchingModule],
  exports: [MatchingModule],
  controllers: [CareProvidersController, CareAssignmentsController, MatchesController],
})
export class MatchingApiModule {}
