import { Injectable, Logger } from '@nestjs/common';
import { Clock, JobHandler, JOBS, MailerService, QueuesService, jobId, type JobOf } from '@medjourney/platform';
import { DataSource } from 'typeorm';

/** An unsent e-mail this long after its notification was stored is checked against Redis. */
const STALE_AFTER_MS = 10_000;

/**
 * E-mails stored notifications, in the words and language they were stored in. The row stays
 * locked while the mail goes out and is marked sent in the same transaction, so a repeated or
 * concurrent job sends nothing more; each attempt's outcome is kept on the row.
 */
@Injectable()
export class NotificationEmailsProcessor {
  private readonly logger = new Logger('NotificationEmails');

  constructor(
    private readonly db: DataSource,
    private readonly mailer: MailerService,
    private readonly queues: QueuesService,
    private readonly clock: Clock,
  ) {}

  @JobHandler(JOBS.notificationEmail)
  async deliver(job: JobOf<'notifications/deliver-email'>): Promise<'sent' | 'already sent' | 'no e-mail'> {
    const id = job.data.notificationId;
    try {
      return await this.db.transaction(async (m) => {
        const [n]: { email_to: string | null; email_sent_at: Date | null; title: string; body: string; link: string | null; language: string }[] = await m.query(
          'SELECT email_to, email_sent_at, title, body, link, language FROM notifications WHERE id = $1 FOR UPDATE',
          [id],
        );
        if (!n?.email_to) return 'no e-mail';
        if (n.email_sent_at) return 'already sent';
        await this.mailer.send({ to: n.email_to, subject: n.title, text: `${n.body}\n${n.link ? `\n${n.link}\n` : ''}`, language: n.language });
        await m.query('UPDATE notifications SET email_sent_at = $2, email_attempts = email_attempts + 1, email_last_error = NULL WHERE id = $1', [id, this.clock.now()]);
        return 'sent';
      });
    } catch (e) {
      await this.db
        .query('UPDATE notifications SET email_attempts = email_attempts + 1, email_last_error = $2 WHERE id = $1', [id, String((e as Error).message).slice(0, 2000)])
        .catch(() => undefined);
      throw e;
    }
  }

  /** After Redis lost its keys: every e-mail still unsent gets its job back (same id, so never twice in the queue). */
  @JobHandler(JOBS.notificationEmailSweep)
  async sweep(): Promise<{ requeued: number }> {
    const cutoff = new Date(this.clock.now().getTime() - STALE_AFTER_MS);
    const rows: { id: string }[] = await this.db.query(
      'SELECT id FROM notifications WHERE email_to IS NOT NULL AND email_sent_at IS NULL AND created_at <= $1 ORDER BY created_at LIMIT 5000',
      [cutoff],
    );
    const requeued = await this.queues.requeueMissing(JOBS.notificationEmail, rows.map((r) => ({ payload: { notificationId: r.id }, jobId: jobId('notification-email', r.id) })));
    if (requeued) this.logger.warn({ requeued }, 're-queued unsent notification e-mails');
    return { requeued };
  }
}
