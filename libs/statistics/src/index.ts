// The statistics module's door: its modules, the rebuild, and its migrations for the composition root. Nobody but the apps and libs/schema imports it.
export { StatisticsApiModule, StatisticsModule } from './statistics.module.js';
export { STATISTICS_MIGRATIONS } from './migrations/index.js';
export { StatisticsRebuild } from './services/statistics-rebuild.service.js';
export { YearlyReportsService } from './services/yearly-reports.service.js';
export { FIGURES_SUBSCRIBER } from './services/figures-projector.js';
export { HistoryImport } from './services/history-import.service.js';
