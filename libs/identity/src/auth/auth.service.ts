import { Injectable } from '@nestjs/common';
import { AuditService, DomainError, TokenService, type Actor } from '@medjourney/platform';
import { DataSource } from 'typeorm';
import { InvitationsService } from '../invitations/invitations.service.js';
import { UserDto } from '../users/user.dto.js';
import { User } from '../users/user.entity.js';
import { UsersService } from '../users/users.service.js';
import type { SessionDto } from './auth.dto.js';
import { LoginRateLimiter } from './login-rate-limiter.js';
import { DUMMY_HASH, hashPassword, verifyPassword } from './passwords.js';

@Injectable()
export class AuthService {
  constructor(
    private readonly db: DataSource,
    private readonly tokens: TokenService,
    private readonly limiter: LoginRateLimiter,
    private readonly users: UsersService,
    private readonly invitations: InvitationsService,
    private readonly audit: AuditService,
  ) {}

  /** Unknown e-mail, wrong password, inactive or not yet activated account: one answer. */
  async login(email: string, password: string, ip: string): Promise<SessionDto> {
    await this.limiter.assertAllowed(email, ip);
    const user = await this.db
      .getRepository(User)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.email = :email', { email })
      .getOne();
    const ok = await verifyPassword(user?.passwordHash ?? DUMMY_HASH, password);
    if (!user || !user.passwordHash || !user.active || !ok) {
      await this.limiter.recordFailure(email, ip);
      throw DomainError.unauthenticated('The e-mail or password is wrong.');
    }
    await this.limiter.recordSuccess(email);
    return this.session(user);
  }

  async register(input: { email: string; password: string; name: string }): Promise<SessionDto> {
    const { user } = await this.db.transaction((m) => this.users.createIn(m, { ...input, role: 'patient' }, null));
    return this.session(user);
  }

  async acceptInvite(token: string, password: string): Promise<SessionDto> {
    const passwordHash = await hashPassword(password);
    const user = await this.db.transaction(async (m) => {
      const userId = await this.invitations.consume(m, token);
      if (!userId) throw DomainError.rule('INVITATION_INVALID', 'Invitation not valid', 'The invitation is unknown, already used or expired.');
      await m.query('UPDATE users SET password_hash = $2, version = version + 1, updated_at = now() WHERE id = $1', [userId, passwordHash]);
      const u = await m.findOneByOrFail(User, { id: userId });
      await this.audit.record(m, { action: 'user.invitation_accepted', entityType: 'user', entityId: u.id, actor: { userId: u.id, role: u.role } });
      return u;
    });
    return this.session(user);
  }

  async me(actor: Actor): Promise<UserDto> {
    const user = await this.db.getRepository(User).findOneBy({ id: actor.userId });
    if (!user) throw DomainError.unauthenticated();
    return UserDto.of(user);
  }

  private session(user: User): SessionDto {
    const actor: Actor = { userId: user.id, role: user.role, hospitalId: user.hospitalId, careProviderId: user.careProviderId, patientId: user.patientId };
    return { ...this.tokens.sign(actor), user: UserDto.of(user) };
  }
}
