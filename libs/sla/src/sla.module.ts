import { Module } from '@nestjs/common';
import { IdentityModule } from '@medjourney/identity';
import { SlaAssignProcessor } from './jobs/sla-assign.processor.js';
import { SlaController } from './sla.controller.js';
import { SlaRepository } from './services/sla.repository.js';
import { SlaAssignment } from './services/sla-assignment.service.js';
import { SlaCharts } from './services/sla-charts.service.js';
import { SlaClockService } from './services/sla-clock.service.js';
import { SlaFiring } from './services/sla-firing.service.js';
import { SlaPlanning } from './services/sla-planning.service.js';
import { SlaReports } from './services/sla-reports.service.js';
import { SlaViews } from './services/sla-views.service.js';

/**
 * The processing-target clock, assignment and escalations (spec/sla.md). The applications it
 * times come through SLA_APPLICATIONS, which the owner of the applications (visas) provides
 * globally; officers come from identity.
 */
@Module({
  imports: [IdentityModule],
  providers: [SlaRepository, SlaPlanning, SlaFiring, SlaViews, SlaReports, SlaCharts, SlaAssignment, SlaClockService],
  exports: [SlaClockService, SlaReports, SlaCharts, SlaAssignment],
})
export class SlaModule {}

/** The HTTP routes of the SLA reports; only the API imports this. */
@Module({
  imports: [SlaModule],
  exports: [SlaModule],
  controllers: [SlaController],
})
export class SlaApiModule {}

/** The SLA's job handlers; only the worker imports this. */
@Module({
  imports: [SlaModule],
  providers: [SlaAssignProcessor],
})
export class SlaJobsModule {}
