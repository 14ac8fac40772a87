import type { EntityManager } from 'typeorm';

/**
 * A care_provider account belongs to a provider of the registry, which the matching module owns
 * and which sits above identity in the layers: identity asks through this door, matching fills it.
 */
export interface CareProviderRegistry {
  exists(m: EntityManager, careProviderId: string): Promise<boolean>;
}

export const CARE_PROVIDER_REGISTRY = Symbol('CareProviderRegistry');
