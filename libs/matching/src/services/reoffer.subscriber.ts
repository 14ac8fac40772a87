import { Injectable } from '@nestjs/common';
import { PatientProfilesService } from '@medjourney/journey';
import { DomainError, EventBus, OnDomainEvent, type AssignmentFacts, type DomainEvent } from '@medjourney/platform';
import type { EntityManager } from 'typeorm';
import { CareAssignment } from '../entities/care-assignment.entity.js';
import { BookingsService } from './bookings.service.js';
import { CareAssignmentsService } from './care-assignments.service.js';
import { MatchingService } from './matching.service.js';

/**
 * On a declined or expired assignment, books the next candidate of the same ranking (spec:
 * "a queue job": the event's delivery, which PostgreSQL keeps until it has run once). Without a
 * matchId the matching runs again with the assignment's own kind, window, hospital and
 * language (the patient's preferred one when the assignment names none), and the assignment
 * joins that ranking. No candidate left → `unfilled`.
 */
@Injectable()
export class ReofferSubscriber {
  constructor(
    private readonly assignments: CareAssignmentsService,
    private readonly bookings: BookingsService,
    private readonly matching: MatchingService,
    private readonly events: EventBus,
    private readonly profiles: PatientProfilesService,
  ) {}

  @OnDomainEvent(['care-assignment.declined', 'care-assignment.expired'], 'matching.re-offer')
  async onUnanswered(event: DomainEvent, m: EntityManager): Promise<string | null> {
    const facts = event.payload as AssignmentFacts;
    const a = await m.findOneBy(CareAssignment, { id: facts.assignmentId });
    if (!a) return null;
    const { matchId, ranking } = await this.rankingOf(m, a);
    const tried: { provider_id: string }[] = await m.query('SELECT provider_id FROM care_assignments WHERE match_id = $1 OR id = $2', [matchId, a.id]);
    const skip = new Set(tried.map((t) => t.provider_id));
    const untried = ranking.filter((p) => !skip.has(p));
    // A refused candidate's row stays locked: all of them first, in id order, so that two
    // re-offers walking rankings in opposite orders wait for each other instead of deadlocking.
    await this.bookings.lockProviders(m, untried);
    for (const providerId of untried) {
      try {
        const next = await this.assignments.createIn(m, {
          providerId, patientId: a.patientId, hospitalId: a.hospitalId, kind: a.kind, start: a.startAt, end: a.endAt,
          matchId, language: a.language, createdBy: a.createdBy,
        }, true);
        return next.id;
      } catch (e) {
        // Booked elsewhere, no longer available or verified since the ranking: the next one.
        if (e instanceof DomainError) continue;
        throw e;
      }
    }
    await this.events.publish(m, 'care-assignment.unfilled', { ...facts, matchId });
    return null;
  }

  private async rankingOf(m: EntityManager, a: CareAssignment): Promise<{ matchId: string | null; ranking: string[] }> {
    if (a.matchId) return { matchId: a.matchId, ranking: (await this.matching.stored(m, a.matchId))?.providerIds ?? [] };
    const language = a.language ?? (await this.profiles.preferences(a.patientId, m)).languages[0];
    if (!language) return { matchId: null, ranking: [] };
    const match = await this.matching.matchIn(m, {
      kind: a.kind, language, specialty: null, hospitalId: a.hospitalId, region: null,
      start: a.startAt.toISOString(), end: a.endAt.toISOString(), requireCertified: a.kind === 'interpreter', patientId: a.patientId,
    }, a.createdBy);
    await m.query('UPDATE care_assignments SET match_id = $2 WHERE id = $1', [a.id, match.matchId]);
    return { matchId: match.matchId, ranking: match.candidates.map((c) => c.providerId) };
  }
}
