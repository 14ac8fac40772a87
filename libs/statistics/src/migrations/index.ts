import { CreateStatistics1765600001000 } from './1765600001000-CreateStatistics.js';

/** The tables statistics owns: the figures' monthly rollups and what keeps them exact. */
export const STATISTICS_MIGRATIONS = [CreateStatistics1765600001000];
