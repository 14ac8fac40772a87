import { Inject, Injectable, Optional } from '@nestjs/common';
import { APP_CONFIG, Clock, JobHandler, JOBS, MailerService, type AppConfig, type JobOf, type Mail, type MessageLocale } from '@medjourney/platform';
import { consoleUrl, PUBLIC_ROUTES } from '@medjourney/console-routes';
import { DataSource } from 'typeorm';
import { linkToken, linkUrl } from '../auth/account-links.js';
import { ACCOUNT_LETTERS } from '../messages/index.js';
import { ACCOUNT_READERS, type AccountReaders } from '../users/account-readers.port.js';

type Letter = Omit<Mail, 'to'>;

/** One account e-mail in the reader's language: its subject and text from the catalogues, and the language it names. */
function letter(locale: MessageLocale, template: 'accountCreated' | 'accountDeactivated' | 'alreadyRegistered' | 'verifyEmail' | 'passwordReset' | 'invitation', args: Record<string, string>): Letter {
  return { subject: ACCOUNT_LETTERS.format(locale, `${template}.subject`, args), text: ACCOUNT_LETTERS.format(locale, `${template}.text`, args), language: locale };
}

/** The account a letter goes to, as the reader door needs it. */
interface AccountRow {
  id: string;
  email: string;
  name: string;
  role: string;
  patient_id: string | null;
  care_provider_id: string | null;
}

const ACCOUNT_COLUMNS = 'u.id, u.email, u.name, u.role, u.patient_id, u.care_provider_id';

/**
 * Renders and sends account e-mails; re-reads the row its job names, so a user gone or a link
 * used or expired since is skipped quietly. Link tokens are derived again from the row's id.
 * Each letter is in its account's language (a patient's profile, a care provider's registry
 * languages, through ACCOUNT_READERS); a registration, which has no account yet, and staff
 * read English.
 */
@Injectable()
export class EmailProcessor {
  constructor(
    private readonly db: DataSource,
    private readonly mailer: MailerService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Optional() @Inject(ACCOUNT_READERS) private readonly readers?: AccountReaders,
  ) {}

  /** The language this account reads (English without a reader door, as in the API process, which sends no mail). */
  private async localeOf(account: AccountRow): Promise<MessageLocale> {
    if (!this.readers) return 'en';
    const readers = await this.readers.readersOf(this.db.manager, [{ id: account.id, role: account.role, patientId: account.patient_id, careProviderId: account.care_provider_id }]);
    return readers.get(account.id)?.locale ?? 'en';
  }

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
      return this.mailer.send({ to: r.email, ...letter('en', 'verifyEmail', { name: r.name, link }) });
    }
    if (data.template === 'invitation') {
      const [i]: AccountRow[] = await this.db.query(
        `SELECT ${ACCOUNT_COLUMNS} FROM invitations i JOIN users u ON u.id = i.user_id WHERE i.id = $1 AND i.used_at IS NULL AND i.expires_at > $2`,
        [data.invitationId, this.clock.now()],
      );
      if (!i) return 'skipped: invitation used or expired';
      const link = linkUrl(base, 'invitation', linkToken(this.config.jwtSecret, 'invitation', data.invitationId));
      return this.mailer.send({ to: i.email, ...letter(await this.localeOf(i), 'invitation', { name: i.name, link }) });
    }
    if (data.template === 'password-reset') {
      const [r]: AccountRow[] = await this.db.query(
        `SELECT ${ACCOUNT_COLUMNS} FROM password_resets r JOIN users u ON u.id = r.user_id WHERE r.id = $1 AND r.used_at IS NULL AND r.expires_at > $2 AND u.active`,
        [data.passwordResetId, this.clock.now()],
      );
      if (!r) return 'skipped: reset used or expired';
      const link = linkUrl(base, 'password-reset', linkToken(this.config.jwtSecret, 'password-reset', data.passwordResetId));
      return this.mailer.send({ to: r.email, ...letter(await this.localeOf(r), 'passwordReset', { name: r.name, link }) });
    }
    const [user]: AccountRow[] = await this.db.query(`SELECT ${ACCOUNT_COLUMNS} FROM users u WHERE u.id = $1`, [data.userId]);
    if (!user) return 'skipped: user gone';
    const locale = await this.localeOf(user);
    const mail =
      data.template === 'already-registered' ? letter(locale, 'alreadyRegistered', { name: user.name, signIn: consoleUrl(base, PUBLIC_ROUTES.signIn) })
      : letter(locale, data.template === 'account-created' ? 'accountCreated' : 'accountDeactivated', { name: user.name });
    return this.mailer.send({ to: user.email, ...mail });
  }
}
