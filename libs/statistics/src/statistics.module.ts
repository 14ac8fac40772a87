import { Module } from '@nestjs/common';
import { HospitalsModule } from '@medjourney/hospitals';
import { JourneyModule } from '@medjourney/journey';
import { MatchingModule } from '@medjourney/matching';
import { VisasModule } from '@medjourney/visas';
import { StatisticsController } from './statistics.controller.js';
import { FiguresProjector } from './services/figures-projector.js';
import { FiguresRepository } from './services/figures.repository.js';
import { HistoryImport } from './services/history-import.service.js';
import { ProgrammeFiguresService } from './services/programme-figures.service.js';
import { RollupsRepository } from './services/rollups.repository.js';
import { StatisticsRebuild } from './services/statistics-rebuild.service.js';
import { YearlyReportsService } from './services/yearly-reports.service.js';
import { YearlyReportsController } from './yearly-reports.controller.js';

/** The programme's figures, a read model kept from domain events, and hospitals' yearly reports (spec/statistics.md). */
@Module({
  imports: [HospitalsModule, VisasModule, JourneyModule, MatchingModule],
  // The subscriber runs only where WorkerHostService is provided (the worker).
  providers: [RollupsRepository, FiguresRepository, FiguresProjector, ProgrammeFiguresService, StatisticsRebuild, YearlyReportsService, HistoryImport],
  exports: [ProgrammeFiguresService, StatisticsRebuild, YearlyReportsService, HistoryImport],
})
export class StatisticsModule {}

/** The HTTP routes of the figures; only the API imports this. */
@Module({
  imports: [StatisticsModule],
  exports: [StatisticsModule],
  controllers: [StatisticsController, YearlyReportsController],
})
export class StatisticsApiModule {}
