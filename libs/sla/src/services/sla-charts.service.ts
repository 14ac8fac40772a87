import { Inject, Injectable } from '@nestjs/common';
import { UsersService } from '@medjourney/identity';
import { APP_CONFIG, DomainError, type AppConfig } from '@medjourney/platform';
import { DataSource } from 'typeorm';
import { processingHistogram, weeklyOnTime, windowProblem, type DecidedFigures, type HistogramBucket, type WeekFigures } from '../domain/sla-report.js';
import { SLA_APPLICATIONS, type OpenLoad, type SlaApplicationsPort } from '../ports/sla-applications.port.js';
import { SlaRepository } from './sla.repository.js';
import { targetOf } from './sla-settings.js';
import { SlaViews } from './sla-views.service.js';

export type Track = 'e_visa' | 'certificate';

export interface OfficerLoad extends Omit<OpenLoad, 'nextDueAt'> {
  officerId: string;
  name: string;
  active: boolean;
  nextDueAt: string | null;
}

/** The supervisors' charts (spec/web.md, the supervisor's desk): each reads one window of at most a year. */
@Injectable()
export class SlaCharts {
  constructor(
    private readonly db: DataSource,
    private readonly repo: SlaRepository,
    private readonly views: SlaViews,
    private readonly users: UsersService,
    @Inject(SLA_APPLICATIONS) private readonly applications: SlaApplicationsPort,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The share decided on time (within the target: the `sla` block's `met`) in each Korean week of the window. */
  async onTimeWeekly(from: Date, to: Date, track?: Track): Promise<{ from: string; to: string; track: Track | null; weeks: WeekFigures[] }> {
    assertWindow(from, to);
    return { from: from.toISOString(), to: to.toISOString(), track: track ?? null, weeks: weeklyOnTime(await this.decided(from, to, track), from, to) };
  }

  /** How many counted hours the decisions of the window took, in buckets of a sixth of the track's target and one beyond it. */
  async processingTimes(from: Date, to: Date, track: Track): Promise<{ from: string; to: string; track: Track; target: string; decided: number; buckets: HistogramBucket[] }> {
    assertWindow(from, to);
    const decided = await this.decided(from, to, track);
    const target = targetOf(this.config.sla, track);
    return { from: from.toISOString(), to: to.toISOString(), track, target, decided: decided.length, buckets: processingHistogram(decided.map((d) => d.countedSeconds), target) };
  }

  /** Breaches that fired in the window, per officer who held the application then; every officer is listed, most breaches first. */
  async breachesPerOfficer(from: Date, to: Date): Promise<{ from: string; to: string; officers: { officerId: string; name: string; active: boolean; breaches: number }[]; unassigned: number }> {
    assertWindow(from, to);
    const counts = await this.repo.breachesPerOfficer(from, to);
    const officers = (await this.users.officers(this.db.manager)).map((o) => ({ officerId: o.id, name: o.name, active: o.active, breaches: counts.get(o.id) ?? 0 }));
    return { from: from.toISOString(), to: to.toISOString(), officers: officers.sort((a, b) => b.breaches - a.breaches), unassigned: counts.get(null) ?? 0 };
  }

  /** Each officer's open applications now (active officers, and inactive ones still holding some), most loaded first, and the unassigned ones. */
  async officerLoad(): Promise<{ officers: OfficerLoad[]; unassigned: Omit<OfficerLoad, 'officerId' | 'name' | 'active'> }> {
    const loads = await this.applications.openLoads();
    const none: OpenLoad = { open: 0, atRisk: 0, breached: 0, waiting: 0, nextDueAt: null };
    const show = (l: OpenLoad) => ({ ...l, nextDueAt: l.nextDueAt?.toISOString() ?? null });
    const officers = (await this.users.officers(this.db.manager))
      .map((o) => ({ officerId: o.id, name: o.name, active: o.active, ...show(loads.get(o.id) ?? none) }))
      .filter((o) => o.active || o.open > 0);
    return { officers: officers.sort((a, b) => b.open - a.open || b.breached - a.breached || b.atRisk - a.atRisk), unassigned: show(loads.get(null) ?? none) };
  }

  private async decided(from: Date, to: Date, track?: Track): Promise<DecidedFigures[]> {
    const subjects = await this.applications.decidedBetween(from, to, track);
    const views = await this.views.views(this.db.manager, subjects);
    return subjects.flatMap((s) => {
      const view = views.get(s.id);
      return view && s.closedAt ? [{ decidedAt: s.closedAt, countedSeconds: view.countedSeconds, met: view.state === 'met' }] : [];
    });
  }
}

function assertWindow(from: Date, to: Date): void {
  const problem = windowProblem(from, to);
  if (problem) throw DomainError.validation([{ field: 'to', message: problem }]);
}
