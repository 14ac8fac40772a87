import { CreateStatistics1765600001000 } from './1765600001000-CreateStatistics.js';
import { CreateYearlyReports1765600002000 } from './1765600002000-CreateYearlyReports.js';
import { CreateFollowUps1765600003000 } from './1765600003000-CreateFollowUps.js';
import { HistogramsPerMonth1765810000000 } from './1765810000000-HistogramsPerMonth.js';

/** The tables statistics owns: the figures' monthly rollups and what keeps them exact, and hospitals' yearly reports. */
export const STATISTICS_MIGRATIONS = [CreateStatistics1765600001000, CreateYearlyReports1765600002000, CreateFollowUps1765600003000, HistogramsPerMonth1765810000000];
