import { Injectable } from '@nestjs/common';
import { Clock, JobHandler, JOBS } from '@medjourney/platform';
import { DataSource } from 'typeorm';

/** Hourly: forgets idempotency keys past their 24 hours and invitations long expired. */
@Injectable()
export class PurgeExpiredProcessor {
  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
  ) {}

  @JobHandler(JOBS.purgeExpired)
  async purge(): Promise<{ idempotencyKeys: number; invitations: number }> {
    const now = this.clock.now();
    const [, keys] = await this.db.query('DELETE FROM idempotency_keys WHERE expires_at < $1', [now]);
    const [, invitations] = await this.db.query(`DELETE FROM invitations WHERE expires_at < $1::timestamptz - interval '30 days'`, [now]);
    return { idempotencyKeys: keys, invitations };
  }
}
