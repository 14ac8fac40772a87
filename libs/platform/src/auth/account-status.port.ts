import type { EntityManager } from 'typeorm';

/**
 * The platform's door to accounts, which identity owns and fills: the guard and Bull Board
 * ask whether an account is still active and with which role, and must not read identity's tables.
 */
export interface AccountStatus {
  /** The account's role while it is active; null for an inactive or unknown account. */
  activeRole(userId: string, manager?: EntityManager): Promise<string | null>;
}

export const ACCOUNT_STATUS = Symbol('AccountStatus');
