import { CreateCareProviderRegistry1764900100000 } from './1764900100000-CreateCareProviderRegistry.js';

/** The tables matching owns: the care-provider registry and availability. */
export const MATCHING_MIGRATIONS = [CreateCareProviderRegistry1764900100000];
