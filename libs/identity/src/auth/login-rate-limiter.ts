import { Injectable } from '@nestjs/common';
import { RedisService, DomainError } from '@medjourney/platform';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';

export const FAILURES_PER_ACCOUNT = 5;
export const FAILURES_PER_ADDRESS = 30;
const WINDOW_SECONDS = 60;

/**
 * Failed logins only (spec/security.md): 5 a minute per account, 30 a minute per address.
 * A blocked account or address answers 429 with Retry-After before the password is checked;
 * a successful login consumes nothing and clears the account's count.
 */
@Injectable()
export class LoginRateLimiter {
  private readonly perAccount: RateLimiterRedis;
  private readonly perAddress: RateLimiterRedis;

  constructor(redis: RedisService) {
    const common = { storeClient: redis.client, duration: WINDOW_SECONDS, useRedisPackage: false };
    this.perAccount = new RateLimiterRedis({ ...common, keyPrefix: redis.key('login-fail', 'account'), points: FAILURES_PER_ACCOUNT });
    this.perAddress = new RateLimiterRedis({ ...common, keyPrefix: redis.key('login-fail', 'ip'), points: FAILURES_PER_ADDRESS });
  }

  async assertAllowed(email: string, ip: string): Promise<void> {
    const [account, address] = await Promise.all([this.perAccount.get(email), this.perAddress.get(ip)]);
    const blocked = [
      account && account.consumedPoints >= FAILURES_PER_ACCOUNT ? account : undefined,
      address && address.consumedPoints >= FAILURES_PER_ADDRESS ? address : undefined,
    ].filter((r): r is RateLimiterRes => r !== undefined);
    if (blocked.length) throw DomainError.rateLimited(Math.max(...blocked.map((r) => r.msBeforeNext)) / 1000);
  }

  async recordFailure(email: string, ip: string): Promise<void> {
    await Promise.all([this.perAccount.penalty(email, 1), this.perAddress.penalty(ip, 1)]);
  }

  async recordSuccess(email: string): Promise<void> {
    await this.perAccount.delete(email);
  }
}
