import { Injectable } from '@nestjs/common';
import { RedisService, DomainError } from '@medjourney/platform';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';

export const FAILURES_PER_ACCOUNT_AND_ADDRESS = 5;
export const FAILURES_PER_ADDRESS = 30;
export const REGISTRATIONS_PER_ADDRESS = 10;
/** Registration e-mails one address receives in an hour; more attempts answer alike and send nothing. */
export const REGISTRATION_MAILS_PER_EMAIL = 3;
/** Password-reset requests, like registrations: 10 a minute per address, at most 3 reset mails an hour to one e-mail. */
export const PASSWORD_RESETS_PER_ADDRESS = 10;
export const PASSWORD_RESET_MAILS_PER_EMAIL = 3;
const WINDOW_SECONDS = 60;

/**
 * Failed logins (spec/security.md): 5 a minute per account and address together, 30 a minute
 * per address across accounts. A blocked pair or address answers 429 with Retry-After before
 * the password is checked, so a 429 tells nothing about a guess; failures from one address
 * never block the account from another, so nobody can lock a user out by failing on purpose.
 * A successful login consumes nothing and clears its pair's count.
 * Registrations: 10 a minute per address, and at most 3 registration mails an hour to one e-mail;
 * password-reset requests alike, counted apart (one flow never uses up the other's allowance).
 */
@Injectable()
export class LoginRateLimiter {
  private readonly perPair: RateLimiterRedis;
  private readonly perAddress: RateLimiterRedis;
  private readonly registrationsPerAddress: RateLimiterRedis;
  private readonly registrationMails: RateLimiterRedis;
  private readonly resetsPerAddress: RateLimiterRedis;
  private readonly resetMails: RateLimiterRedis;

  constructor(redis: RedisService) {
    const common = { storeClient: redis.client, duration: WINDOW_SECONDS, useRedisPackage: false };
    this.perPair = new RateLimiterRedis({ ...common, keyPrefix: redis.key('login-fail', 'pair'), points: FAILURES_PER_ACCOUNT_AND_ADDRESS });
    this.perAddress = new RateLimiterRedis({ ...common, keyPrefix: redis.key('login-fail', 'ip'), points: FAILURES_PER_ADDRESS });
    this.registrationsPerAddress = new RateLimiterRedis({ ...common, keyPrefix: redis.key('register', 'ip'), points: REGISTRATIONS_PER_ADDRESS });
    this.registrationMails = new RateLimiterRedis({ ...common, duration: 3600, keyPrefix: redis.key('register', 'email'), points: REGISTRATION_MAILS_PER_EMAIL });
    this.resetsPerAddress = new RateLimiterRedis({ ...common, keyPrefix: redis.key('password-reset', 'ip'), points: PASSWORD_RESETS_PER_ADDRESS });
    this.resetMails = new RateLimiterRedis({ ...common, duration: 3600, keyPrefix: redis.key('password-reset', 'email'), points: PASSWORD_RESET_MAILS_PER_EMAIL });
  }

  async assertAllowed(email: string, ip: string): Promise<void> {
    const [pair, address] = await Promise.all([this.perPair.get(pairKey(email, ip)), this.perAddress.get(ip)]);
    const blocked = [
      pair && pair.consumedPoints >= FAILURES_PER_ACCOUNT_AND_ADDRESS ? pair : undefined,
      address && address.consumedPoints >= FAILURES_PER_ADDRESS ? address : undefined,
    ].filter((r): r is RateLimiterRes => r !== undefined);
    if (blocked.length) throw DomainError.rateLimited(Math.max(...blocked.map((r) => r.msBeforeNext)) / 1000);
  }

  async recordFailure(email: string, ip: string): Promise<void> {
    await Promise.all([this.perPair.penalty(pairKey(email, ip), 1), this.perAddress.penalty(ip, 1)]);
  }

  async recordSuccess(email: string, ip: string): Promise<void> {
    await this.perPair.delete(pairKey(email, ip));
  }

  /** Counts a registration from this address; the 11th within a minute is 429. */
  consumeRegistration(ip: string): Promise<void> {
    return consumeOr429(this.registrationsPerAddress, ip);
  }

  /** Whether one more registration mail may go to this address within the hour (counted when true). */
  mayMail(email: string): Promise<boolean> {
    return mayConsume(this.registrationMails, email);
  }

  /** Counts a password-reset request from this address; the 11th within a minute is 429. */
  consumePasswordReset(ip: string): Promise<void> {
    return consumeOr429(this.resetsPerAddress, ip);
  }

  /** Whether one more reset mail may go to this address within the hour (counted when true). */
  mayMailReset(email: string): Promise<boolean> {
    return mayConsume(this.resetMails, email);
  }
}

async function consumeOr429(limiter: RateLimiterRedis, key: string): Promise<void> {
  try {
    await limiter.consume(key);
  } catch (e) {
    if (e instanceof RateLimiterRes) throw DomainError.rateLimited(e.msBeforeNext / 1000);
    throw e;
  }
}

async function mayConsume(limiter: RateLimiterRedis, key: string): Promise<boolean> {
  try {
    await limiter.consume(key);
    return true;
  } catch (e) {
    if (e instanceof RateLimiterRes) return false;
    throw e;
  }
}

/** E-mails cannot hold a newline, so the pair's key is unambiguous. */
const pairKey = (email: string, ip: string) => `${email}\n${ip}`;
