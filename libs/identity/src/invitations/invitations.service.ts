import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, Clock, JOBS, jobId, OutboxService, type AppConfig } from '@medjourney/platform';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { hashToken, linkToken } from '../auth/account-links.js';
import { Invitation } from './invitation.entity.js';

export const INVITATION_TTL_MS = 14 * 24 * 3600 * 1000;

/**
 * Single-use invitations. The link goes by e-mail to the invited person only (never in an answer
 * to whoever invited them: spec/security.md), through the outbox in the caller's transaction;
 * only the token's SHA-256 is stored. Other modules (visas) reach this through
 * `UsersService.createIn` when they create an account for a patient.
 */
@Injectable()
export class InvitationsService {
  constructor(
    private readonly clock: Clock,
    private readonly outbox: OutboxService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** `firstOfUser`: the account was created in this transaction, so it has no invitation to replace. */
  async create(manager: EntityManager, userId: string, createdBy: string | null, opts: { firstOfUser?: boolean } = {}): Promise<{ invitationId: string; expiresAt: Date }> {
    const invitation = this.draft(createdBy);
    // A new invitation replaces the ones not yet used.
    if (!opts.firstOfUser) await manager.query('UPDATE invitations SET used_at = $2 WHERE user_id = $1 AND used_at IS NULL', [userId, invitation.createdAt]);
    await manager.insert(Invitation, { ...invitation, userId });
    await this.mail(manager, invitation.id);
    return { invitationId: invitation.id, expiresAt: invitation.expiresAt };
  }

  /** A new invitation's row but its user: for an account whose insert writes it too (UsersService.lockOrCreatePatient). */
  draft(createdBy: string | null): Omit<Invitation, 'userId' | 'usedAt'> {
    const id = randomUUID();
    const createdAt = this.clock.now();
    return { id, tokenHash: hashToken(linkToken(this.config.jwtSecret, 'invitation', id)), createdBy, createdAt, expiresAt: new Date(createdAt.getTime() + INVITATION_TTL_MS) };
  }

  /** The invitation's e-mail, through the outbox in the transaction that writes it. */
  async mail(manager: EntityManager, invitationId: string): Promise<void> {
    await this.outbox.publish(manager, JOBS.email, { template: 'invitation', invitationId, eventId: invitationId }, { jobId: jobId('email', 'invitation', invitationId) });
  }

  /** Marks the token used and returns its user, or null when unknown, used or expired (one winner under races). */
  async consume(manager: EntityManager, token: string): Promise<string | null> {
    const now = this.clock.now();
    // TypeORM answers an UPDATE with [rows, affected].
    const [rows]: [{ user_id: string }[], number] = await manager.query(
      `UPDATE invitations SET used_at = $2 WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2 RETURNING user_id`,
      [hashToken(token), now],
    );
    return rows[0]?.user_id ?? null;
  }
}
