import { Module } from '@nestjs/common';
import { HospitalsModule } from '@medjourney/hospitals';
import { VisasModule } from '@medjourney/visas';
import { JourneyNightlyProcessor } from './jobs/journey-nightly.processor.js';
import { JourneyController } from './journey.controller.js';
import { ReferralsController } from './referrals.controller.js';
import { JourneyAccess } from './services/journey-access.js';
import { JourneyEventsService } from './services/journey-events.service.js';
import { JourneyRecordFiguresModule } from './services/journey-record-figures.reader.js';
import { OverstaysService } from './services/overstays.service.js';
import { PatientProfilesService } from './services/patient-profiles.service.js';
import { ReferralsService } from './services/referrals.service.js';
import { TimelineService } from './services/timeline.service.js';

/** The patient journey: physical events, visas in use, overstays, the timeline and the profile (spec/journey.md). */
@Module({
  imports: [HospitalsModule, VisasModule, JourneyRecordFiguresModule],
  // The job handler and the subscribers run only where WorkerHostService is provided (the worker).
  providers: [JourneyAccess, JourneyEventsService, TimelineService, PatientProfilesService, OverstaysService, ReferralsService, JourneyNightlyProcessor],
  exports: [JourneyAccess, PatientProfilesService, OverstaysService, TimelineService, JourneyEventsService, ReferralsService],
})
export class JourneyModule {}

/** The HTTP routes of the journey; only the API imports this. */
@Module({
  imports: [JourneyModule],
  exports: [JourneyModule],
  controllers: [JourneyController, ReferralsController],
})
export class JourneyApiModule {}
