import { Inject, Injectable } from '@nestjs/common';
import { UsersService } from '@medjourney/identity';
import { DataSource } from 'typeorm';
import { SLA_APPLICATIONS, type SlaApplicationsPort } from '../ports/sla-applications.port.js';
import { SlaRepository } from './sla.repository.js';
import { SlaViews } from './sla-views.service.js';
import type { SlaSummaryDto } from '../dto/sla.dto.js';

export interface Escalation {
  id: string;
  reference: string;
  status: string;
  escalationLevel: number;
  dueAt: string | null;
  assignedOfficerId: string | null;
}

/** The supervisors' reports (spec/sla.md, reports). */
@Injectable()
export class SlaReports {
  constructor(
    private readonly db: DataSource,
    private readonly repo: SlaRepository,
    private readonly views: SlaViews,
    private readonly users: UsersService,
    @Inject(SLA_APPLICATIONS) private readonly applications: SlaApplicationsPort,
  ) {}

  async summary(from: Date, to: Date): Promise<SlaSummaryDto> {
    const window = await this.applications.window(from, to);
    const breached = await this.repo.breachedAmong(window.decided.map((d) => d.id));
    const views = await this.views.views(this.db.manager, window.decided);
    const hours = [...views.values()].flatMap((v) => (v ? [v.countedSeconds / 3600] : [])).sort((a, b) => a - b);
    const none = { open: 0, atRisk: 0, breached: 0, decided: 0 };
    return {
      from: from.toISOString(),
      to: to.toISOString(),
      submitted: window.submitted,
      decided: window.decided.length,
      decidedOnTimeShare: window.decided.length ? window.decided.filter((d) => !breached.has(d.id)).length / window.decided.length : null,
      breaches: await this.repo.breachesBetween(from, to),
      processingHoursP50: percentile(hours, 0.5),
      processingHoursP90: percentile(hours, 0.9),
      currentlyAtRisk: window.atRisk,
      currentlyBreached: window.breached,
      perOfficer: (await this.users.officers(this.db.manager)).map((o) => ({ officerId: o.id, name: o.name, ...(window.perOfficer.get(o.id) ?? none) })),
    };
  }

  /** Open applications at risk or breached, most urgent first. */
  async escalations(): Promise<Escalation[]> {
    return (await this.applications.escalated(500)).map((r) => ({ ...r, dueAt: r.dueAt?.toISOString() ?? null }));
  }
}

/** Nearest-rank percentile of sorted values, rounded to hundredths. */
function percentile(sorted: number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return Math.round(sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] * 100) / 100;
}
