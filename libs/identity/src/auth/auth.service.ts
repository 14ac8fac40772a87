import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AuditService, DomainError, TokenService, type Actor, type AppConfig } from '@medjourney/platform';
import { DataSource } from 'typeorm';
import { InvitationsService } from '../invitations/invitations.service.js';
import { UserDto } from '../users/user.dto.js';
import { User } from '../users/user.entity.js';
import { UsersService } from '../users/users.service.js';
import { RegistrationsService } from '../registrations/registrations.service.js';
import { PasswordResetsService } from '../password-resets/password-resets.service.js';
import type { RegistrationAcceptedDto, SessionDto } from './auth.dto.js';
import { LoginRateLimiter } from './login-rate-limiter.js';
import { DUMMY_HASHES, hashPassword, verifyPassword } from './passwords.js';

@Injectable()
export class AuthService {
  constructor(
    private readonly db: DataSource,
    private readonly tokens: TokenService,
    private readonly limiter: LoginRateLimiter,
    private readonly users: UsersService,
    private readonly invitations: InvitationsService,
    private readonly registrations: RegistrationsService,
    private readonly passwordResets: PasswordResetsService,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Unknown e-mail, wrong password, inactive or not yet activated account: one answer. */
  async login(email: string, password: string, ip: string): Promise<SessionDto> {
    // Before anything is read or hashed: a blocked pair learns nothing about its guess.
    await this.limiter.assertAllowed(email, ip);
    const user = await this.db
      .getRepository(User)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.email = :email', { email })
      .getOne();
    const ok = await verifyPassword(user?.passwordHash ?? DUMMY_HASHES[this.config.passwordHashing], password);
    if (!user || !user.passwordHash || !user.active || !ok) {
      await this.limiter.recordFailure(email, ip);
      throw DomainError.unauthenticated('The e-mail or password is wrong.');
    }
    await this.limiter.recordSuccess(email, ip);
    return this.session(user);
  }

  /**
   * 202 alike for every address (no enumeration): what happens next is told by e-mail to the
   * address's owner. The password is hashed either way, so both answers take as long.
   */
  async register(input: { email: string; password: string; name: string }, ip: string): Promise<RegistrationAcceptedDto> {
    await this.limiter.consumeRegistration(ip);
    const passwordHash = await hashPassword(input.password, this.config.passwordHashing);
    const mail = await this.limiter.mayMail(input.email);
    await this.db.transaction((m) => this.registrations.request(m, { email: input.email, name: input.name, passwordHash }, mail));
    return { message: 'If this address can receive mail, a message about finishing the registration is on its way to it.' };
  }

  /** Makes the account of a registration whose link was followed, and signs it in. */
  async verifyEmail(token: string): Promise<SessionDto> {
    const user = await this.db.transaction(async (m) => {
      const registration = await this.registrations.consume(m, token);
      // An account made for this address since (a hospital's application) is activated by its own invitation.
      const taken = registration && (await this.users.lockByEmail(m, registration.email));
      if (!registration || taken) throw invalidToken();
      const { user } = await this.users.createIn(m, { email: registration.email, name: registration.name, passwordHash: registration.passwordHash, role: 'patient' }, null);
      return user;
    });
    return this.session(user);
  }

  async acceptInvite(token: string, password: string): Promise<SessionDto> {
    const passwordHash = await hashPassword(password, this.config.passwordHashing);
    const user = await this.db.transaction(async (m) => {
      const userId = await this.invitations.consume(m, token);
      if (!userId) throw invalidToken();
      await m.query('UPDATE users SET password_hash = $2, version = version + 1, updated_at = now() WHERE id = $1', [userId, passwordHash]);
      const u = await m.findOneByOrFail(User, { id: userId });
      await this.audit.record(m, { action: 'user.invitation_accepted', entityType: 'user', entityId: u.id, actor: { userId: u.id, role: u.role } });
      return u;
    });
    return this.session(user);
  }

  /**
   * 202 alike for every address (no enumeration), like register: the link goes to the address's
   * owner only, and only an active account gets one. Limited per address (10 a minute) and to 3
   * mails an hour to one e-mail.
   */
  async requestPasswordReset(email: string, ip: string): Promise<RegistrationAcceptedDto> {
    await this.limiter.consumePasswordReset(ip);
    const mail = await this.limiter.mayMailReset(email);
    await this.db.transaction(async (m) => {
      const userId = await this.passwordResets.request(m, email, mail);
      if (userId) await this.audit.record(m, { action: 'user.password_reset_requested', entityType: 'user', entityId: userId, actor: null });
    });
    return { message: 'If this address belongs to an account, a message with a link to choose a new password is on its way to it.' };
  }

  /** Sets the password of a reset link's account and ends its sessions; the owner then signs in anew. */
  async confirmPasswordReset(token: string, password: string): Promise<void> {
    const passwordHash = await hashPassword(password, this.config.passwordHashing);
    await this.db.transaction(async (m) => {
      const userId = await this.passwordResets.consume(m, token, passwordHash);
      if (!userId) throw invalidToken();
      const [u]: { role: string }[] = await m.query('SELECT role FROM users WHERE id = $1', [userId]);
      await this.audit.record(m, { action: 'user.password_reset', entityType: 'user', entityId: userId, actor: { userId, role: u.role } });
    });
  }

  async me(actor: Actor): Promise<UserDto> {
    const user = await this.db.getRepository(User).findOneBy({ id: actor.userId });
    if (!user) throw DomainError.unauthenticated();
    return UserDto.of(user);
  }

  private session(user: User): SessionDto {
    return { ...this.tokens.sign({ userId: user.id, role: user.role }), user: UserDto.of(user) };
  }
}

/** An unknown, used or expired link, for verify-email, accept-invite and password-reset alike. */
const invalidToken = () => DomainError.rule('INVALID_TOKEN', 'Invalid token', 'The link is unknown, already used or expired.');
