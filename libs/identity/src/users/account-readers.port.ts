import type { Reader, Role } from '@medjourney/platform';
import type { EntityManager } from 'typeorm';

/** An account as the reader port needs it: patients and care providers read their own language. */
export interface ReadingAccount {
  id: string;
  role: Role | string;
  patientId: string | null;
  careProviderId: string | null;
}

/**
 * The language and zone each account reads its notices and e-mails in. The patient's languages
 * live in journey's profile and a provider's in matching's registry, both above identity in the
 * layers: identity asks through this door (its account e-mails), the notification centre fills it.
 */
export interface AccountReaders {
  readersOf(m: EntityManager, accounts: readonly ReadingAccount[]): Promise<Map<string, Reader>>;
}

export const ACCOUNT_READERS = Symbol('AccountReaders');
