import { Inject, Injectable } from '@nestjs/common';
import { bootstrapAdmin, DEMO_PASSWORD, seedDemoUsers, UsersService } from '@medjourney/identity';
import { seedDemoHospitals } from '@medjourney/hospitals';
import { APP_CONFIG, Clock, type AppConfig } from '@medjourney/platform';
import { DataSource } from 'typeorm';

const SEED_LOCK = 4_815_162_343;

export interface StartupReport {
  adminCreated: boolean;
  demoSeeded: boolean;
  demoLogins: { email: string; role: string }[];
  hospitals?: number;
}

/**
 * After migrations: the bootstrap admin (ADMIN_EMAIL/ADMIN_PASSWORD, when no admin exists)
 * and, in development on an empty database, the demo data. One transaction under an advisory
 * lock, so that two API processes starting together seed once.
 */
@Injectable()
export class StartupService {
  constructor(
    private readonly db: DataSource,
    private readonly users: UsersService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async prepare(): Promise<StartupReport> {
    return this.db.transaction(async (m) => {
      await m.query('SELECT pg_advisory_xact_lock($1)', [SEED_LOCK]);
      const [{ count }] = await m.query('SELECT count(*)::int AS count FROM users');
      const empty = count === 0;
      let adminCreated = false;
      if (this.config.adminEmail && this.config.adminPassword) {
        adminCreated = await bootstrapAdmin(m, this.users, this.config.adminEmail, this.config.adminPassword);
      }
      if (!(empty && this.config.seedDemo)) return { adminCreated, demoSeeded: false, demoLogins: [] };
      const hospitals = await seedDemoHospitals(m, this.clock.now(), this.config.designation.yearStart);
      const demoLogins = await seedDemoUsers(m, this.users);
      return { adminCreated, demoSeeded: true, demoLogins, hospitals };
    });
  }

  static describe(report: StartupReport, baseUrl: string): string {
    const lines = [`MedJourney API ready at ${baseUrl}`, `API docs: ${baseUrl}/docs   (OpenAPI document: ${baseUrl}/docs-json)`];
    if (report.adminCreated) lines.push('Bootstrap admin created from ADMIN_EMAIL.');
    if (report.demoSeeded) {
      if (report.hospitals) lines.push(`Demo data: ${report.hospitals} hospitals, most of them designated.`);
      lines.push(`Demo logins (password for all: ${DEMO_PASSWORD}):`);
      for (const l of report.demoLogins) lines.push(`  ${l.role.padEnd(22)} ${l.email}`);
    }
    return lines.join('\n');
  }
}
