import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '../errors/domain-error.js';
import type { Actor } from '../http/request-context.js';
import { ACCOUNT_STATUS, type AccountStatus } from './account-status.port.js';
import { TokenService } from './token.service.js';

const SCOPE_CLAIMS = ['hospitalId', 'careProviderId', 'patientId'] as const;

/**
 * Who a bearer token's caller is, from the account (spec/security.md): one primary-key read per
 * request. A deactivated account, a changed role, a token signed before the account's sessions
 * were ended (a password reset), or a token carrying a hospital, care provider or patient that
 * the account does not hold is 401; the actor's scope is the account's own.
 */
@Injectable()
export class Authenticator {
  constructor(
    private readonly tokens: TokenService,
    @Inject(ACCOUNT_STATUS) private readonly accounts: AccountStatus,
  ) {}

  async actorOf(token: string): Promise<Actor> {
    const verified = this.tokens.verify(token);
    const account = await this.accounts.activeAccount(verified.userId);
    if (!account || account.role !== verified.role) throw DomainError.unauthenticated('The account is not active.');
    // `iat` has whole seconds: the reset stores its second, so a sign-in just after it holds.
    if (account.sessionsValidFrom && verified.issuedAt * 1000 < account.sessionsValidFrom.getTime()) {
      throw DomainError.unauthenticated('The session has ended: the password was changed.');
    }
    if (SCOPE_CLAIMS.some((k) => k in verified.claims && verified.claims[k] !== account[k])) {
      throw DomainError.unauthenticated('The token does not match the account.');
    }
    return { userId: verified.userId, role: account.role, hospitalId: account.hospitalId, careProviderId: account.careProviderId, patientId: account.patientId };
  }
}
