import argon2 from 'argon2';
import type { PasswordHashing } from '@medjourney/platform';

export const MIN_PASSWORD_LENGTH = 12;

/**
 * argon2id's parameters per PASSWORD_HASHING. `standard` is the library's defaults (64 MiB,
 * t=3, p=4), per spec/security.md, and the only one outside NODE_ENV=test. `fast` (8 MiB, t=1,
 * p=1) exists for the test suite, whose hundreds of accounts and sign-ins would otherwise spend
 * a large share of its time hashing (about 400 ms of CPU a hash on 2 cores, against 12 ms).
 */
const PARAMETERS: Record<PasswordHashing, { memoryCost: number; timeCost: number; parallelism: number }> = {
  standard: { memoryCost: 65536, timeCost: 3, parallelism: 4 },
  fast: { memoryCost: 8192, timeCost: 1, parallelism: 1 },
};

/**
 * Verified against when the e-mail is unknown, so both failures take the same time: a hash of
 * the same cost as the accounts' own (`fast` ones in a test run).
 */
export const DUMMY_HASHES: Record<PasswordHashing, string> = {
  standard: '$argon2id$v=19$m=65536,t=3,p=4$c29tZXNhbHRzb21lc2FsdA$RdescudvJCsgt3ub+b+dWRWJTmaaJObG2RcgR5Tuzc0',
  fast: '$argon2id$v=19$m=8192,p=1,t=1$c29tZXNhbHRzb21lc2FsdA$qK1MZ+gRpTJK9WG8NPmhhyQWo0fDF6xkBNg6qzpF8eY',
};

export function hashPassword(password: string, hashing: PasswordHashing): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id, ...PARAMETERS[hashing] });
}

/** A hash carries its own parameters, so an account hashed under either setting verifies under both. */
export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}
