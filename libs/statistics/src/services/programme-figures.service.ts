import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, Clock, type AppConfig } from '@medjourney/platform';
import { PatientProfilesService } from '@medjourney/journey';
import { CareProvidersService } from '@medjourney/matching';
import { DataSource } from 'typeorm';
import { emptyAggregate, rowOf, type FigureRow } from '../domain/figures.js';
import { monthKey, periodOf, targetWindow } from '../domain/months.js';
import { SMALL_CELL, suppressSmallCells } from '../domain/suppression.js';
import { StatisticsErrors } from '../statistics.errors.js';
import { FiguresRepository } from './figures.repository.js';

export const GROUP_BY = ['nationality', 'specialty', 'hospital', 'region', 'month'] as const;
export type GroupBy = (typeof GROUP_BY)[number];

export interface ProgrammeFigures {
  from: string;
  to: string;
  groupBy: GroupBy;
  computedAt: string;
  target: { patientsPerYear: number; last12Months: number; projectedThisYear: number };
  rows: FigureRow[];
  totals: Omit<FigureRow, 'key'>;
}

export interface LanguageRow {
  language: string;
  patientsPreferring: number | '<5';
  activeInterpreters: number;
  interpreterRequests: number;
  interpreterRequestsFilled: number;
}

/** The programme figures and the languages' demand beside supply (spec/statistics.md), read from the rollups. */
@Injectable()
export class ProgrammeFiguresService {
  constructor(
    private readonly db: DataSource,
    private readonly figures: FiguresRepository,
    private readonly profiles: PatientProfilesService,
    private readonly providers: CareProvidersService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async programme(q: { from: string; to: string; groupBy: GroupBy }): Promise<ProgrammeFigures> {
    const period = periodOf(q.from, q.to);
    if (!period) throw StatisticsErrors.invalidPeriod();
    const now = this.clock.now();
    // One snapshot: rows, totals and the target line agree with each other.
    return this.db.transaction('REPEATABLE READ', async (m) => {
      const byMonth = q.groupBy === 'month';
      const groups = await this.figures.aggregates(m, byMonth ? 'all' : q.groupBy, period.from, period.to, { byMonth });
      const total = (await this.figures.aggregates(m, 'all', period.from, period.to, { key: 'all' })).get('all') ?? emptyAggregate();
      const window = targetWindow(now);
      const thisYear = await this.figures.patientsArrived(m, window.thisYear.from, window.thisYear.to);
      const rows = suppressSmallCells([...groups].map(([key, agg]) => ({ key, agg })));
      const { key: _key, ...totals } = rowOf('total', total, total.counts.patients_arrived);
      return {
        from: monthKey(period.from),
        to: monthKey(period.to),
        groupBy: q.groupBy,
        computedAt: now.toISOString(),
        target: {
          patientsPerYear: this.config.programmeTargetPatients,
          last12Months: await this.figures.patientsArrived(m, window.last12.from, window.last12.to),
          projectedThisYear: window.yearElapsed > 0 ? Math.round(thisYear / window.yearElapsed) : 0,
        },
        rows: rows.map((r) => rowOf(r.key, r.agg, total.counts.patients_arrived)),
        totals,
      };
    });
  }

  /**
   * Per language: patients preferring it among those who applied in the last 12 months (under 5
   * shown as "<5"), verified active interpreters who speak it, and interpreter requests of the
   * last 12 months with how many were filled.
   */
  async languages(): Promise<{ rows: LanguageRow[] }> {
    const window = targetWindow(this.clock.now()).last12;
    return this.db.transaction('REPEATABLE READ', async (m) => {
      const preferring = await this.profiles.preferredLanguageCounts(await this.figures.applicants(m, window.from, window.to), m);
      const interpreters = await this.providers.activeInterpretersByLanguage(m);
      const requests = await this.figures.aggregates(m, 'language', window.from, window.to);
      const languages = [...new Set([...preferring.keys(), ...interpreters.keys(), ...requests.keys()])].sort();
      return {
        rows: languages.map((language) => {
          const n = preferring.get(language) ?? 0;
          const r = requests.get(language)?.counts;
          return {
            language,
            patientsPreferring: n < SMALL_CELL ? '<5' : n,
            activeInterpreters: interpreters.get(language) ?? 0,
            interpreterRequests: r?.interpreter_requests ?? 0,
            interpreterRequestsFilled: r?.interpreter_filled ?? 0,
          };
        }),
      };
    });
  }
}
