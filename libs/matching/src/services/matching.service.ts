import { Inject, Injectable } from '@nestjs/common';
import { PatientProfilesService } from '@medjourney/journey';
import { APP_CONFIG, Clock, type Actor, type AppConfig } from '@medjourney/platform';
import { DataSource, type EntityManager } from 'typeorm';
import { beyondBookingHorizon } from '../domain/booking-horizon.js';
import { CERTIFICATIONS_OF } from '../domain/vocabulary.js';
import type { CandidateDto, MatchDto, MatchRequestDto } from '../dto/match.dto.js';
import { MatchingErrors } from '../matching.errors.js';
import { runMatch, type MatchRequest } from './match-query.js';

export type { MatchRequest } from './match-query.js';

/**
 * Of a list of windows, the (1-based) positions where at least one active, certified interpreter
 * of the language is available over the whole window and booked in none of it: telemedicine's
 * slot filter. Each window probes the same indexes as the matcher; the weekly-hours limit is left
 * to the booking, which checks it.
 */
const FREE_WINDOWS = `
  SELECT w.i::int AS i
    FROM unnest($2::timestamptz[], $3::timestamptz[]) WITH ORDINALITY AS w(s, e, i)
   WHERE EXISTS (
     SELECT 1 FROM care_provider_languages l
      CROSS JOIN LATERAL (SELECT p.id FROM care_providers p WHERE p.id = l.provider_id AND p.kind = 'interpreter' AND p.active LIMIT 1) p
      WHERE l.code = $1
        AND EXISTS (SELECT 1 FROM care_provider_certifications c
                     WHERE c.provider_id = p.id AND c.type = ANY($4::text[]) AND c.valid_until >= (w.e AT TIME ZONE 'Asia/Seoul')::date)
        AND EXISTS (SELECT 1 FROM (SELECT a.during FROM care_provider_availability a WHERE a.provider_id = p.id AND lower(a.during) <= w.s
                                    ORDER BY lower(a.during) DESC LIMIT 1) a WHERE a.during @> tstzrange(w.s, w.e, '[)'))
        AND NOT EXISTS (SELECT 1 FROM provider_bookings b WHERE b.provider_id = p.id AND b.live AND b.during && tstzrange(w.s, w.e, '[)')))`;

const r1 = (x: number) => Math.round(x * 10) / 10;

/** POST /matches: the best available providers for a request, explained, and stored under a matchId. */
@Injectable()
export class MatchingService {
  constructor(
    private readonly db: DataSource,
    private readonly profiles: PatientProfilesService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * The language defaults to the patient's preferred one: a patient's own request is for
   * themselves, a coordinator's for the `patientId` it names. A named patient outside the
   * caller's scope is 404 (journey's door decides), also when the language is given.
   */
  async match(actor: Actor, dto: MatchRequestDto): Promise<MatchDto> {
    const start = new Date(dto.start);
    const end = new Date(dto.end);
    if (!(end > start)) throw MatchingErrors.invalidWindow();
    // Named, not an empty list: nobody has availability past the instants matching keeps.
    const beyond = beyondBookingHorizon(end, this.clock.now(), this.config.bookingHorizon);
    if (beyond) throw MatchingErrors.beyondBookingHorizon(beyond.lastBookableDay);
    const patientId = dto.patientId ?? (actor.role === 'patient' ? actor.patientId : null);
    return this.db.transaction(async (m) => {
      const preferred = patientId ? (await this.profiles.preferencesFor(actor, patientId, m)).languages[0] : undefined;
      const language = dto.language ?? preferred;
      if (!language) throw MatchingErrors.languageRequired();
      const request: MatchRequest = {
        kind: dto.kind,
        language,
        specialty: dto.specialty ?? null,
        hospitalId: dto.hospitalId ?? (actor.role === 'hospital_coordinator' ? actor.hospitalId : null),
        region: dto.region ?? null,
        start: start.toISOString(),
        end: end.toISOString(),
        requireCertified: dto.requireCertified ?? dto.kind === 'interpreter',
        patientId,
      };
      return this.matchIn(m, request, actor.userId);
    });
  }

  /** Ranks and stores, in the caller's transaction (the re-offer without a matchId runs it too). */
  async matchIn(m: EntityManager, request: MatchRequest, requestedBy: string): Promise<MatchDto> {
    // JIT compiling costs more than these statements' index probes save.
    await m.query('SET LOCAL jit = off');
    const { rows, excluded } = await runMatch((sql, params) => m.query(sql, params), request);
    const candidates: CandidateDto[] = rows.map((r) => ({
      providerId: r.id,
      name: r.name,
      score: r1(r.score),
      breakdown: {
        language: r.s_language,
        certification: r.s_certification,
        specialty: r.s_specialty,
        proximity: r.s_proximity,
        rating: r.s_rating,
        fairness: r.s_fairness,
        languageLevel: r.level,
        bookedHoursThisWeek: r1(r.week_hours),
      },
    }));
    const [{ id }]: { id: string }[] = await m.query(
      'INSERT INTO matches (requested_by, hospital_id, request, candidates, excluded) VALUES ($1, $2, $3, $4, $5) RETURNING id',
      [requestedBy, request.hospitalId, JSON.stringify(request), JSON.stringify(candidates), JSON.stringify(excluded)],
    );
    return { matchId: id, candidates, excluded };
  }

  /** The interpreter filter's statement and its parameters (the bench runs them through bare pg). */
  static readonly FREE_WINDOWS_SQL = FREE_WINDOWS;
  static freeWindowsParams(language: string, windows: readonly { start: Date; end: Date }[]): unknown[] {
    return [language, windows.map((w) => w.start), windows.map((w) => w.end), CERTIFICATIONS_OF.interpreter];
  }

  /** For each window, whether an interpreter of the language is free over all of it (telemedicine's slots). */
  async interpreterFree(m: EntityManager, language: string, windows: readonly { start: Date; end: Date }[]): Promise<boolean[]> {
    if (windows.length === 0) return [];
    await m.query('SET LOCAL jit = off');
    const rows: { i: number }[] = await m.query(FREE_WINDOWS, MatchingService.freeWindowsParams(language, windows));
    const free = new Set(rows.map((r) => r.i - 1));
    return windows.map((_, i) => free.has(i));
  }

  /**
   * The certified interpreters of a language free over a window, best first, as POST /matches
   * ranks them (not stored): telemedicine books the first that its booking can hold.
   */
  async rankInterpreters(m: EntityManager, r: { language: string; start: Date; end: Date; hospitalId: string | null }): Promise<string[]> {
    await m.query('SET LOCAL jit = off');
    const request: MatchRequest = {
      kind: 'interpreter', language: r.language, specialty: null, hospitalId: r.hospitalId, region: null,
      start: r.start.toISOString(), end: r.end.toISOString(), requireCertified: true, patientId: null,
    };
    return (await runMatch((sql, params) => m.query(sql, params), request)).rows.map((c) => c.id);
  }

  /** A stored match's request and ranked provider ids, or null when there is none. */
  async stored(m: EntityManager, matchId: string): Promise<{ request: MatchRequest; providerIds: string[] } | null> {
    const [row]: { request: MatchRequest; candidates: CandidateDto[] }[] = await m.query('SELECT request, candidates FROM matches WHERE id = $1', [matchId]);
    return row ? { request: row.request, providerIds: row.candidates.map((c) => c.providerId) } : null;
  }
}
