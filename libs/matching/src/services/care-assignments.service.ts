import { Inject, Injectable } from '@nestjs/common';
import { HospitalsService } from '@medjourney/hospitals';
import { PatientProfilesService } from '@medjourney/journey';
import {
  APP_CONFIG, AuditService, Clock, DomainError, EventBus, TimersService, applyScope, assertUuid, findOneInScope, paginate,
  type Actor, type AppConfig, type AssignmentFacts, type DueTimer, type Page, type ScopePolicy,
} from '@medjourney/platform';
import { Duration } from 'luxon';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import type { AssignmentStatus } from '../domain/vocabulary.js';
import type { CareAssignmentDto, CareAssignmentQuery, CompleteCareAssignmentDto, CreateCareAssignmentDto } from '../dto/care-assignment.dto.js';
import { CareAssignment } from '../entities/care-assignment.entity.js';
import { MatchingErrors } from '../matching.errors.js';
import { BookingsService } from './bookings.service.js';

/** Who sees an assignment: admins all; a coordinator their hospital's; a provider and a patient their own. */
export const ASSIGNMENT_SCOPE: ScopePolicy = {
  admin: 'all',
  hospital_coordinator: { column: 'hospital_id', actor: 'hospitalId' },
  care_provider: { column: 'provider_id', actor: 'careProviderId' },
  patient: { column: 'patient_id', actor: 'patientId' },
};

export interface NewAssignment {
  providerId: string;
  patientId: string;
  hospitalId: string;
  kind: CareAssignment['kind'];
  start: Date;
  end: Date;
  matchId: string | null;
  language: string | null;
  createdBy: string;
}

/** The durable timer that expires an unanswered offer (ASSIGNMENT_RESPONSE_TIMEOUT). */
export const RESPONSE_TIMER = 'care-assignment.response';
export const responseTimerKey = (assignmentId: string) => `care-assignment.${assignmentId}.response`;

export const assignmentView = (a: CareAssignment): CareAssignmentDto => ({
  id: a.id,
  providerId: a.providerId,
  patientId: a.patientId,
  hospitalId: a.hospitalId,
  kind: a.kind,
  start: a.startAt.toISOString(),
  end: a.endAt.toISOString(),
  status: a.status,
  matchId: a.matchId,
  respondBy: a.respondBy.toISOString(),
  respondedAt: a.respondedAt?.toISOString() ?? null,
  rating: a.rating,
  comment: a.comment,
  version: a.version,
  createdAt: a.createdAt.toISOString(),
});

/** Care assignments (spec/matching.md, Bookings): pending holds the time at once; the provider answers; the coordinator cancels or completes. */
@Injectable()
export class CareAssignmentsService {
  private readonly responseTimeoutMs: number;

  constructor(
    private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly bookings: BookingsService,
    private readonly events: EventBus,
    private readonly hospitals: HospitalsService,
    private readonly timers: TimersService,
    private readonly patients: PatientProfilesService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.responseTimeoutMs = Duration.fromISO(config.assignmentResponseTimeout).toMillis();
    timers.register<{ assignmentId: string }, true>(RESPONSE_TIMER, { fire: (m, due, opts) => this.expire(m, due, opts) });
  }

  /** The language asked for in each of these assignments (null: none), for the figures' interpreter demand. */
  async languagesOf(m: EntityManager, assignmentIds: readonly string[]): Promise<Map<string, string | null>> {
    if (assignmentIds.length === 0) return new Map();
    const rows: { id: string; language: string | null }[] = await m.query('SELECT id, language FROM care_assignments WHERE id = ANY($1::uuid[])', [assignmentIds]);
    return new Map(rows.map((r) => [r.id, r.language]));
  }

  async create(actor: Actor, dto: CreateCareAssignmentDto): Promise<CareAssignmentDto> {
    // A coordinator books for their own hospital only; another hospital is not found.
    if (dto.hospitalId !== actor.hospitalId) throw DomainError.notFound('hospital');
    const start = new Date(dto.start);
    const end = new Date(dto.end);
    if (!(end > start)) throw MatchingErrors.invalidWindow();
    return this.db.transaction(async (m) => {
      // And for a patient their hospital sponsored or admitted; anyone else's is not found.
      await this.patients.assertActsFor(actor, dto.patientId, m);
      const a = await this.createIn(m, { ...dto, start, end, matchId: dto.matchId ?? null, language: dto.language ?? null, createdBy: actor.userId });
      return assignmentView(a);
    });
  }

  /** Writes the assignment, books its time and offers it to the provider, in the caller's transaction (also the re-offer's); `id` is given only by the seeds. */
  async createIn(m: EntityManager, n: NewAssignment, reoffer = false, id: string = randomUUID()): Promise<CareAssignment> {
    const [kind]: { kind: string }[] = await m.query('SELECT kind FROM care_providers WHERE id = $1', [n.providerId]);
    if (!kind) throw DomainError.notFound('care provider');
    if (kind.kind !== n.kind) throw DomainError.rule('PROVIDER_KIND_MISMATCH', 'Provider kind mismatch', `The provider is not a${n.kind === 'interpreter' ? 'n' : ''} ${n.kind}.`);
    const respondBy = new Date(this.clock.now().getTime() + this.responseTimeoutMs);
    // The time first: a refused booking writes nothing.
    await this.bookings.book(m, { providerId: n.providerId, start: n.start, end: n.end, source: 'care_assignment', sourceId: id });
    await m.query(
      `INSERT INTO care_assignments (id, provider_id, patient_id, hospital_id, kind, start_at, end_at, match_id, language, respond_by, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [id, n.providerId, n.patientId, n.hospitalId, n.kind, n.start, n.end, n.matchId, n.language, respondBy, n.createdBy],
    );
    const a = await m.findOneByOrFail(CareAssignment, { id });
    await this.audit.record(m, { action: 'care_assignment.created', entityType: 'care_assignment', entityId: id, after: assignmentView(a) });
    await this.timers.schedule(m, [{ kind: RESPONSE_TIMER, key: responseTimerKey(id), at: respondBy, payload: { assignmentId: id } }]);
    await this.events.publish(m, 'care-assignment.offered', { ...(await this.facts(m, a)), respondBy: respondBy.toISOString(), reoffer });
    return a;
  }

  /** Due response timers: a still pending assignment expires, frees its time and says so (the re-offer follows). */
  private async expire(m: EntityManager, due: DueTimer<{ assignmentId: string }>[], { wait }: { wait: boolean }): Promise<Map<string, true | null>> {
    const out = new Map<string, true | null>();
    for (const { key, payload } of due) {
      const query = m.getRepository(CareAssignment).createQueryBuilder('a').setLock('pessimistic_write').where('a.id = :id', { id: payload.assignmentId });
      const before = await (wait ? query : query.setOnLocked('skip_locked')).getOne();
      // Held by an answer in flight: a later pass decides.
      if (!before && (await m.getRepository(CareAssignment).existsBy({ id: payload.assignmentId }))) continue;
      if (!before || before.status !== 'pending') {
        out.set(key, null);
        continue;
      }
      await m.query(`UPDATE care_assignments SET status = 'expired', version = version + 1, updated_at = now() WHERE id = $1`, [before.id]);
      await this.bookings.release(m, 'care_assignment', before.id);
      const after = await m.findOneByOrFail(CareAssignment, { id: before.id });
      await this.audit.record(m, { action: 'care_assignment.expired', entityType: 'care_assignment', entityId: before.id, before: assignmentView(before), after: assignmentView(after), actor: null });
      await this.events.publish(m, 'care-assignment.expired', await this.facts(m, after));
      out.set(key, true);
    }
    return out;
  }

  /** What the assignment's events say of it: ids, names and the window. */
  async facts(m: EntityManager, a: CareAssignment): Promise<AssignmentFacts> {
    const [provider]: { name: string }[] = await m.query('SELECT name FROM care_providers WHERE id = $1', [a.providerId]);
    const hospital = await this.hospitals.profileOf(a.hospitalId, m);
    return {
      assignmentId: a.id,
      providerId: a.providerId,
      providerName: provider.name,
      hospitalId: a.hospitalId,
      hospitalName: hospital?.name ?? 'the hospital',
      patientId: a.patientId,
      kind: a.kind,
      start: a.startAt.toISOString(),
      end: a.endAt.toISOString(),
      matchId: a.matchId,
    };
  }

  async get(actor: Actor, id: string): Promise<CareAssignmentDto> {
    assertUuid(id, 'care assignment');
    return assignmentView(await findOneInScope(this.db.getRepository(CareAssignment).createQueryBuilder('a').where('a.id = :id', { id }), 'a', actor, ASSIGNMENT_SCOPE, 'care assignment'));
  }

  /** Newest first, keyset pages. */
  async list(actor: Actor, q: CareAssignmentQuery): Promise<Page<CareAssignmentDto>> {
    const qb = applyScope(this.db.getRepository(CareAssignment).createQueryBuilder('a'), 'a', actor, ASSIGNMENT_SCOPE);
    if (q.status) qb.andWhere('a.status = :status', { status: q.status });
    const page = await paginate(qb, [
      { expr: 'a.created_at', direction: 'DESC', value: (a) => a.createdAt, cast: 'timestamptz' },
      { expr: 'a.id', direction: 'DESC', value: (a) => a.id, cast: 'uuid' },
    ], q);
    return { items: page.items.map(assignmentView), nextCursor: page.nextCursor };
  }

  accept(actor: Actor, id: string): Promise<CareAssignmentDto> {
    return this.transition(actor, id, 'accept', ['pending'], 'confirmed');
  }

  decline(actor: Actor, id: string): Promise<CareAssignmentDto> {
    return this.transition(actor, id, 'decline', ['pending'], 'declined');
  }

  cancel(actor: Actor, id: string): Promise<CareAssignmentDto> {
    return this.transition(actor, id, 'cancel', ['pending', 'confirmed'], 'cancelled', (a) => {
      if (this.clock.now() >= a.startAt) throw MatchingErrors.tooEarly('cancel (it has started)');
    });
  }

  /** Completes an assignment after its end; the rating feeds the provider's average. */
  complete(actor: Actor, id: string, dto: CompleteCareAssignmentDto): Promise<CareAssignmentDto> {
    return this.transition(actor, id, 'complete', ['confirmed'], 'completed', async (a, m) => {
      if (this.clock.now() < a.endAt) throw MatchingErrors.tooEarly('complete (it has not ended)');
      await m.query('UPDATE care_assignments SET rating = $2, comment = $3 WHERE id = $1', [a.id, dto.rating, dto.comment ?? null]);
      await m.query(
        `UPDATE care_providers SET rating_sum = rating_sum + $2, rating_count = rating_count + 1,
                rating = round((rating_sum + $2)::numeric / (rating_count + 1), 2), updated_at = now() WHERE id = $1`,
        [a.providerId, dto.rating],
      );
    });
  }

  /**
   * Moves one assignment, scoped to the caller (out of scope → 404), locked, from one of the
   * allowed statuses (otherwise 409); a status that frees the time releases its booking.
   */
  private async transition(
    actor: Actor,
    id: string,
    action: string,
    from: AssignmentStatus[],
    to: AssignmentStatus,
    check?: (a: CareAssignment, m: EntityManager) => void | Promise<void>,
  ): Promise<CareAssignmentDto> {
    assertUuid(id, 'care assignment');
    return this.db.transaction(async (m) => {
      const before = await applyScope(m.getRepository(CareAssignment).createQueryBuilder('a').setLock('pessimistic_write').where('a.id = :id', { id }), 'a', actor, ASSIGNMENT_SCOPE).getOne();
      if (!before) throw DomainError.notFound('care assignment');
      if (!from.includes(before.status)) throw MatchingErrors.invalidTransition(before.status, action);
      await check?.(before, m);
      if (before.status === 'pending') await this.timers.cancel(m, [responseTimerKey(id)]);
      const answered = to === 'confirmed' || to === 'declined';
      await m.query(
        `UPDATE care_assignments SET status = $2, responded_at = CASE WHEN $3::boolean THEN $4 ELSE responded_at END, version = version + 1, updated_at = now() WHERE id = $1`,
        [id, to, answered, this.clock.now()],
      );
      if (to === 'declined' || to === 'cancelled' || to === 'expired') await this.bookings.release(m, 'care_assignment', id);
      const after = await m.findOneByOrFail(CareAssignment, { id });
      await this.audit.record(m, { action: `care_assignment.${to}`, entityType: 'care_assignment', entityId: id, before: assignmentView(before), after: assignmentView(after) });
      const facts = await this.facts(m, after);
      if (to === 'completed') await this.events.publish(m, 'care-assignment.completed', { ...facts, rating: after.rating! });
      else if (to !== 'pending') await this.events.publish(m, `care-assignment.${to === 'confirmed' ? 'accepted' : to}`, facts);
      return assignmentView(after);
    });
  }
}
