import { Inject, Injectable } from '@nestjs/common';
import { ACCOUNT_STATUS, APP_CONFIG, Clock, DomainError, PiiCipher, TimersService, type AccountStatus, type Actor, type AppConfig, type DueTimer } from '@medjourney/platform';
import { Duration } from 'luxon';
import { SlaClockService } from '@medjourney/sla';
import { HospitalErrors, HospitalsService } from '@medjourney/hospitals';
import { DataSource, type EntityManager } from 'typeorm';
import type { Action } from '../domain/application-state-machine.js';
import { nextStatus } from '../domain/application-state-machine.js';
import { describeMissing, missingDocuments, requiredDocuments } from '../domain/document-matrix.js';
import { checkGroupRules } from '../domain/group-rules.js';
import { OPEN_STATUSES, type Track } from '../domain/vocabulary.js';
import type { ApplicationViewDto, DecisionDto, RequestSupplementDto } from '../dto/visa-application.dto.js';
import { VisaApplication } from '../entities/visa-application.entity.js';
import { VisaPerson } from '../entities/visa-person.entity.js';
import { VisaErrors } from '../visas.errors.js';
import { assertTransition, loadApplication, saveTransition } from './application-access.js';
import { ApplicationEventsRecorder, historyLine } from './application-events.recorder.js';
import { ApplicationQueriesService, type KnownForAnswer } from './application-queries.service.js';
import { PERSON_ROW_COLUMNS, type PersonRow } from './application-view.js';
import { VisasService } from './visas.service.js';

/** Serialises the submissions of one sponsor, so its open-application quota holds under races. */
const sponsorLock = (hospitalId: string) => `sponsor-quota:${hospitalId}`;

/** Submitting opens the persons' passports (one open application each); an ending closes them (a decision closes each person's with its outcome). */
const PASSPORTS: Partial<Record<Action, 'open' | 'close'>> = { submit: 'open', withdraw: 'close' };

/** A supplement request unanswered for SUPPLEMENT_LAPSE_AFTER withdraws the application: a durable timer per application. */
export const SUPPLEMENT_LAPSE_TIMER = 'visas.supplement-lapse';
export const lapseTimerKey = (applicationId: string) => `visas.supplement-lapse.${applicationId}`;
interface LapseTimer {
  applicationId: string;
  /** Which request: one answered and requested again is a new timer. */
  requestedAt: string;
}

/** Every state change of spec/visas.md's life cycle, each in one transaction with its history, audit and event. */
@Injectable()
export class ApplicationWorkflowService {
  constructor(
    private readonly db: DataSource,
    private readonly events: ApplicationEventsRecorder,
    private readonly queries: ApplicationQueriesService,
    private readonly hospitals: HospitalsService,
    @Inject(ACCOUNT_STATUS) private readonly accounts: AccountStatus,
    private readonly visas: VisasService,
    private readonly sla: SlaClockService,
    private readonly timers: TimersService,
    private readonly cipher: PiiCipher,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    timers.register<LapseTimer, true>(SUPPLEMENT_LAPSE_TIMER, { fire: (m, due, opts) => this.lapse(m, due, opts) });
  }

  requestSponsorship(actor: Actor, id: string) {
    return this.transition(actor, id, 'request_sponsorship');
  }

  declineSponsorship(actor: Actor, id: string, reason: string) {
    return this.transition(actor, id, 'decline_sponsorship', async () => ({ reason }));
  }

  /**
   * The patient accepts a hospital's application filed for their existing account (spec/security.md):
   * from then on it is theirs, the hospital may submit it, and once submitted the hospital treats them.
   */
  acceptSponsorship(actor: Actor, id: string) {
    return this.transition(actor, id, 'accept_sponsorship', async (m, app) => {
      if (app.patientConsent !== 'awaiting') throw VisaErrors.notAwaitingConsent();
      app.patientConsent = 'accepted';
      app.consentedAt = this.clock.now();
      await m.query(`UPDATE visa_applications SET patient_consent = 'accepted', consented_at = $2 WHERE id = $1`, [app.id, app.consentedAt]);
      return null;
    });
  }

  startReview(actor: Actor, id: string) {
    return this.transition(actor, id, 'start_review', async (_m, app) => {
      if (app.assignedOfficerId === null && actor.role === 'officer') {
        app.assignedOfficerId = actor.userId;
        app.assignedAt = this.clock.now();
      }
      return null;
    });
  }

  withdraw(actor: Actor, id: string, reason: string) {
    return this.transition(actor, id, 'withdraw', async (_m, app) => {
      app.closedAt = this.clock.now();
      return { reason };
    });
  }

  assign(actor: Actor, id: string, officerId: string) {
    return this.transition(actor, id, 'assign', async (m, app) => {
      if ((await this.accounts.activeRole(officerId, m)) !== 'officer') throw VisaErrors.officerNotAvailable();
      const from = app.assignedOfficerId;
      app.assignedOfficerId = officerId;
      app.assignedAt = this.clock.now();
      return { from, to: officerId };
    });
  }

  requestSupplement(actor: Actor, id: string, dto: RequestSupplementDto) {
    return this.transition(actor, id, 'request_supplement', async (m, app) => {
      const personIds = new Set((await m.getRepository(VisaPerson).findBy({ applicationId: app.id })).map((p) => p.id));
      dto.items.forEach((item, i) => {
        if (item.personId && !personIds.has(item.personId)) throw DomainError.validation([{ field: `items[${i}].personId`, message: 'not a person of this application' }]);
      });
      const items = dto.items.map((i) => ({ personId: i.personId ?? null, documentType: i.documentType }));
      const requestedAt = this.clock.now();
      app.supplement = { reason: dto.reason, items, requestedAt: requestedAt.toISOString() };
      await this.timers.schedule(m, [
        {
          kind: SUPPLEMENT_LAPSE_TIMER,
          key: lapseTimerKey(app.id),
          at: new Date(requestedAt.getTime() + Duration.fromISO(this.config.sla.supplementLapseAfter).toMillis()),
          payload: { applicationId: app.id, requestedAt: requestedAt.toISOString() },
        },
      ]);
      return { reason: dto.reason, items };
    });
  }

  resubmit(actor: Actor, id: string) {
    return this.transition(actor, id, 'resubmit', async (m, app) => {
      const requested = app.supplement!;
      const uploaded: { person_id: string | null; type: string }[] = await m.query(
        'SELECT person_id, type FROM visa_documents WHERE application_id = $1 AND uploaded_at > $2',
        [app.id, requested.requestedAt],
      );
      const missing = requested.items.filter((item) => !uploaded.some((u) => u.type === item.documentType && (item.personId === null || u.person_id === item.personId)));
      if (missing.length) {
        const persons = await m.getRepository(VisaPerson).find({ where: { applicationId: app.id } });
        throw VisaErrors.missingDocuments(
          describeMissing(missing.map((i) => ({ personId: i.personId, type: i.documentType })), persons),
          `${missing.length} requested document(s) not uploaded since the supplement request.`,
        );
      }
      app.supplement = null;
      return null;
    });
  }

  /** Fixes the track, checks every rule, the documents and the quota, and opens the application. */
  submit(actor: Actor, id: string) {
    return this.transition(actor, id, 'submit', async (m, app, known) => {
      if (app.patientConsent === 'awaiting') throw VisaErrors.awaitingConsent();
      const now = this.clock.now();
      const sponsor = await this.hospitals.sponsorStatus(app.sponsorHospitalId, now, m);
      if (!sponsor.registered) throw HospitalErrors.sponsorNotRegistered();
      const track: Track = sponsor.designated ? 'e_visa' : 'certificate';

      const { persons, uploaded } = await this.personsAndDocuments(m, app.id);
      const violation = checkGroupRules(
        {
          category: app.category,
          entries: app.entries,
          stayFrom: app.stayFrom,
          stayUntil: app.stayUntil,
          treatment: app.treatment,
          persons: persons.map((p) => ({ ...p, dateOfBirth: this.cipher.decrypt(p.dateOfBirthSealed) })),
        },
        this.config.visas,
        { sponsorSpecialties: sponsor.specialties, track },
      );
      if (violation) throw VisaErrors.rule(violation);

      const missing = missingDocuments(requiredDocuments(track, app.category, persons), uploaded);
      if (missing.length) throw VisaErrors.missingDocuments(describeMissing(missing, persons));

      if (track === 'certificate') {
        await m.query('SELECT pg_advisory_xact_lock(hashtext($1))', [sponsorLock(app.sponsorHospitalId)]);
        const [{ open }] = await m.query(`SELECT count(*)::int AS open FROM visa_applications WHERE sponsor_hospital_id = $1 AND status = ANY($2)`, [
          app.sponsorHospitalId,
          OPEN_STATUSES,
        ]);
        if (open >= this.config.visas.sponsorOpenQuota) throw VisaErrors.quotaReached(this.config.visas.sponsorOpenQuota);
      }

      // The persons' passports open with the application's update (saveTransition).
      app.track = track;
      app.submittedAt = now;
      // What the answer shows of the persons did not change.
      known.persons = persons;
      return { track };
    });
  }

  /** One outcome per person; visas for the approved. */
  decide(actor: Actor, id: string, dto: DecisionDto) {
    return this.transition(actor, id, 'decide', async (m, app) => {
      const persons = await m.getRepository(VisaPerson).find({ where: { applicationId: app.id }, order: { ordinal: 'ASC' } });
      const byId = new Map(dto.persons.map((d) => [d.personId, d]));
      const problems = [
        ...persons.filter((p) => !byId.has(p.id)).map((p) => ({ field: 'persons', message: `no outcome for person ${p.id}` })),
        ...dto.persons.filter((d) => !persons.some((p) => p.id === d.personId)).map((d) => ({ field: 'persons', message: `${d.personId} is not a person of this application` })),
        ...dto.persons.map((d, i) => ({ d, i })).filter(({ d }) => d.outcome === 'reject' && !d.reasonCode).map(({ i }) => ({ field: `persons[${i}].reasonCode`, message: 'a rejection needs a reasonCode' })),
      ];
      if (byId.size !== dto.persons.length) problems.push({ field: 'persons', message: 'one outcome per person' });
      if (problems.length) throw DomainError.validation(problems);
      const patient = persons.find((p) => p.role === 'patient')!;
      const patientApproved = byId.get(patient.id)!.outcome === 'approve';
      if (!patientApproved && dto.persons.some((d) => d.outcome === 'approve')) throw VisaErrors.companionWithoutPatient();

      const now = this.clock.now();
      for (const p of persons) {
        const d = byId.get(p.id)!;
        await m.query('UPDATE visa_persons SET outcome = $2, reason_code = $3, open_passport_hash = NULL WHERE id = $1', [p.id, d.outcome, d.outcome === 'reject' ? d.reasonCode : null]);
        if (d.outcome === 'approve') await this.visas.issue(m, app, p, now);
      }
      app.decidedAt = now;
      app.closedAt = now;
      return { outcomes: dto.persons.map((d) => ({ personId: d.personId, outcome: d.outcome, reasonCode: d.reasonCode ?? null })), patientApproved };
    });
  }

  /**
   * The lapse timers that are due, in the timer's transaction: withdraws each application whose
   * supplement request (the one made at `requestedAt`) went unanswered for SUPPLEMENT_LAPSE_AFTER;
   * quietly does nothing when it was answered, or lapsed already. An application another
   * transaction holds is left armed for the next pass, unless told to wait for it.
   */
  private async lapse(m: EntityManager, due: DueTimer<LapseTimer>[], { wait }: { wait: boolean }): Promise<Map<string, true | null>> {
    const out = new Map<string, true | null>();
    for (const { key, payload } of due) {
      const query = m.getRepository(VisaApplication).createQueryBuilder('a').setLock('pessimistic_write').where('a.id = :id', { id: payload.applicationId });
      const app = await (wait ? query : query.setOnLocked('skip_locked')).getOne();
      if (!app && (await m.getRepository(VisaApplication).existsBy({ id: payload.applicationId }))) continue;
      if (!app || app.status !== 'supplement_requested' || app.supplement?.requestedAt !== payload.requestedAt) {
        out.set(key, null);
        continue;
      }
      const from = app.status;
      app.status = nextStatus(from, 'lapse');
      app.closedAt = this.clock.now();
      const details = { reason: 'lapsed' };
      const historyId = await saveTransition(m, app, historyLine(null, 'lapse', from, details, this.clock.now()), 'close');
      await this.events.record(m, null, app, 'lapse', from, details, historyId);
      await this.sla.halt(m, app.id, { action: 'lapse', actorRole: 'system', actorId: null });
      out.set(key, true);
    }
    return out;
  }

  /**
   * The application's persons as plain rows (the answer serialises them, nothing changes them)
   * and every document uploaded for it, in one statement.
   */
  private async personsAndDocuments(m: EntityManager, applicationId: string): Promise<{ persons: PersonRow[]; uploaded: { personId: string | null; type: string }[] }> {
    const rows: (PersonRow & { documents: { personId: string | null; type: string }[] | null })[] = await m.query(
      `SELECT ${PERSON_ROW_COLUMNS},
              (SELECT json_agg(json_build_object('personId', d.person_id, 'type', d.type)) FROM visa_documents d WHERE d.application_id = $1) AS documents
         FROM visa_persons WHERE application_id = $1 ORDER BY ordinal`,
      [applicationId],
    );
    return { persons: rows.map(({ documents: _, ...p }) => p), uploaded: rows[0]?.documents ?? [] };
  }


  /**
   * Locks the application in the caller's scope, checks the transition table, applies the
   * action's effect, moves the status and records history, audit and event, all in one
   * transaction: of two concurrent changes one wins and the other meets the new status (409).
   * The answer is read in that transaction too.
   */
  private async transition(
    actor: Actor,
    id: string,
    action: Action,
    effect: (m: EntityManager, app: VisaApplication, known: KnownForAnswer) => Promise<Record<string, unknown> | null> = async () => null,
  ): Promise<ApplicationViewDto> {
    return this.db.transaction(async (m) => {
      const app = await loadApplication(m, actor, id, true);
      assertTransition(actor, app, action);
      const from = app.status;
      const known: KnownForAnswer = {};
      const details = await effect(m, app, known);
      app.status = nextStatus(from, action, details?.patientApproved as boolean | undefined);
      // The processing clock runs from submission, pauses for a supplement, stops at the end.
      const fact = { actorRole: actor.role, actorId: actor.userId };
      if (action === 'submit' || action === 'resubmit') {
        const started = await this.sla.start(m, { ...app, track: app.track! }, { action, ...fact });
        app.dueAt = started.dueAt;
        known.sla = started.sla;
      }
      const historyId = await saveTransition(m, app, historyLine(actor, action, from, details, this.clock.now()), PASSPORTS[action]);
      await this.events.record(m, actor, app, action, from, details, historyId);
      if (action === 'request_supplement' || action === 'decide' || action === 'withdraw') {
        await this.sla.halt(m, app.id, { action, ...fact });
        app.dueAt = null;
      }
      // An answered or closed supplement request no longer lapses.
      if (action === 'resubmit' || action === 'decide' || action === 'withdraw') await this.timers.cancel(m, [lapseTimerKey(app.id)]);
      return this.queries.viewOfChange(m, actor, app, known);
    });
  }
}
