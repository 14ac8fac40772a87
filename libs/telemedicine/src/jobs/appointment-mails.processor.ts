import { Injectable, Logger } from '@nestjs/common';
import { Clock, JobHandler, JOBS, MailerService, QueuesService, type JobOf } from '@medjourney/platform';
import { DataSource } from 'typeorm';
import { appointmentMailJobId } from '../services/appointment-mails.js';

/** An unsent e-mail this long after it was stored is checked against Redis. */
const STALE_AFTER_MS = 10_000;

/**
 * Sends the stored appointment e-mails. The row stays locked while the mail goes out and is
 * marked sent in the same transaction, so a repeated or concurrent job sends nothing more; each
 * attempt's outcome is kept on the row. The sweep gives back the jobs Redis lost.
 */
@Injectable()
export class AppointmentMailsProcessor {
  private readonly logger = new Logger('AppointmentMails');

  constructor(
    private readonly db: DataSource,
    private readonly mailer: MailerService,
    private readonly queues: QueuesService,
    private readonly clock: Clock,
  ) {}

  @JobHandler(JOBS.appointmentMail)
  async deliver(job: JobOf<'telemedicine/mail'>): Promise<'sent' | 'already sent' | 'gone'> {
    const id = job.data.mailId;
    try {
      return await this.db.transaction(async (m) => {
        const [row]: { to_address: string; subject: string; body: string; calendar_method: 'REQUEST' | 'CANCEL' | null; calendar: string | null; sent_at: Date | null; language: string }[] = await m.query(
          'SELECT to_address, subject, body, calendar_method, calendar, sent_at, language FROM telemedicine_mails WHERE id = $1 FOR UPDATE',
          [id],
        );
        if (!row) return 'gone';
        if (row.sent_at) return 'already sent';
        await this.mailer.send({
          to: row.to_address, subject: row.subject, text: row.body, language: row.language,
          ...(row.calendar_method && row.calendar ? { calendar: { method: row.calendar_method, content: row.calendar } } : {}),
        });
        await m.query('UPDATE telemedicine_mails SET sent_at = $2, attempts = attempts + 1, last_error = NULL WHERE id = $1', [id, this.clock.now()]);
        return 'sent';
      });
    } catch (e) {
      await this.db
        .query('UPDATE telemedicine_mails SET attempts = attempts + 1, last_error = $2 WHERE id = $1', [id, String((e as Error).message).slice(0, 2000)])
        .catch(() => undefined);
      throw e;
    }
  }

  /** After Redis lost its keys: every e-mail still unsent gets its job back (same id, so never twice in the queue). */
  @JobHandler(JOBS.appointmentMailSweep)
  async sweep(): Promise<{ requeued: number }> {
    const cutoff = new Date(this.clock.now().getTime() - STALE_AFTER_MS);
    const rows: { id: string }[] = await this.db.query('SELECT id FROM telemedicine_mails WHERE sent_at IS NULL AND created_at <= $1 ORDER BY created_at LIMIT 5000', [cutoff]);
    const requeued = await this.queues.requeueMissing(JOBS.appointmentMail, rows.map((r) => ({ payload: { mailId: r.id }, jobId: appointmentMailJobId(r.id) })));
    if (requeued) this.logger.warn({ requeued }, 're-queued unsent appointment e-mails');
    return { requeued };
  }
}
