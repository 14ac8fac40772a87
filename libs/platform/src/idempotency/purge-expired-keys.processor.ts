import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '../clock/clock.js';
import { JobHandler } from '../queue/job-handler.decorator.js';
import { JOBS } from '../queue/queue-registry.js';

/** Hourly: forgets idempotency keys past their 24 hours (identity purges its own invitations). */
@Injectable()
export class PurgeExpiredKeysProcessor {
  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
  ) {}

  @JobHandler(JOBS.purgeExpired)
  async purge(): Promise<{ idempotencyKeys: number }> {
    const [, keys] = await this.db.query('DELETE FROM idempotency_keys WHERE expires_at < $1', [this.clock.now()]);
    return { idempotencyKeys: keys };
  }
}
