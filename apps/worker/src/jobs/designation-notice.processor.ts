import { Injectable } from '@nestjs/common';
import { JobHandler, JOBS, MailerService, type JobOf } from '@medjourney/platform';
import { DataSource } from 'typeorm';

const SUBJECTS: Record<JobOf<'notifications/designation-notice'>['data']['kind'], string> = {
  warning: 'Designation warning: a sponsored person overstayed',
  suspension: 'Designation suspended',
  cancellation: 'Designation cancelled',
  reinstated: 'Designation active again',
  expired: 'Designation expired',
  'reminder-60': 'Your designation ends in 60 days: apply for the next year',
  'reminder-30': 'Your designation ends in 30 days: apply for the next year',
};

/** Tells the hospital's coordinators and every ministry reviewer about a designation event. */
@Injectable()
export class DesignationNoticeProcessor {
  constructor(
    private readonly db: DataSource,
    private readonly mailer: MailerService,
  ) {}

  @JobHandler(JOBS.designationNotice)
  async send(job: JobOf<'notifications/designation-notice'>): Promise<{ recipients: number }> {
    const [d]: { name: string; hospital_id: string; year: number; status: string; valid_until: string }[] = await this.db.query(
      `SELECT h.name, d.hospital_id, d.year, d.status, to_char(d.valid_until, 'YYYY-MM-DD') AS valid_until
         FROM designations d JOIN hospitals h ON h.id = d.hospital_id WHERE d.id = $1`,
      [job.data.designationId],
    );
    if (!d) return { recipients: 0 };
    const recipients: { email: string }[] = await this.db.query(
      `SELECT email FROM users WHERE active AND ((role = 'hospital_coordinator' AND hospital_id = $1) OR role = 'ministry_reviewer')`,
      [d.hospital_id],
    );
    const text = `${d.name}: designation ${d.year} is ${d.status} (valid until ${d.valid_until}).\n`;
    for (const r of recipients) await this.mailer.send({ to: r.email, subject: SUBJECTS[job.data.kind], text });
    return { recipients: recipients.length };
  }
}
