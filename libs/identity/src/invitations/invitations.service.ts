import { Injectable } from '@nestjs/common';
import { Clock } from '@medjourney/platform';
import { createHash, randomBytes } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { Invitation } from './invitation.entity.js';

export const INVITATION_TTL_MS = 14 * 24 * 3600 * 1000;

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * Single-use invitation tokens. The plain token is returned once, to be handed to the
 * invited person; only its SHA-256 is stored. Other modules (visas) call `create` inside
 * their own transaction when they create an account for a patient.
 */
@Injectable()
export class InvitationsService {
  constructor(private readonly clock: Clock) {}

  /** `firstOfUser`: the account was created in this transaction, so it has no invitation to replace. */
  async create(manager: EntityManager, userId: string, createdBy: string | null, opts: { firstOfUser?: boolean } = {}): Promise<{ token: string; expiresAt: Date }> {
    const token = randomBytes(32).toString('base64url');
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + INVITATION_TTL_MS);
    // A new invitation replaces the ones not yet used.
    if (!opts.firstOfUser) await manager.query('UPDATE invitations SET used_at = $2 WHERE user_id = $1 AND used_at IS NULL', [userId, now]);
    await manager.insert(Invitation, { userId, tokenHash: hashToken(token), createdBy, createdAt: now, expiresAt });
    return { token, expiresAt };
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
