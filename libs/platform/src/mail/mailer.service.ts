import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import nodemailer, { type Transporter } from 'nodemailer';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/config.schema.js';

export interface Mail {
  to: string;
  subject: string;
  text: string;
  /** An iCalendar invitation (RFC 5546): sent as a `text/calendar` part that calendar programs act on, kept beside the letter in the development mailbox. */
  calendar?: { method: 'REQUEST' | 'CANCEL'; content: string };
  /** The letter's language (BCP 47), sent as Content-Language so that mail programs and screen readers read it right (Arabic right to left). */
  language?: string;
}

/** The sender of every letter; also the ORGANIZER of the invitations the system sends (RFC 5546). */
export const MAIL_FROM_ADDRESS = 'no-reply@medjourney.dev';
const MAIL_FROM = `MedJourney <${MAIL_FROM_ADDRESS}>`;

/** Where mail goes: SMTP_URL when set; else the development mailbox outside production; else nowhere. */
export type MailMode = 'smtp' | 'mailbox' | 'none';

export function mailModeOf(config: Pick<AppConfig, 'smtpUrl' | 'nodeEnv'>): MailMode {
  if (config.smtpUrl) return 'smtp';
  return config.nodeEnv === 'production' ? 'none' : 'mailbox';
}

/**
 * The one way the system sends e-mail (account mails, notification mails). Through SMTP_URL;
 * without it, outside production, into the development mailbox (`dev_mailbox`, shown at
 * /dev/mailbox), so every link the product sends can be followed without a mail server; in
 * production without SMTP_URL, it records that the mail was not sent and moves on.
 */
@Injectable()
export class MailerService implements OnModuleDestroy {
  private readonly logger = new Logger('Mailer');
  private readonly transport: Transporter | undefined;
  readonly mode: MailMode;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly db: DataSource,
  ) {
    this.mode = mailModeOf(config);
    this.transport = config.smtpUrl ? nodemailer.createTransport(config.smtpUrl) : undefined;
  }

  /** Whether mail reaches anyone (a server or the mailbox). */
  get enabled(): boolean {
    return this.mode !== 'none';
  }

  async send(mail: Mail): Promise<'sent' | 'kept in the development mailbox' | 'skipped'> {
    if (this.transport) {
      const { calendar, language, ...letter } = mail;
      await this.transport.sendMail({
        from: MAIL_FROM,
        ...letter,
        ...(language ? { headers: { 'Content-Language': language } } : {}),
        ...(calendar ? { icalEvent: { method: calendar.method, filename: 'invite.ics', content: calendar.content } } : {}),
      });
      return 'sent';
    }
    if (this.mode === 'mailbox') {
      await this.db.query('INSERT INTO dev_mailbox (to_address, subject, body, calendar) VALUES ($1, $2, $3, $4)', [mail.to, mail.subject, mail.text, mail.calendar?.content ?? null]);
      return 'kept in the development mailbox';
    }
    this.logger.log({ subject: mail.subject }, 'SMTP_URL is not set; e-mail not sent');
    return 'skipped';
  }

  onModuleDestroy(): void {
    this.transport?.close();
  }
}
