import { Inject, Injectable } from '@nestjs/common';
import { bootstrapAdmin, DEMO_PASSWORD, seedDemoUsers, UsersService } from '@medjourney/identity';
import { DEMO_HOSPITALS, seedDemoHospitals } from '@medjourney/hospitals';
import { CareAssignmentsService, CareProvidersService, seedDemoCareAssignments, seedDemoCareProviders } from '@medjourney/matching';
import { JourneyEventsService, OverstaysService, PatientProfilesService, seedDemoJourneys } from '@medjourney/journey';
import { APP_CONFIG, Clock, EventSubscribers, type Actor, type AppConfig } from '@medjourney/platform';
import { HistoryImport, YearlyReportsService } from '@medjourney/statistics';
import { AppointmentsService, SchedulesService, seedDemoTelemedicine } from '@medjourney/telemedicine';
import { ApplicationDraftsService, ApplicationWorkflowService, DocumentsService, seedDemoVisaApplications } from '@medjourney/visas';
import { DataSource } from 'typeorm';

const SEED_LOCK = 4_815_162_343;

export interface StartupReport {
  adminCreated: boolean;
  demoSeeded: boolean;
  demoLogins: { email: string; role: string }[];
  hospitals?: number;
  careProviders?: number;
  applications?: number;
  careAssignments?: number;
  followUps?: number;
  programmePatients?: number;
}

type DemoUser = { id: string; email: string; role: string; hospitalId: string | null };

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
    private readonly drafts: ApplicationDraftsService,
    private readonly workflow: ApplicationWorkflowService,
    private readonly documents: DocumentsService,
    private readonly careProviders: CareProvidersService,
    private readonly careAssignments: CareAssignmentsService,
    private readonly journeyEvents: JourneyEventsService,
    private readonly overstays: OverstaysService,
    private readonly profiles: PatientProfilesService,
    private readonly subscribers: EventSubscribers,
    private readonly yearlyReports: YearlyReportsService,
    private readonly history: HistoryImport,
    private readonly schedules: SchedulesService,
    private readonly appointments: AppointmentsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async prepare(): Promise<StartupReport> {
    // Subscribers are found at app.init(): the seed's events would otherwise reach no one.
    if (this.subscribers.all().length === 0) throw new Error('StartupService.prepare() must run after app.init(): no domain event subscriber is known yet');
    const report = await this.seedAccountsAndHospitals();
    if (report.demoSeeded) Object.assign(report, await this.seedApplications(report.demoUsers), await this.seedProgrammeHistory());
    const { demoUsers: _, ...rest } = report;
    return rest;
  }

  private async seedAccountsAndHospitals(): Promise<StartupReport & { demoUsers: DemoUser[] }> {
    return this.db.transaction(async (m) => {
      await m.query('SELECT pg_advisory_xact_lock($1)', [SEED_LOCK]);
      const empty = !(await this.users.anyAccount(m));
      let adminCreated = false;
      if (this.config.adminEmail && this.config.adminPassword) {
        adminCreated = await bootstrapAdmin(m, this.users, this.config.adminEmail, this.config.adminPassword);
      }
      if (!(empty && this.config.seedDemo)) return { adminCreated, demoSeeded: false, demoLogins: [], demoUsers: [] };
      const hospitals = await seedDemoHospitals(m, this.clock.now(), this.config.designation.yearStart);
      // Before the accounts: the demo care-provider login belongs to the first of them.
      const careProviders = await seedDemoCareProviders(m, this.careProviders, this.clock.now());
      const demoUsers = await seedDemoUsers(m, this.users);
      return { adminCreated, demoSeeded: true, demoLogins: demoUsers.map(({ email, role }) => ({ email, role })), hospitals, careProviders, demoUsers };
    });
  }

  /**
   * After the accounts are committed: applications in every state, two journeys, the demo
   * patient's care bookings and then their follow-up video appointment (which books an
   * interpreter too), through the real services.
   */
  private async seedApplications(users: DemoUser[]): Promise<{ applications: number; careAssignments: number; followUps: number }> {
    const actor = (email: string): Actor => {
      const u = users.find((x) => x.email === email)!;
      return { userId: u.id, role: u.role, hospitalId: u.hospitalId, careProviderId: null, patientId: null };
    };
    const count = await seedDemoVisaApplications(
      { drafts: this.drafts, workflow: this.workflow, documents: this.documents },
      {
        evisaCoordinator: actor('coordinator@demo.medjourney.dev'),
        certificateCoordinator: actor('clinic.coordinator@demo.medjourney.dev'),
        officer: actor('officer@demo.medjourney.dev'),
        supervisor: actor('supervisor@demo.medjourney.dev'),
        patient: actor('patient@demo.medjourney.dev'),
        evisaHospitalId: DEMO_HOSPITALS[0].id,
      },
      this.clock.now(),
    );
    const coordinator = actor('coordinator@demo.medjourney.dev');
    const { patientId } = await seedDemoJourneys(
      { drafts: this.drafts, workflow: this.workflow, documents: this.documents, events: this.journeyEvents, overstays: this.overstays, profiles: this.profiles },
      { coordinator, officer: actor('officer@demo.medjourney.dev'), patientEmail: 'patient@demo.medjourney.dev', patient: actor('patient@demo.medjourney.dev') },
      this.clock.now(),
    );
    const careAssignments = await seedDemoCareAssignments(this.db, this.careAssignments, coordinator, patientId, this.clock.now());
    const { appointments: followUps } = await seedDemoTelemedicine(
      this.db,
      { schedules: this.schedules, appointments: this.appointments },
      { clinician: actor('clinician@demo.medjourney.dev'), coordinator, patientId },
      this.config.telemedicinePolicy,
      this.clock.now(),
    );
    return { applications: count + 2, careAssignments, followUps };
  }

  /** Two years of programme figures for the ministry's charts (as events, so a rebuild keeps them), and last year's reports of the demo hospitals (drafts, reminders armed). */
  private async seedProgrammeHistory(): Promise<{ programmePatients: number }> {
    return this.db.transaction(async (m) => {
      const now = this.clock.now();
      const programmePatients = await this.history.importDemo(m, now, DEMO_HOSPITALS);
      const lastYear = Number(new Intl.DateTimeFormat('en', { timeZone: 'Asia/Seoul', year: 'numeric' }).format(now)) - 1;
      for (const h of DEMO_HOSPITALS) await this.yearlyReports.ensure(m, h.id, lastYear);
      return { programmePatients };
    });
  }

  /** `mailbox`: the development mailbox answers (NODE_ENV=development without SMTP_URL); `consoleServed`: dist/web holds the console. */
  static describe(report: StartupReport, baseUrl: string, opts: { mailbox?: boolean; consoleServed?: boolean } = {}): string {
    const lines = [
      opts.consoleServed === false ? 'The web console is not built (run npm run build); the API alone is served.' : `MedJourney console: ${baseUrl}/   (sign in with a demo login below)`,
      `MedJourney API ready at ${baseUrl}/api/v1`,
      `API docs: ${baseUrl}/docs   (OpenAPI document: ${baseUrl}/docs-json)`,
    ];
    if (opts.mailbox) lines.push(`Development mailbox: ${baseUrl}/dev/mailbox   (every e-mail sent while SMTP_URL is unset: invitations, verification links, notices)`);
    if (report.adminCreated) lines.push('Bootstrap admin created from ADMIN_EMAIL.');
    if (report.demoSeeded) {
      if (report.hospitals) lines.push(`Demo data: ${report.hospitals} hospitals, most of them designated; ${report.applications ?? 0} visa applications in every state on both tracks; the demo patient's journey runs to a discharge, and the first hospital is at sanction level 1 for an overstay; ${report.careProviders ?? 0} verified interpreters and caregivers, ${report.careAssignments ?? 0} of them booked for the demo patient (some confirmed, some waiting for an answer); the demo clinician's weekly video schedule and ${report.followUps ?? 0} follow-up video appointment of the demo patient with a Kazakh interpreter; ${report.programmePatients ?? 0} patients of programme history over the last 24 months for the ministry's figures.`);
      lines.push(`Demo logins (password for all: ${DEMO_PASSWORD}):`);
      for (const l of report.demoLogins) lines.push(`  ${l.role.padEnd(22)} ${l.email}`);
    }
    return lines.join('\n');
  }
}
