import type { EntityManager } from 'typeorm';

/** What an active account holds: its role and the one hospital, care provider or patient record it belongs to. */
export interface AccountClaims {
  role: string;
  hospitalId: string | null;
  careProviderId: string | null;
  patientId: string | null;
  /** Tokens signed before this second are refused (a password reset ends every session); null: none. */
  sessionsValidFrom: Date | null;
}

/**
 * The platform's door to accounts, which identity owns and fills: the guard and Bull Board
 * read what an account holds on every request, and must not read identity's tables.
 */
export interface AccountStatus {
  /** The account's role while it is active; null for an inactive or unknown account. */
  activeRole(userId: string, manager?: EntityManager): Promise<string | null>;
  /** What the account holds while it is active (one primary-key read); null for an inactive or unknown account. */
  activeAccount(userId: string): Promise<AccountClaims | null>;
}

export const ACCOUNT_STATUS = Symbol('AccountStatus');
