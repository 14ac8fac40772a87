import { CreateCareProviderRegistry1764900100000 } from './1764900100000-CreateCareProviderRegistry.js';
import { CreateBookingsAndAssignments1764900200000 } from './1764900200000-CreateBookingsAndAssignments.js';
import { CreateMatches1764900300000 } from './1764900300000-CreateMatches.js';
import { AddAvailabilityHorizon1764970000000 } from './1764970000000-AddAvailabilityHorizon.js';
import { CreateMatchSummaries1765840000000 } from './1765840000000-CreateMatchSummaries.js';

/** The tables matching owns: the care-provider registry and availability, provider bookings, care assignments, matches, and the matcher's summaries. */
export const MATCHING_MIGRATIONS = [
  CreateCareProviderRegistry1764900100000, CreateBookingsAndAssignments1764900200000, CreateMatches1764900300000, AddAvailabilityHorizon1764970000000,
  CreateMatchSummaries1765840000000,
];
