import { CreateSlaTimers1763900006000 } from './1763900006000-CreateSlaTimers.js';
import { CreateSlaClocks1764800000000 } from './1764800000000-CreateSlaClocks.js';
import { IndexSlaBreaches1765550000000 } from './1765550000000-IndexSlaBreaches.js';
import { StoreSlaStageInstants1765855000000 } from './1765855000000-StoreSlaStageInstants.js';

/** The SLA clock's own tables. */
export const SLA_MIGRATIONS = [CreateSlaTimers1763900006000, CreateSlaClocks1764800000000, IndexSlaBreaches1765550000000, StoreSlaStageInstants1765855000000];
