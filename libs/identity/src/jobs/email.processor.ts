import { Injectable } from '@nestjs/common';
import { JobHandler, JOBS, MailerService, type JobOf } from '@medjourney/platform';
import { DataSource } from 'typeorm';

const TEMPLATES = {
  'account-created': (name: string) => ({
    subject: 'Your MedJourney account',
    text: `Hello ${name},\n\nA MedJourney account has been created for you.\n`,
  }),
  'account-deactivated': (name: string) => ({
    subject: 'Your MedJourney account was deactivated',
    text: `Hello ${name},\n\nYour MedJourney account has been deactivated. Contact your administrator if this is unexpected.\n`,
  }),
};

/** Renders and sends account e-mails; re-reads the user, so a deleted user is skipped quietly. */
@Injectable()
export class EmailProcessor {
  constructor(
    private readonly db: DataSource,
    private readonly mailer: MailerService,
  ) {}

  @JobHandler(JOBS.email)
  async send(job: JobOf<'notifications/email'>): Promise<string> {
    const [user]: { email: string; name: string }[] = await this.db.query('SELECT email, name FROM users WHERE id = $1', [job.data.userId]);
    if (!user) return 'skipped: user gone';
    return this.mailer.send({ to: user.email, ...TEMPLATES[job.data.template](user.name) });
  }
}
