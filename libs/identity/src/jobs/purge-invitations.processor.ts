import { Injectable } from '@nestjs/common';
import { Clock, JobHandler, JOBS } from '@medjourney/platform';
import { DataSource } from 'typeorm';

/**
 * Hourly: forgets invitations expired for more than 30 days, registrations as soon as they
 * are used or expired (they hold the password hash of someone who may never have verified), and
 * password resets a day after they were used or expired (the audit keeps that a reset happened).
 */
@Injectable()
export class PurgeInvitationsProcessor {
  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
  ) {}

  @JobHandler(JOBS.purgeInvitations)
  async purge(): Promise<{ invitations: number; registrations: number; passwordResets: number }> {
    const now = this.clock.now();
    const [, invitations] = await this.db.query(`DELETE FROM invitations WHERE expires_at < $1::timestamptz - interval '30 days'`, [now]);
    const [, registrations] = await this.db.query(`DELETE FROM registrations WHERE used_at IS NOT NULL OR expires_at < $1`, [now]);
    const [, passwordResets] = await this.db.query(
      `DELETE FROM password_resets WHERE coalesce(used_at, expires_at) < $1::timestamptz - interval '1 day'`,
      [now],
    );
    return { invitations, registrations, passwordResets };
  }
}
