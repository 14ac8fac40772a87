import { Injectable } from '@nestjs/common';
import { Clock, JobHandler, JOBS } from '@medjourney/platform';
import { DataSource } from 'typeorm';

/** Hourly: forgets invitations expired for more than 30 days. */
@Injectable()
export class PurgeInvitationsProcessor {
  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
  ) {}

  @JobHandler(JOBS.purgeInvitations)
  async purge(): Promise<{ invitations: number }> {
    const [, invitations] = await this.db.query(`DELETE FROM invitations WHERE expires_at < $1::timestamptz - interval '30 days'`, [this.clock.now()]);
    return { invitations };
  }
}
