import { Injectable } from '@nestjs/common';
import { JobHandler, JOBS, MailerService, type JobOf } from '@medjourney/platform';
import { SlaClockService } from '@medjourney/sla';
import { DataSource } from 'typeorm';

/** The SLA jobs (its stages are durable timers of the platform): each re-reads PostgreSQL and does nothing when the state has moved on. */
@Injectable()
export class SlaProcessor {
  constructor(
    private readonly clock: SlaClockService,
    private readonly db: DataSource,
    private readonly mailer: MailerService,
  ) {}

  @JobHandler(JOBS.slaAssign)
  async assign(job: JobOf<'sla/assign'>): Promise<{ officerId: string | null }> {
    return { officerId: await this.clock.assign(job.data.applicationId) };
  }

  @JobHandler(JOBS.slaRedistribute)
  async redistribute(job: JobOf<'sla/redistribute'>): Promise<{ moved: number }> {
    return { moved: await this.clock.redistribute(job.data.officerId) };
  }

  /** Warning: the assigned officer; escalation and breach: every supervisor. */
  @JobHandler(JOBS.slaNotice)
  async notice(job: JobOf<'notifications/sla-notice'>): Promise<{ recipients: number }> {
    const [app] = await this.db.query('SELECT reference, assigned_officer_id FROM visa_applications WHERE id = $1', [job.data.applicationId]);
    if (!app) return { recipients: 0 };
    const recipients: { email: string }[] =
      job.data.stage === 'warning'
        ? await this.db.query('SELECT email FROM users WHERE id = $1 AND active', [app.assigned_officer_id])
        : await this.db.query(`SELECT email FROM users WHERE role = 'supervisor' AND active`);
    const subject = { warning: 'Half of the processing time has passed', escalation: 'Application at risk of missing its target', breach: 'Application past its processing target' }[job.data.stage];
    for (const r of recipients) await this.mailer.send({ to: r.email, subject: `${subject} (${app.reference})`, text: `See application ${app.reference} in MedJourney.\n` });
    return { recipients: recipients.length };
  }
}
