import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SlaRepository } from './sla.repository.js';
import { SlaViews } from './sla-views.service.js';

export interface SlaSummary {
  from: string;
  to: string;
  submitted: number;
  decided: number;
  decidedOnTimeShare: number | null;
  breaches: number;
  processingHoursP50: number | null;
  processingHoursP90: number | null;
  currentlyAtRisk: number;
  currentlyBreached: number;
  perOfficer: { officerId: string; name: string; open: number; atRisk: number; breached: number; decided: number }[];
}

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
  ) {}

  async summary(from: Date, to: Date): Promise<SlaSummary> {
    const counts = await this.repo.windowCounts(from, to);
    const views = await this.views.views(this.db.manager, await this.repo.decidedBetween(from, to));
    const hours = [...views.values()].flatMap((v) => (v ? [v.countedSeconds / 3600] : [])).sort((a, b) => a - b);
    return {
      from: from.toISOString(),
      to: to.toISOString(),
      submitted: counts.submitted,
      decided: counts.decided,
      decidedOnTimeShare: counts.decided ? counts.decided_on_time / counts.decided : null,
      breaches: await this.repo.breachesBetween(from, to),
      processingHoursP50: percentile(hours, 0.5),
      processingHoursP90: percentile(hours, 0.9),
      currentlyAtRisk: counts.at_risk,
      currentlyBreached: counts.breached,
      perOfficer: await this.repo.perOfficer(from, to),
    };
  }

  /** Open applications at risk or breached, most urgent first. */
  async escalations(): Promise<Escalation[]> {
    return (await this.repo.escalations()).map((r) => ({
      id: r.id,
      reference: r.reference,
      status: r.status,
      escalationLevel: r.escalation_level,
      dueAt: r.due_at?.toISOString() ?? null,
      assignedOfficerId: r.assigned_officer_id,
    }));
  }
}

/** Nearest-rank percentile of sorted values, rounded to hundredths. */
function percentile(sorted: number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return Math.round(sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] * 100) / 100;
}
