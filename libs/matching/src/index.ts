// The matching module's door: its modules, services, seeds, and migrations and entities for the composition root.
export { MATCHING_ENTITIES, MatchingApiModule, MatchingModule } from './matching.module.js';
export { MATCHING_MIGRATIONS } from './migrations/index.js';
export { beyondBookingHorizon, lastBookableDay } from './domain/booking-horizon.js';
export { BookingsService, type BookingRequest } from './services/bookings.service.js';
export { CareAssignmentsService, RESPONSE_TIMER, responseTimerKey } from './services/care-assignments.service.js';
export { CareProvidersService } from './services/care-providers.service.js';
export { type MatchRequest, MatchingService } from './services/matching.service.js';
export { seedDemoCareAssignments } from './seed/seed-care-assignments.js';
export { seedDemoCareProviders } from './seed/seed-care-providers.js';
