import { SCORE } from '../domain/score.js';
import type { ProviderKind } from '../domain/vocabulary.js';

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

/** One candidate as the ranking statement returns it. */
export interface RankedRow {
  id: string;
  name: string;
  level: string;
  static: number;
  week_hours: number;
  s_language: number;
  s_certification: number;
  s_specialty: number;
  s_proximity: number;
  s_rating: number;
  s_fairness: number;
  score: number;
}

export interface Exclusions {
  inactive: number;
  language: number;
  certification: number;
  availability: number;
  booked: number;
  weeklyHours: number;
}

/** Runs one statement with positional parameters and returns its rows (a TypeORM manager's or a bare pg client's). */
export type Query = (sql: string, params: unknown[]) => Promise<Record<string, unknown>[]>;

export const MAX_CANDIDATES = 10;
/** Rows read of each facet in the first round; a facet whose bound is not yet beaten gives four times more in the next. */
const FIRST_ROUND = 16;
const MAX_ROUND = 1 << 30;
const EPSILON = 1e-6;
const NO_ID = '00000000-0000-0000-0000-000000000000';

// The window's probes, shared by the ranking and the counts (`$4`, `$5`: the window). A provider's
// availability ranges are disjoint, so the one that may hold the window is the last to start
// before it. The row's id is referenced only inside a nested query, so that PostgreSQL keeps
// each check a probe per row read instead of turning it into a join over the whole table.
const AVAILABLE = (id: string) => `EXISTS (SELECT 1 FROM (SELECT a.during FROM care_provider_availability a WHERE a.provider_id = ${id} AND lower(a.during) <= $4
                                           ORDER BY lower(a.during) DESC LIMIT 1) a WHERE a.during @> tstzrange($4, $5, '[)'))`;
const BOOKED = (id: string) => `EXISTS (SELECT 1 FROM (SELECT 1 FROM provider_bookings b WHERE b.provider_id = ${id} AND b.live AND b.during && tstzrange($4, $5, '[)') LIMIT 1) b)`;
const LAST_DAY = `($5::timestamptz AT TIME ZONE 'Asia/Seoul')::date`;
const HOURS = `(extract(epoch FROM $5::timestamptz - $4::timestamptz)::float8 / 3600)`;

/**
 * The next rows of several facets (match_facets: speakers of `$2` of kind `$1` by specialty and
 * hospital or region), each in its order (the request-independent part of the score, best first,
 * then the id), after a cursor and up to a limit, each scored as docs/matching.md says and marked
 * `ok` when it is a candidate: certified when asked (`$3`), available over the whole window,
 * booked in none of it, within the weekly hours. Every check is a probe by key of the row read,
 * and the limit counts rows read, candidates or not, so that a facet costs the rows it gives and a
 * facet with no candidate is not read to its end.
 */
export const RANK_SQL = `
  SELECT st.i::int AS stream, r.*
    FROM unnest($9::text[], $10::float8[], $11::uuid[], $12::int[]) WITH ORDINALITY AS st(facet, after_static, after_id, lim, i)
    CROSS JOIN LATERAL (
      SELECT c.*, (c.s_language + c.s_certification + c.s_specialty + c.s_proximity + c.s_rating + c.s_fairness) AS score
        FROM (
          SELECT f.provider_id AS id, f.static, p.name, f.level, w.hours AS week_hours,
                 (CASE f.level WHEN 'native' THEN ${SCORE.language.native} WHEN 'fluent' THEN ${SCORE.language.fluent} ELSE ${SCORE.language.professional} END)::float8 AS s_language,
                 (CASE WHEN f.cert_until >= ${LAST_DAY} THEN ${SCORE.certification} ELSE 0 END)::float8 AS s_certification,
                 (CASE WHEN $6::text IS NULL OR $6 = ANY(p.specialties) THEN ${SCORE.specialty} ELSE 0 END)::float8 AS s_specialty,
                 (CASE WHEN $7::uuid IS NULL AND $8::text IS NULL THEN ${SCORE.affiliation}
                       WHEN $7::uuid = ANY(p.hospital_ids) THEN ${SCORE.affiliation}
                       WHEN $8::text = ANY(p.regions) THEN ${SCORE.region} ELSE 0 END)::float8 AS s_proximity,
                 round((COALESCE(p.rating, ${SCORE.unratedAs}) * ${SCORE.rating / 5})::numeric, 1)::float8 AS s_rating,
                 round((${SCORE.fairness} * greatest(0, 1 - w.hours / p.max_hours_per_week))::numeric, 1)::float8 AS s_fairness,
                 -- In this order, each check only when the ones before it passed.
                 (NOT $3::boolean OR f.cert_until >= ${LAST_DAY})
                   AND NOT (w.hours + ${HOURS} > p.max_hours_per_week)
                   AND ${AVAILABLE('f.provider_id')}
                   AND NOT ${BOOKED('f.provider_id')} AS ok
            FROM (SELECT f.* FROM match_facets f
                   WHERE f.kind = $1 AND f.code = $2 AND f.facet = st.facet
                     AND f.static <= st.after_static AND (f.static < st.after_static OR f.provider_id > st.after_id)
                   ORDER BY f.static DESC, f.provider_id
                   LIMIT st.lim) f
            -- LIMIT 1 keeps each lookup a probe by key: a join would let the planner read the whole table.
            CROSS JOIN LATERAL (SELECT p.name, p.specialties, p.hospital_ids, p.regions, p.rating, p.max_hours_per_week, p.timezone
                                  FROM care_providers p WHERE p.id = f.provider_id LIMIT 1) p
            CROSS JOIN LATERAL (
              SELECT COALESCE(sum(extract(epoch FROM upper(b.during) - lower(b.during))), 0)::float8 / 3600 AS hours
                FROM provider_bookings b
               WHERE b.provider_id = f.provider_id AND b.live
                 AND lower(b.during) >= (date_trunc('week', $4::timestamptz AT TIME ZONE p.timezone) AT TIME ZONE p.timezone)
                 AND lower(b.during) < ((date_trunc('week', $4::timestamptz AT TIME ZONE p.timezone) + interval '7 days') AT TIME ZONE p.timezone)
            ) w
        ) c
    ) r`;

/**
 * The exclusion counts, each a sum over the few summary rows of the language (docs/matching.md):
 * providers by state, speakers by certificate, availability ranges that hold the window, and
 * live bookings in a range that holds it whose provider's next booking starts after the window
 * (so each booked provider counts once). Only the providers the weekly limit may exclude are
 * probed: those whose week is nearly full (match_week_hours by what is left) and, for a window
 * longer than someone's whole weekly maximum, the speakers with that small a maximum.
 */
export const COUNTS_SQL = `
  WITH win AS (SELECT tstzrange($4, $5, '[)') AS w, ${LAST_DAY} AS day, extract(epoch FROM $5::timestamptz - $4::timestamptz) AS seconds)
  SELECT
    (SELECT COALESCE(sum(n), 0) FROM match_registry_counts WHERE kind = $1 AND NOT active)::int AS inactive,
    (SELECT COALESCE(sum(n), 0) FROM match_registry_counts WHERE kind = $1 AND active)::int AS active,
    (SELECT COALESCE(sum(n), 0) FROM match_speaker_counts WHERE kind = $1 AND code = $2)::int AS speakers,
    (SELECT COALESCE(sum(n), 0) FROM match_speaker_counts, win WHERE kind = $1 AND code = $2 AND cert_until >= win.day)::int AS certified,
    (SELECT COALESCE(sum(n), 0) FROM match_availability_counts, win
      WHERE kind = $1 AND code = $2 AND during @> win.w AND (NOT $3::boolean OR cert_until >= win.day))::int AS available,
    (SELECT COALESCE(sum(n), 0) FROM match_busy_counts, win
      WHERE kind = $1 AND code = $2 AND during && win.w AND next_lower >= $5 AND avail @> win.w AND (NOT $3::boolean OR cert_until >= win.day))::int AS booked,
    (SELECT count(*) FROM match_week_hours h CROSS JOIN win
       CROSS JOIN LATERAL (SELECT * FROM match_providers s WHERE s.provider_id = h.provider_id LIMIT 1) s
      WHERE h.monday = ANY(ARRAY[date_trunc('week', ($4::timestamptz AT TIME ZONE 'UTC') - interval '15 hours'),
                                 date_trunc('week', ($4::timestamptz AT TIME ZONE 'UTC') + interval '15 hours')])
        AND h.slack < win.seconds
        AND h.monday = date_trunc('week', $4::timestamptz AT TIME ZONE s.timezone)
        AND s.counted AND s.active AND s.kind = $1 AND $2 = ANY(s.codes) AND (NOT $3::boolean OR s.cert_until >= win.day)
        AND ${AVAILABLE('h.provider_id')} AND NOT ${BOOKED('h.provider_id')})::int
    + (SELECT count(*) FROM match_facets f, win
        WHERE f.kind = $1 AND f.code = $2 AND f.facet = '' AND f.max_hours < ceil(win.seconds / 3600)::int
          AND (NOT $3::boolean OR f.cert_until >= win.day)
          AND NOT EXISTS (SELECT 1 FROM (SELECT 1 FROM match_week_hours h JOIN match_providers s ON s.provider_id = h.provider_id
                                          WHERE h.provider_id = f.provider_id AND h.monday = date_trunc('week', $4::timestamptz AT TIME ZONE s.timezone) LIMIT 1) h)
          AND ${AVAILABLE('f.provider_id')} AND NOT ${BOOKED('f.provider_id')})::int AS weekly`;

/** The parameters both statements start with, in their order. */
export function requestParams(r: MatchRequest): unknown[] {
  return [r.kind, r.language, r.requireCertified, r.start, r.end, r.specialty, r.hospitalId, r.region];
}

interface Facet {
  facet: string;
  /** The points of specialty and proximity every provider of this facet (and no better one) earns. */
  bonus: number;
}

/**
 * The facets a request reads: each pair of a specialty part (the requested one, or any) and a
 * proximity part (the requested hospital, the requested region, or any). A provider's best pair
 * is the one its score's specialty and proximity points come from.
 */
export function facetsOf(r: MatchRequest): Facet[] {
  const specialty = r.specialty !== null ? [{ part: `s:${r.specialty}`, points: SCORE.specialty }, { part: '', points: 0 }] : [{ part: '', points: SCORE.specialty }];
  const proximity = r.hospitalId !== null || r.region !== null
    ? [
      ...(r.hospitalId !== null ? [{ part: `h:${r.hospitalId.toLowerCase()}`, points: SCORE.affiliation }] : []),
      ...(r.region !== null ? [{ part: `r:${r.region}`, points: SCORE.region }] : []),
      { part: '', points: 0 },
    ]
    : [{ part: '', points: SCORE.affiliation }];
  return specialty.flatMap((s) => proximity.map((p) => ({ facet: [s.part, p.part].filter(Boolean).join('|'), bonus: s.points + p.points })));
}

/** Best first: score, then fewer hours booked this week, then the id. */
function better(a: RankedRow, b: RankedRow): number {
  if (a.score !== b.score) return b.score - a.score;
  if (a.week_hours !== b.week_hours) return a.week_hours - b.week_hours;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * The ten best candidates, read facet by facet in rounds. A facet's rows not yet read score at
 * most the last read row's request-independent part, plus the facet's specialty and proximity
 * points, plus full fairness; once the tenth best beats that bound (or equals it with no hours
 * booked and a smaller id, which wins the tie), the facet has nothing better, and it is not read
 * further; once as many candidates were found as the counts say there are (`candidates`, from
 * `exclusions`), none is read further either, and with none the ranking reads nothing. So the
 * rows read follow the candidates near the top, not the speakers of the language; a request with
 * a few candidates far down the order reads until it has found them.
 */
export async function rank(query: Query, r: MatchRequest, candidates: number): Promise<RankedRow[]> {
  const streams = facetsOf(r).map((f) => ({ ...f, afterStatic: Infinity, afterId: NO_ID, done: false }));
  const found = new Map<string, RankedRow>();
  let limit = FIRST_ROUND;
  let pending = candidates > 0 ? streams : [];
  let best: RankedRow[] = [];
  while (pending.length) {
    const rows = (await query(RANK_SQL, [
      ...requestParams(r), pending.map((s) => s.facet), pending.map((s) => s.afterStatic), pending.map((s) => s.afterId), pending.map(() => limit),
    ])) as unknown as (RankedRow & { stream: number; ok: boolean })[];
    pending.forEach((s, i) => {
      const read = rows.filter((row) => row.stream === i + 1).sort((a, b) => b.static - a.static || (a.id < b.id ? -1 : 1));
      if (read.length < limit) s.done = true;
      const last = read.at(-1);
      if (last) {
        s.afterStatic = last.static;
        s.afterId = last.id;
      }
    });
    for (const row of rows) if (row.ok) found.set(row.id, row);
    best = [...found.values()].sort(better).slice(0, MAX_CANDIDATES);
    const tenth = best.length === MAX_CANDIDATES ? best[MAX_CANDIDATES - 1] : null;
    // Every candidate found: no facet has another.
    pending = found.size >= candidates ? [] : streams.filter((s) => !s.done && !(tenth && beats(tenth, s)));
    limit = Math.min(limit * 4, MAX_ROUND);
  }
  return best;
}

function beats(tenth: RankedRow, s: { afterStatic: number; afterId: string; bonus: number }): boolean {
  const bound = s.afterStatic + s.bonus + SCORE.fairness;
  if (tenth.score > bound + EPSILON) return true;
  return Math.abs(tenth.score - bound) <= EPSILON && tenth.week_hours === 0 && tenth.id < s.afterId;
}

/**
 * Why the others were excluded, each provider of the kind counted once, by the first hard filter
 * it fails, and how many candidates are left.
 */
export async function exclusions(query: Query, r: MatchRequest): Promise<{ excluded: Exclusions; candidates: number }> {
  const [c] = (await query(COUNTS_SQL, requestParams(r).slice(0, 5))) as unknown as {
    inactive: number; active: number; speakers: number; certified: number; available: number; booked: number; weekly: number;
  }[];
  const eligible = r.requireCertified ? c.certified : c.speakers;
  return {
    excluded: {
      inactive: c.inactive,
      language: c.active - c.speakers,
      certification: c.speakers - eligible,
      availability: eligible - c.available,
      booked: c.booked,
      weeklyHours: c.weekly,
    },
    candidates: c.available - c.booked - c.weekly,
  };
}

/** The counts, then the ranking: what POST /matches answers. */
export async function runMatch(query: Query, r: MatchRequest): Promise<{ rows: RankedRow[]; excluded: Exclusions }> {
  const { excluded, candidates } = await exclusions(query, r);
  return { rows: await rank(query, r, candidates), excluded };
}
