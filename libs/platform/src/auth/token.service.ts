import { createSecretKey, type KeyObject } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/config.schema.js';
import { Clock } from '../clock/clock.js';
import { DomainError, isUuid } from '../errors/domain-error.js';
import type { Actor } from '../http/request-context.js';

interface TokenClaims {
  sub: string;
  role: string;
  /** Hospital, care provider and patient: no longer signed (they are read from the account), but compared when a token carries them. */
  hid?: string | null;
  cpid?: string | null;
  pid?: string | null;
  iat?: number;
  exp?: number;
}

/** Who a verified token names, and the scope claims it carries, if any (to be checked against the account). */
export interface VerifiedToken {
  userId: string;
  role: string;
  /** When it was signed, in seconds since the epoch (a token without `iat` counts as signed at 0). */
  issuedAt: number;
  claims: Partial<Pick<Actor, 'hospitalId' | 'careProviderId' | 'patientId'>>;
}

/** Signs and verifies access tokens against the injected clock (so tests can expire them). */
@Injectable()
export class TokenService {
  /**
   * A key object, not the string: given a string, jsonwebtoken first tries it as a public key
   * and builds an exception on every verify (7 % of the API's CPU under write load, measured).
   */
  private readonly key: KeyObject;

  constructor(
    private readonly jwt: JwtService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.key = createSecretKey(Buffer.from(config.jwtSecret));
  }

  /**
   * A token proves who the caller is, not what they hold: it names the account and its role;
   * hospital, care provider and patient are read from the account on every request.
   */
  sign(actor: Pick<Actor, 'userId' | 'role'>): { accessToken: string; expiresIn: number } {
    const iat = Math.floor(this.clock.now().getTime() / 1000);
    const claims: TokenClaims = { sub: actor.userId, role: actor.role, iat, exp: iat + this.config.jwtTtlSeconds };
    return { accessToken: this.jwt.sign(claims, { secret: this.key as unknown as Buffer, algorithm: 'HS256' }), expiresIn: this.config.jwtTtlSeconds };
  }

  /** A token without `exp`, or whose subject is no UUID, is refused like a bad signature (401, never a database error). */
  verify(token: string): VerifiedToken {
    let claims: TokenClaims;
    try {
      claims = this.jwt.verify<TokenClaims>(token, {
        secret: this.key as unknown as Buffer,
        algorithms: ['HS256'],
        clockTimestamp: Math.floor(this.clock.now().getTime() / 1000),
      });
    } catch {
      throw DomainError.unauthenticated('The token is invalid or has expired.');
    }
    if (typeof claims.exp !== 'number' || typeof claims.sub !== 'string' || !isUuid(claims.sub) || typeof claims.role !== 'string') {
      throw DomainError.unauthenticated('The token is invalid or has expired.');
    }
    const scope: VerifiedToken['claims'] = {};
    if (claims.hid !== undefined) scope.hospitalId = claims.hid;
    if (claims.cpid !== undefined) scope.careProviderId = claims.cpid;
    if (claims.pid !== undefined) scope.patientId = claims.pid;
    return { userId: claims.sub, role: claims.role, issuedAt: typeof claims.iat === 'number' ? claims.iat : 0, claims: scope };
  }
}
