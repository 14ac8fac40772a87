import { CreateCareProviderRegistry1764900100000 } from './1764900100000-CreateCareProviderRegistry.js';
import { CreateBookingsAndAssignments1764900200000 } from './1764900200000-CreateBookingsAndAssignments.js';

/** The tables matching owns: the care-provider registry and availability, provider bookings, care assignments. */
export const MATCHING_MIGRATIONS = [CreateCareProviderRegistry1764900100000, CreateBookingsAndAssignments1764900200000];
