import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AuditService, EventBus, type Actor, type AppConfig } from '@medjourney/platform';
import { Duration } from 'luxon';
import type { EntityManager } from 'typeorm';
import type { Action } from '../domain/application-state-machine.js';
import type { ApplicationStatus } from '../domain/vocabulary.js';
import type { VisaApplication } from '../entities/visa-application.entity.js';
import { VisaPerson } from '../entities/visa-person.entity.js';
import { applicationDomainEvent } from './application-domain-events.js';

/**
 * A state change's history line. The statement that makes the change writes it too
 * (saveTransition, a draft's insert): one round trip fewer per change (issue 22).
 */
export interface HistoryLine {
  action: Action | 'create';
  from: ApplicationStatus | null;
  actorId: string | null;
  actorRole: string | null;
  /** As JSON, or null. */
  details: string | null;
  at: Date;
}

export function historyLine(actor: Actor | null, action: Action | 'create', from: ApplicationStatus | null, details: Record<string, unknown> | null, at: Date): HistoryLine {
  return { action, from, actorId: actor?.userId ?? null, actorRole: actor?.role ?? (actor ? null : 'system'), details: details && JSON.stringify(details), at };
}

/**
 * The history line's INSERT, as a CTE of the change's statement: `source` names the CTE that
 * returns the changed application (its `id` and new `status`); `p` adds a parameter;
 * `detailsSql`, when given, computes the details from `source` (what the statement fills in).
 */
export function historyInsert(source: string, line: HistoryLine, p: (value: unknown, type: string) => string, detailsSql?: string): string {
  return `INSERT INTO visa_application_events (application_id, action, from_status, to_status, actor_id, actor_role, details, occurred_at)
    SELECT id, ${p(line.action, 'text')}, ${p(line.from, 'text')}, status, ${p(line.actorId, 'uuid')}, ${p(line.actorRole, 'text')}, ${detailsSql ?? p(line.details, 'jsonb')},
           ${p(line.at, 'timestamptz')}
      FROM ${source} RETURNING id`;
}

/** Writes what every state change leaves beside its history line: the audit record and the domain event. */
@Injectable()
export class ApplicationEventsRecorder {
  constructor(
    private readonly audit: AuditService,
    private readonly events: EventBus,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Audit record and domain event of a state change whose history line `historyId` is, in the change's transaction. */
  async record(m: EntityManager, actor: Actor | null, app: VisaApplication, action: Action | 'create', from: ApplicationStatus | null, details: Record<string, unknown> | null, historyId: string): Promise<void> {
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
    await this.events.publish(m, event.name, event.payload as never, { dedupeKey: `visa-application.${historyId}` });
  }

  /** Asks the patient to accept a hospital's application filed for their existing account (spec/security.md): their notification centre tells them. */
  async consentRequested(m: EntityManager, actor: Actor, app: VisaApplication): Promise<void> {
    const { payload } = applicationDomainEvent(app, 'create', null, actor.role, null, [], 0);
    await this.events.publish(m, 'visa-application.consent-requested', payload as never, { dedupeKey: `visa-application.consent-requested.${app.id}` });
  }
}
