import { Injectable } from '@nestjs/common';
import { JobHandler, JOBS, MailerService, type JobOf } from '@medjourney/platform';
import { DataSource } from 'typeorm';

/** Who hears of which transition (spec/visas.md); the other transitions notify nobody. */
const AUDIENCE: Record<string, { sponsor: boolean; patient: boolean; subject: string }> = {
  request_sponsorship: { sponsor: true, patient: false, subject: 'A patient asks you to sponsor their visa application' },
  decline_sponsorship: { sponsor: false, patient: true, subject: 'The hospital declined to sponsor your application' },
  request_supplement: { sponsor: true, patient: true, subject: 'Documents requested for a visa application' },
  decide: { sponsor: true, patient: true, subject: 'A decision on the visa application' },
  lapse: { sponsor: true, patient: true, subject: 'The visa application was withdrawn: the requested documents did not arrive in time' },
};

/**
 * Reacts to application events from the outbox: e-mails the sponsor's coordinators and the
 * patient. Reasons are never e-mailed: the patient reads the portal's plain status.
 */
@Injectable()
export class VisaEventProcessor {
  constructor(
    private readonly db: DataSource,
    private readonly mailer: MailerService,
  ) {}

  @JobHandler(JOBS.visaEvent)
  async handle(job: JobOf<'visas/application-event'>): Promise<{ recipients: number }> {
    const audience = AUDIENCE[job.data.action];
    if (!audience) return { recipients: 0 };
    const [app]: { reference: string; sponsor_hospital_id: string; patient_user_id: string }[] = await this.db.query(
      'SELECT reference, sponsor_hospital_id, patient_user_id FROM visa_applications WHERE id = $1',
      [job.data.applicationId],
    );
    if (!app) return { recipients: 0 };
    const recipients: { email: string }[] = await this.db.query(
      `SELECT email FROM users WHERE active AND ((role = 'hospital_coordinator' AND hospital_id = $1 AND $2) OR (id = $3 AND $4))`,
      [app.sponsor_hospital_id, audience.sponsor, app.patient_user_id, audience.patient],
    );
    for (const r of recipients) await this.mailer.send({ to: r.email, subject: `${audience.subject} (${app.reference})`, text: `See application ${app.reference} in MedJourney.\n` });
    return { recipients: recipients.length };
  }
}
