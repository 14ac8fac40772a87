import { Module } from '@nestjs/common';
import { SlaController } from './sla.controller.js';
import { SlaClockService } from './services/sla-clock.service.js';

/** The processing-target clock, assignment and escalations (spec/sla.md). */
@Module({
  providers: [SlaClockService],
  exports: [SlaClockService],
})
export class SlaModule {}

/** The HTTP routes of the SLA reports; only the API imports this. */
@Module({
  imports: [SlaModule],
  exports: [SlaModule],
  controllers: [SlaController],
})
export class SlaApiModule {}
