import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AuditService, Clock, EventBus, type Actor, type AppConfig } from '@medjourney/platform';
import { Duration } from 'luxon';
import type { EntityManager } from 'typeorm';
import type { Action } from '../domain/application-state-machine.js';
import type { ApplicationStatus } from '../domain/vocabulary.js';
import type { VisaApplication } from '../entities/visa-application.entity.js';
import { VisaPerson } from '../entities/visa-person.entity.js';
import { applicationDomainEvent } from './application-domain-events.js';

/** Writes what every state change leaves behind: the history line, the audit record and the domain event. */
@Injectable()
export class ApplicationEventsRecorder {
  constructor(
    private readonly audit: AuditService,
    private readonly events: EventBus,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** History line, audit record and domain event of a state change, in the change's transaction. */
  async record(m: EntityManager, actor: Actor | null, app: VisaApplication, action: Action | 'create', from: ApplicationStatus | null, details: Record<string, unknown> | null = null): Promise<void> {
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
    // The people a decision or a supplement request names, by passport name (no sealed field).
    const named = action === 'decide' || action === 'request_supplement' ? await m.getRepository(VisaPerson).find({ where: { applicationId: app.id }, select: { id: true, givenNames: true, surname: true } }) : [];
    const lapseAfter = Duration.fromISO(this.config.sla.supplementLapseAfter).toMillis();
    const event = applicationDomainEvent(app, action, from, actor?.role ?? 'system', details, named, lapseAfter);
    await this.events.publish(m, event.name, event.payload as never, { dedupeKey: `visa-application.${id}` });
  }

  /** Asks the patient to accept a hospital's application filed for their existing account (spec/security.md): their notification centre tells them. */
  async consentRequested(m: EntityManager, actor: Actor, app: VisaApplication): Promise<void> {
    const { payload } = applicationDomainEvent(app, 'create', null, actor.role, null, [], 0);
    await this.events.publish(m, 'visa-application.consent-requested', payload as never, { dedupeKey: `visa-application.consent-requested.${app.id}` });
  }
}
