import { Inject, Injectable } from '@nestjs/common';
import { UsersService } from '@medjourney/identity';
import { AuditService, Clock, OnDomainEvent, type DomainEvent } from '@medjourney/platform';
import { DataSource } from 'typeorm';
import { SLA_APPLICATIONS, type SlaApplicationsPort } from '../ports/sla-applications.port.js';

const ASSIGNMENT_LOCK = 'sla-assignment';

/** Who processes an application (spec/sla.md, assignment). */
@Injectable()
export class SlaAssignment {
  constructor(
    private readonly db: DataSource,
    private readonly users: UsersService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(SLA_APPLICATIONS) private readonly applications: SlaApplicationsPort,
  ) {}

  /**
   * To the active officer with the fewest open applications (ties: least recently assigned);
   * safe with several workers. With `from`, moves an application still held by that officer.
   */
  async assign(applicationId: string, from: string | null = null): Promise<string | null> {
    return this.db.transaction(async (m) => {
      // Assignments take turns: each reads the loads the previous one left (a statement after the lock, so its snapshot sees them).
      await m.query('SELECT pg_advisory_xact_lock(hashtext($1))', [ASSIGNMENT_LOCK]);
      const active = (await this.users.officers(m)).filter((o) => o.active).map((o) => o.id);
      const app = await this.applications.lockOpenForAssignment(m, applicationId, active);
      if (!app || app.assignedOfficerId !== from) return null;
      const officerId = leastLoaded(active, app.loads);
      if (!officerId) return null;
      await this.applications.assign(m, applicationId, officerId, this.clock.now());
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
    for (const id of await this.applications.openOf(officerId)) if (await this.assign(id, officerId)) moved++;
    return moved;
  }
}

/** The officer with the fewest open applications; ties: the one given one least recently (never first), then by id. */
export function leastLoaded(officerIds: readonly string[], loads: Map<string, { open: number; lastAssignedAt: Date | null }>): string | undefined {
  const key = (id: string) => loads.get(id) ?? { open: 0, lastAssignedAt: null };
  return [...officerIds].sort((a, b) => {
    const [x, y] = [key(a), key(b)];
    return x.open - y.open || (x.lastAssignedAt?.getTime() ?? -Infinity) - (y.lastAssignedAt?.getTime() ?? -Infinity) || (a < b ? -1 : a > b ? 1 : 0);
  })[0];
}
