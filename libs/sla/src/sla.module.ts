import { Module } from '@nestjs/common';
import { SlaController } from './sla.controller.js';
import { SlaClockService } from './services/sla-clock.service.js';

/** The processing-target clock, assignment and escalations (spec/sla.md). */
@Module({
  controllers: [SlaController],
  providers: [SlaClockService],
  exports: [SlaClockService],
})
export class SlaModule {}
