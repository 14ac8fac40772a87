import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, Clock, JOBS, jobId, OutboxService, type AppConfig } from '@medjourney/platform';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { hashToken, linkToken } from '../auth/account-links.js';
import { InvitationsService } from '../invitations/invitations.service.js';

export const PASSWORD_RESET_TTL_MS = 3600 * 1000;

/**
 * Password resets by a single-use link mailed to the account's address (docs/decisions.md,
 * "Password reset"), made like the registration and invitation links: the token is derived from
 * the row's id, only its SHA-256 is stored, the mail goes through the outbox.
 */
@Injectable()
export class PasswordResetsService {
  constructor(
    private readonly clock: Clock,
    private readonly outbox: OutboxService,
    private readonly invitations: InvitationsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * In the caller's transaction: an active account with a password gets a reset link (replacing
   * the ones not yet used); an invited account not yet activated gets a new invitation, the way
   * to its first password; an unknown or deactivated address gets nothing. Returns the account
   * told, if any, for the audit.
   */
  async request(m: EntityManager, email: string, mail: boolean): Promise<string | null> {
    const [user]: { id: string; active: boolean; has_password: boolean }[] = await m.query(
      'SELECT id, active, password_hash IS NOT NULL AS has_password FROM users WHERE email = $1',
      [email],
    );
    if (!user || !user.active || !mail) return null;
    if (!user.has_password) {
      await this.invitations.create(m, user.id, null);
      return user.id;
    }
    const id = randomUUID();
    const now = this.clock.now();
    await m.query('UPDATE password_resets SET used_at = $2 WHERE user_id = $1 AND used_at IS NULL', [user.id, now]);
    await m.query(
      'INSERT INTO password_resets (id, user_id, token_hash, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)',
      [id, user.id, hashToken(linkToken(this.config.jwtSecret, 'password-reset', id)), now, new Date(now.getTime() + PASSWORD_RESET_TTL_MS)],
    );
    await this.outbox.publish(m, JOBS.email, { template: 'password-reset', passwordResetId: id, eventId: id }, { jobId: jobId('email', 'password-reset', id) });
    return user.id;
  }

  /**
   * Spends a reset token (one winner under races): sets the password, voids the account's other
   * reset and invitation links, and ends its sessions. Null when the token is unknown, used or
   * expired, or the account was deactivated since.
   */
  async consume(m: EntityManager, token: string, passwordHash: string): Promise<string | null> {
    const now = this.clock.now();
    // TypeORM answers an UPDATE with [rows, affected].
    const [rows]: [{ user_id: string }[], number] = await m.query(
      `UPDATE password_resets SET used_at = $2 WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2 RETURNING user_id`,
      [hashToken(token), now],
    );
    const userId = rows[0]?.user_id;
    if (!userId) return null;
    // Tokens carry whole seconds: sessions signed from this second on hold (the one the owner starts next).
    const [updated]: [{ id: string }[], number] = await m.query(
      `UPDATE users SET password_hash = $2, sessions_valid_from = date_trunc('second', $3::timestamptz), version = version + 1, updated_at = $3
        WHERE id = $1 AND active RETURNING id`,
      [userId, passwordHash, now],
    );
    if (!updated.length) return null;
    await m.query('UPDATE password_resets SET used_at = $2 WHERE user_id = $1 AND used_at IS NULL', [userId, now]);
    await m.query('UPDATE invitations SET used_at = $2 WHERE user_id = $1 AND used_at IS NULL', [userId, now]);
    return userId;
  }
}
