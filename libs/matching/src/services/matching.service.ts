import { Inject, Injectable } from '@nestjs/common';
import { PatientProfilesService } from '@medjourney/journey';
import { APP_CONFIG, Clock, type Actor, type AppConfig } from '@medjourney/platform';
import { DataSource, type EntityManager } from 'typeorm';
import { beyondBookingHorizon } from '../domain/booking-horizon.js';
import { SCORE } from '../domain/score.js';
import { CERTIFICATIONS_OF, type ProviderKind } from '../domain/vocabulary.js';
import type { CandidateDto, ExclusionsDto, MatchDto, MatchRequestDto } from '../dto/match.dto.js';
import { MatchingErrors } from '../matching.errors.js';

/** A matching request with its defaults applied, as stored with its ranking. */
export interface MatchRequest {
  kind: ProviderKind;
  language: string;
  specialty: string | null;
  hospitalId: string | null;
  region: string | null;
  start: string;
  end: string;
  requireCertified: boolean;
  /** The patient the request is for, when named (a patient's own request names them). */
  patientId: string | null;
}

const MAX_CANDIDATES = 10;

/**
 * The hard filters and the score, in one statement that PostgreSQL plans with indexes: the
 * speakers of the language come from care_provider_languages' key, each speaker's
 * certification, availability, overlapping booking and week's hours are index probes
 * (care_provider_certifications, the GiST indexes of care_provider_availability and
 * provider_bookings, provider_bookings_start_idx). No provider is loaded into the process but
 * the ten returned. A booking's hours count in the week, in the provider's zone, that it starts in.
 */
const CHECKED = `
  WITH speakers AS MATERIALIZED (
    SELECT p.id, p.name, l.level, p.specialties, p.hospital_ids, p.regions, p.rating, p.max_hours_per_week, p.timezone
      FROM care_provider_languages l
      -- LIMIT 1 keeps each lookup a probe by key: a join would let the planner read the whole table.
      CROSS JOIN LATERAL (SELECT * FROM care_providers p WHERE p.id = l.provider_id AND p.kind = $1 AND p.active LIMIT 1) p
     WHERE l.code = $2
  ), checked AS MATERIALIZED (
    SELECT s.*, cert.ok IS NOT NULL AS certified, av.ok IS NOT NULL AS available, bk.ok IS NOT NULL AS booked, w.hours AS week_hours
      FROM speakers s
      LEFT JOIN LATERAL (SELECT 1 AS ok FROM care_provider_certifications c
                          WHERE c.provider_id = s.id AND c.type = ANY($3::text[]) AND c.valid_until >= ($6::timestamptz AT TIME ZONE 'Asia/Seoul')::date LIMIT 1) cert ON true
      LEFT JOIN LATERAL (SELECT 1 AS ok FROM (SELECT a.during FROM care_provider_availability a WHERE a.provider_id = s.id AND lower(a.during) <= $5
                                               ORDER BY lower(a.during) DESC LIMIT 1) a WHERE a.during @> tstzrange($5, $6, '[)')) av ON true
      LEFT JOIN LATERAL (SELECT 1 AS ok FROM provider_bookings b WHERE b.provider_id = s.id AND b.live AND b.during && tstzrange($5, $6, '[)') LIMIT 1) bk ON true
      CROSS JOIN LATERAL (SELECT date_trunc('week', $5::timestamptz AT TIME ZONE s.timezone) AS monday) wk
      CROSS JOIN LATERAL (
        SELECT COALESCE(sum(extract(epoch FROM upper(b.during) - lower(b.during))), 0)::float8 / 3600 AS hours
          FROM provider_bookings b
         WHERE b.provider_id = s.id AND b.live
           AND lower(b.during) >= (wk.monday AT TIME ZONE s.timezone) AND lower(b.during) < ((wk.monday + interval '7 days') AT TIME ZONE s.timezone)
      ) w
  ), judged AS (
    SELECT c.*, (c.certified OR NOT $4::boolean) AS cert_ok,
           c.week_hours + extract(epoch FROM $6::timestamptz - $5::timestamptz)::float8 / 3600 > c.max_hours_per_week AS over_hours
      FROM checked c
  )`;

/** The ten best and the exclusion counts from one pass over the speakers. */
const MATCH = `${CHECKED}
  , scored AS (
    SELECT j.id, j.name, j.level, j.week_hours,
           (CASE j.level WHEN 'native' THEN ${SCORE.language.native} WHEN 'fluent' THEN ${SCORE.language.fluent} ELSE ${SCORE.language.professional} END)::float8 AS s_language,
           (CASE WHEN j.certified THEN ${SCORE.certification} ELSE 0 END)::float8 AS s_certification,
           (CASE WHEN $7::text IS NULL OR $7 = ANY(j.specialties) THEN ${SCORE.specialty} ELSE 0 END)::float8 AS s_specialty,
           (CASE WHEN $8::uuid IS NULL AND $9::text IS NULL THEN ${SCORE.affiliation}
                 WHEN $8::uuid = ANY(j.hospital_ids) THEN ${SCORE.affiliation}
                 WHEN $9::text = ANY(j.regions) THEN ${SCORE.region} ELSE 0 END)::float8 AS s_proximity,
           round((COALESCE(j.rating, ${SCORE.unratedAs}) * ${SCORE.rating / 5})::numeric, 1)::float8 AS s_rating,
           round((${SCORE.fairness} * greatest(0, 1 - j.week_hours / j.max_hours_per_week))::numeric, 1)::float8 AS s_fairness
      FROM judged j
     WHERE j.cert_ok AND j.available AND NOT j.booked AND NOT j.over_hours
  ), top AS (
    SELECT s.*, (s_language + s_certification + s_specialty + s_proximity + s_rating + s_fairness) AS score
      FROM scored s
     ORDER BY score DESC, s.week_hours ASC, s.id ASC
     LIMIT ${MAX_CANDIDATES}
  )
  SELECT COALESCE((SELECT json_agg(t ORDER BY t.score DESC, t.week_hours ASC, t.id ASC) FROM top t), '[]') AS candidates,
         json_build_object(
           'inactive', (SELECT count(*) FROM care_providers WHERE kind = $1 AND NOT active),
           'language', (SELECT count(*) FROM care_providers WHERE kind = $1 AND active) - (SELECT count(*) FROM judged),
           'certification', (SELECT count(*) FROM judged WHERE NOT cert_ok),
           'availability', (SELECT count(*) FROM judged WHERE cert_ok AND NOT available),
           'booked', (SELECT count(*) FROM judged WHERE cert_ok AND available AND booked),
           'weeklyHours', (SELECT count(*) FROM judged WHERE cert_ok AND available AND NOT booked AND over_hours)
         ) AS excluded`;

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

interface RankedRow {
  id: string;
  name: string;
  level: string;
  week_hours: number;
  s_language: number;
  s_certification: number;
  s_specialty: number;
  s_proximity: number;
  s_rating: number;
  s_fairness: number;
  score: number;
}

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

  /** The matcher's statement and its parameters, in their order (the bench runs them through bare pg). */
  static readonly SQL = MATCH;
  static params(r: MatchRequest): unknown[] {
    return [r.kind, r.language, CERTIFICATIONS_OF[r.kind], r.requireCertified, r.start, r.end, r.specialty, r.hospitalId, r.region];
  }

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
    // JIT compiling costs more than this statement's index probes save.
    await m.query('SET LOCAL jit = off');
    const [{ candidates: rows, excluded }]: { candidates: RankedRow[]; excluded: ExclusionsDto }[] = await m.query(MATCH, MatchingService.params(request));
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
    const [{ candidates }]: { candidates: RankedRow[] }[] = await m.query(MATCH, MatchingService.params(request));
    return candidates.map((c) => c.id);
  }

  /** A stored match's request and ranked provider ids, or null when there is none. */
  async stored(m: EntityManager, matchId: string): Promise<{ request: MatchRequest; providerIds: string[] } | null> {
    const [row]: { request: MatchRequest; candidates: CandidateDto[] }[] = await m.query('SELECT request, candidates FROM matches WHERE id = $1', [matchId]);
    return row ? { request: row.request, providerIds: row.candidates.map((c) => c.providerId) } : null;
  }
}
