import { Injectable } from '@nestjs/common';
import { AuditService, Clock, OnDomainEvent, type DomainEvent } from '@medjourney/platform';
import { DataSource } from 'typeorm';
import { SlaRepository } from './sla.repository.js';

const ASSIGNMENT_LOCK = 'sla-assignment';

/** Who processes an application (spec/sla.md, assignment). */
@Injectable()
export class SlaAssignment {
  constructor(
    private readonly db: DataSource,
    private readonly repo: SlaRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /**
   * To the active officer with the fewest open applications (ties: least recently assigned);
   * safe with several workers. With `from`, moves an application still held by that officer.
   */
  async assign(applicationId: string, from: string | null = null): Promise<string | null> {
    return this.db.transaction(async (m) => {
      await m.query('SELECT pg_advisory_xact_lock(hashtext($1))', [ASSIGNMENT_LOCK]);
      const app = await this.repo.lockOpenForAssignment(m, applicationId);
      if (!app || app.assignedOfficerId !== from) return null;
      const officerId = await this.repo.leastLoadedOfficer(m);
      if (!officerId) return null;
      await this.repo.setAssignee(m, applicationId, officerId, this.clock.now());
      await this.audit.record(m, { action: 'visa_application.auto_assigned', entityType: 'visa_application', entityId: applicationId, after: { officerId }, actor: null });
      return officerId;
    });
  }

  /** Reacts to identity's deactivation. Moving only what the officer still holds makes a repeated delivery change nothing. */
  @OnDomainEvent('officer.deactivated', 'sla.redistribute')
  async onOfficerDeactivated(event: DomainEvent<'officer.deactivated'>): Promise<void> {
    await this.redistribute(event.payload.officerId);
  }

  /** An officer left: each of their open applications goes, one by one, to whoever is least loaded then. */
  async redistribute(officerId: string): Promise<number> {
    let moved = 0;
    for (const id of await this.repo.openOf(officerId)) if (await this.assign(id, officerId)) moved++;
    return moved;
  }
}
