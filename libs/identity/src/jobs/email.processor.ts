import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, Clock, JobHandler, JOBS, MailerService, type AppConfig, type JobOf, type Mail } from '@medjourney/platform';
import { consoleUrl, PUBLIC_ROUTES } from '@medjourney/console-routes';
import { DataSource } from 'typeorm';
import { linkToken, linkUrl } from '../auth/account-links.js';

type Letter = Omit<Mail, 'to'>;

const TEMPLATES = {
  'account-created': (name: string): Letter => ({
    subject: 'Your MedJourney account',
    text: `Hello ${name},\n\nA MedJourney account has been created for you.\n`,
  }),
  'account-deactivated': (name: string): Letter => ({
    subject: 'Your MedJourney account was deactivated',
    text: `Hello ${name},\n\nYour MedJourney account has been deactivated. Contact your administrator if this is unexpected.\n`,
  }),
  'already-registered': (name: string, signIn: string): Letter => ({
    subject: 'Someone asked to register your address with MedJourney',
    text: `Hello ${name},\n\nSomeone, perhaps you, asked to register this address with MedJourney. It already has an account: sign in at ${signIn} with your password. If it was not you, nothing has changed and you need not do anything.\n`,
  }),
  'verify-email': (name: string, link: string): Letter => ({
    subject: 'Confirm your e-mail address for MedJourney',
    text: `Hello ${name},\n\nTo finish registering with MedJourney, open this link within 24 hours:\n\n${link}\n\nIf you did not register, ignore this message: no account is made without it.\n`,
  }),
  'password-reset': (name: string, link: string): Letter => ({
    subject: 'Reset your MedJourney password',
    text: `Hello ${name},\n\nSomeone, perhaps you, asked to reset the password of your MedJourney account. To choose a new one, open this link within an hour (it works once):\n\n${link}\n\nChoosing a new password signs out every device signed in to your account. If you did not ask, ignore this message: your password stays as it is.\n`,
  }),
  invitation: (name: string, link: string): Letter => ({
    subject: 'You are invited to MedJourney',
    text: `Hello ${name},\n\nA MedJourney account has been opened for you. Choose your password with this link (valid 14 days, once):\n\n${link}\n\nDo not forward it: whoever holds it can set your password.\n`,
  }),
};

/**
 * Renders and sends account e-mails; re-reads the row its job names, so a user gone or a link
 * used or expired since is skipped quietly. Link tokens are derived again from the row's id.
 */
@Injectable()
export class EmailProcessor {
  constructor(
    private readonly db: DataSource,
    private readonly mailer: MailerService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @JobHandler(JOBS.email)
  async send(job: JobOf<'notifications/email'>): Promise<string> {
    const base = this.config.publicBaseUrl.replace(/\/$/, '');
    const data = job.data;
    if (data.template === 'verify-email') {
      const [r]: { email: string; name: string }[] = await this.db.query(
        'SELECT email, name FROM registrations WHERE id = $1 AND used_at IS NULL AND expires_at > $2',
        [data.registrationId, this.clock.now()],
      );
      if (!r) return 'skipped: registration used or expired';
      const link = linkUrl(base, 'verify-email', linkToken(this.config.jwtSecret, 'verify-email', data.registrationId));
      return this.mailer.send({ to: r.email, ...TEMPLATES['verify-email'](r.name, link) });
    }
    if (data.template === 'invitation') {
      const [i]: { email: string; name: string }[] = await this.db.query(
        'SELECT u.email, u.name FROM invitations i JOIN users u ON u.id = i.user_id WHERE i.id = $1 AND i.used_at IS NULL AND i.expires_at > $2',
        [data.invitationId, this.clock.now()],
      );
      if (!i) return 'skipped: invitation used or expired';
      const link = linkUrl(base, 'invitation', linkToken(this.config.jwtSecret, 'invitation', data.invitationId));
      return this.mailer.send({ to: i.email, ...TEMPLATES.invitation(i.name, link) });
    }
    if (data.template === 'password-reset') {
      const [r]: { email: string; name: string }[] = await this.db.query(
        'SELECT u.email, u.name FROM password_resets r JOIN users u ON u.id = r.user_id WHERE r.id = $1 AND r.used_at IS NULL AND r.expires_at > $2 AND u.active',
        [data.passwordResetId, this.clock.now()],
      );
      if (!r) return 'skipped: reset used or expired';
      const link = linkUrl(base, 'password-reset', linkToken(this.config.jwtSecret, 'password-reset', data.passwordResetId));
      return this.mailer.send({ to: r.email, ...TEMPLATES['password-reset'](r.name, link) });
    }
    const [user]: { email: string; name: string }[] = await this.db.query('SELECT email, name FROM users WHERE id = $1', [data.userId]);
    if (!user) return 'skipped: user gone';
    const letter = data.template === 'already-registered' ? TEMPLATES['already-registered'](user.name, consoleUrl(base, PUBLIC_ROUTES.signIn)) : TEMPLATES[data.template](user.name);
    return this.mailer.send({ to: user.email, ...letter });
  }
}
