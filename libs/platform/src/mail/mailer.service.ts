import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import nodemailer, { type Transporter } from 'nodemailer';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/config.schema.js';

export interface Mail {
  to: string;
  subject: string;
  text: string;
}

/** Sends e-mail through SMTP_URL; without it, records that the mail was not sent and moves on. */
@Injectable()
export class MailerService implements OnModuleDestroy {
  private readonly logger = new Logger('Mailer');
  private readonly transport: Transporter | undefined;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.transport = config.smtpUrl ? nodemailer.createTransport(config.smtpUrl) : undefined;
  }

  get enabled(): boolean {
    return this.transport !== undefined;
  }

  async send(mail: Mail): Promise<'sent' | 'skipped'> {
    if (!this.transport) {
      this.logger.log({ subject: mail.subject }, 'SMTP_URL is not set; e-mail not sent');
      return 'skipped';
    }
    await this.transport.sendMail({ from: 'MedJourney <no-reply@medjourney.dev>', ...mail });
    return 'sent';
  }

  onModuleDestroy(): void {
    this.transport?.close();
  }
}
