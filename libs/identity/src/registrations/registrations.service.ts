import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, Clock, JOBS, jobId, OutboxService, type AppConfig } from '@medjourney/platform';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { hashToken, linkToken } from '../auth/account-links.js';
import { InvitationsService } from '../invitations/invitations.service.js';

export const VERIFICATION_TTL_MS = 24 * 3600 * 1000;

/**
 * Self-registration by verified e-mail (spec/security.md). A registration waits in its own table
 * until its link, mailed to the address, is followed; only then is the account made. What the
 * caller is told never depends on whether the address has an account: the address's owner is
 * the one told, by e-mail.
 */
@Injectable()
export class RegistrationsService {
  constructor(
    private readonly clock: Clock,
    private readonly outbox: OutboxService,
    private readonly invitations: InvitationsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * In the caller's transaction: a new address gets a verification link; an invited account not
   * yet activated gets a new invitation; an account in use is told that someone tried. `mail`
   * false (too many mails to this address this hour) records the registration and sends nothing.
   */
  async request(m: EntityManager, input: { email: string; name: string; passwordHash: string }, mail: boolean): Promise<void> {
    const [user]: { id: string; has_password: boolean }[] = await m.query('SELECT id, password_hash IS NOT NULL AS has_password FROM users WHERE email = $1', [input.email]);
    if (!user) {
      const id = randomUUID();
      const now = this.clock.now();
      await m.query(
        `INSERT INTO registrations (id, email, name, password_hash, token_hash, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [id, input.email, input.name, input.passwordHash, hashToken(linkToken(this.config.jwtSecret, 'verify-email', id)), now, new Date(now.getTime() + VERIFICATION_TTL_MS)],
      );
      if (mail) await this.outbox.publish(m, JOBS.email, { template: 'verify-email', registrationId: id, eventId: id }, { jobId: jobId('email', 'verify-email', id) });
      return;
    }
    if (!mail) return;
    if (user.has_password) {
      const eventId = randomUUID();
      await this.outbox.publish(m, JOBS.email, { template: 'already-registered', userId: user.id, eventId }, { jobId: jobId('email', 'already-registered', eventId) });
    } else {
      await this.invitations.create(m, user.id, null);
    }
  }

  /**
   * Consumes a verification token (one winner under races) and voids every other registration
   * waiting for the same address; null when the token is unknown, used or expired.
   */
  async consume(m: EntityManager, token: string): Promise<{ email: string; name: string; passwordHash: string } | null> {
    const now = this.clock.now();
    const [rows]: [{ email: string; name: string; password_hash: string }[], number] = await m.query(
      `UPDATE registrations SET used_at = $2 WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2 RETURNING email, name, password_hash`,
      [hashToken(token), now],
    );
    const row = rows[0];
    if (!row) return null;
    await m.query('UPDATE registrations SET used_at = $2 WHERE email = $1 AND used_at IS NULL', [row.email, now]);
    return { email: row.email, name: row.name, passwordHash: row.password_hash };
  }
}
