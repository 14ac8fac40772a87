import { Injectable } from '@nestjs/common';
import { AuditService, Clock, JOBS, OutboxService, jobId, type Actor } from '@medjourney/platform';
import type { EntityManager } from 'typeorm';
import type { ApplicationStatus } from '../domain/vocabulary.js';
import type { VisaApplication } from '../entities/visa-application.entity.js';

/** Writes what every state change leaves behind: the history line, the audit record and the outbox event. */
@Injectable()
export class ApplicationEventsRecorder {
  constructor(
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
  ) {}

  /** History line, audit record and outbox event of a state change, in the change's transaction. */
  async record(m: EntityManager, actor: Actor | null, app: VisaApplication, action: string, from: ApplicationStatus | null, details: Record<string, unknown> | null = null): Promise<void> {
    const now = this.clock.now();
    const [{ id }] = await m.query(
      `INSERT INTO visa_application_events (application_id, action, from_status, to_status, actor_id, actor_role, details, occurred_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [app.id, action, from, app.status, actor?.userId ?? null, actor?.role ?? (actor ? null : 'system'), details && JSON.stringify(details), now],
    );
    await this.audit.record(m, {
      action: `visa_application.${action}`,
      entityType: 'visa_application',
      entityId: app.id,
      before: from ? { status: from } : null,
      after: { status: app.status, ...(details ?? {}) },
      ...(actor ? {} : { actor: null }),
    });
    await this.outbox.publish(m, JOBS.visaEvent, { applicationId: app.id, action, eventId: String(id) }, { jobId: jobId('visa-event', app.id, id) });
  }
}
