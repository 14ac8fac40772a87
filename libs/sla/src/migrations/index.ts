import { CreateSlaTimers1763900006000 } from './1763900006000-CreateSlaTimers.js';

/** The SLA clock's own tables. */
export const SLA_MIGRATIONS = [CreateSlaTimers1763900006000];
