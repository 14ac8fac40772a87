import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the matcher reads instead of probing every speaker of a language (docs/matching.md,
 * "How a match stays cheap"), kept by triggers on the registry, availability and booking tables,
 * so that no write path can forget them:
 *
 * - `match_providers`: per provider, what its rows below were counted with (kind, active,
 *   zone, weekly maximum, the last day a certification of its kind is valid, its languages).
 *   Every maintenance step locks this row first, so that steps for one provider run one after
 *   another and each sees what the previous one committed.
 * - `match_facets`: one row per active provider, language and pair of (specialty or none,
 *   hospital or region or none), ordered by the part of the score that does not depend on the
 *   request or the week: the ranking reads only the first rows of the few facets a request names.
 * - Counts for the exclusions, as signed delta rows that are summed when read (writers never
 *   update a shared row, so concurrent bookings neither wait on nor deadlock over a counter;
 *   `match_compact()` folds them, hourly): providers by kind and state, active speakers by
 *   language and certificate, availability ranges by language, and live bookings by language and
 *   the availability range they lie in (`match_busy` holds those per provider).
 * - `match_week_hours`: seconds booked per provider and week (in its zone), with what is left
 *   of its weekly maximum, so that providers near their limit are found by an index.
 *
 * The score weights in match_facets.static are those of domain/score.ts (language 25/20/15,
 * certification 15, rating × 3, unrated as 3): a change of them needs a migration that
 * rebuilds the facets.
 */
export class CreateMatchSummaries1765840000000 implements MigrationInterface {
  name = 'CreateMatchSummaries1765840000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE match_providers (
        provider_id uuid PRIMARY KEY,
        counted boolean NOT NULL,
        kind text NOT NULL,
        active boolean NOT NULL,
        timezone text NOT NULL,
        max_hours integer NOT NULL,
        cert_until date NOT NULL,
        codes text[] NOT NULL
      )`);
    await q.query(`
      CREATE TABLE match_facets (
        provider_id uuid NOT NULL,
        kind text NOT NULL,
        code text NOT NULL,
        facet text NOT NULL,
        static float8 NOT NULL,
        level text NOT NULL,
        cert_until date NOT NULL,
        max_hours integer NOT NULL,
        PRIMARY KEY (provider_id, code, facet)
      )`);
    await q.query(`CREATE INDEX match_facets_rank_idx ON match_facets (kind, code, facet, static DESC, provider_id)`);
    await q.query(`CREATE INDEX match_facets_max_hours_idx ON match_facets (kind, code, max_hours) WHERE facet = ''`);
    await q.query(`CREATE TABLE match_registry_counts (kind text NOT NULL, active boolean NOT NULL, n integer NOT NULL)`);
    await q.query(`CREATE INDEX match_registry_counts_idx ON match_registry_counts (kind, active)`);
    await q.query(`CREATE TABLE match_speaker_counts (kind text NOT NULL, code text NOT NULL, cert_until date NOT NULL, n integer NOT NULL)`);
    await q.query(`CREATE INDEX match_speaker_counts_idx ON match_speaker_counts (kind, code, cert_until)`);
    await q.query(`CREATE TABLE match_availability_counts (kind text NOT NULL, code text NOT NULL, cert_until date NOT NULL, during tstzrange NOT NULL, n integer NOT NULL)`);
    await q.query(`CREATE INDEX match_availability_counts_idx ON match_availability_counts USING gist (kind, code, during)`);
    await q.query(`
      CREATE TABLE match_busy (
        provider_id uuid NOT NULL,
        booking_id uuid NOT NULL,
        during tstzrange NOT NULL,
        next_lower timestamptz NOT NULL,
        avail tstzrange NOT NULL
      )`);
    await q.query(`CREATE INDEX match_busy_provider_idx ON match_busy (provider_id)`);
    await q.query(`
      CREATE TABLE match_busy_counts (
        kind text NOT NULL, code text NOT NULL, cert_until date NOT NULL,
        during tstzrange NOT NULL, next_lower timestamptz NOT NULL, avail tstzrange NOT NULL, n integer NOT NULL
      )`);
    await q.query(`CREATE INDEX match_busy_counts_idx ON match_busy_counts USING gist (kind, code, during)`);
    await q.query(`
      CREATE TABLE match_week_hours (
        provider_id uuid NOT NULL,
        monday timestamp NOT NULL,
        seconds numeric NOT NULL,
        slack numeric NOT NULL,
        PRIMARY KEY (provider_id, monday)
      )`);
    await q.query(`CREATE INDEX match_week_hours_slack_idx ON match_week_hours (monday, slack)`);

    // A provider's live bookings, each with the start of the next one (a window overlaps some
    // booking exactly when the last booking to start before its end reaches past its start) and
    // each availability range it touches: counted by language, they give the booked exclusions.
    await q.query(`
      CREATE FUNCTION match_refresh_busy(ids uuid[]) RETURNS void LANGUAGE sql AS $fn$
        WITH fresh AS (
          SELECT b.provider_id, b.id AS booking_id, b.during, b.next_lower, a.during AS avail
            FROM (SELECT provider_id, id, during,
                         COALESCE(lead(lower(during)) OVER (PARTITION BY provider_id ORDER BY lower(during)), 'infinity') AS next_lower
                    FROM provider_bookings WHERE provider_id = ANY(ids) AND live) b
            JOIN care_provider_availability a ON a.provider_id = b.provider_id AND lower(a.during) < upper(b.during) AND a.during && b.during
        ), delta AS (
          SELECT provider_id, during, next_lower, avail, sum(d) AS d
            FROM (SELECT provider_id, during, next_lower, avail, 1 AS d FROM fresh
                  UNION ALL SELECT provider_id, during, next_lower, avail, -1 FROM match_busy WHERE provider_id = ANY(ids)) x
           GROUP BY 1, 2, 3, 4
        ), counted AS (
          INSERT INTO match_busy_counts (kind, code, cert_until, during, next_lower, avail, n)
          SELECT s.kind, c.code, s.cert_until, d.during, d.next_lower, d.avail, sum(d.d)
            FROM delta d JOIN match_providers s ON s.provider_id = d.provider_id AND s.counted AND s.active CROSS JOIN unnest(s.codes) c(code)
           WHERE d.d <> 0
           GROUP BY 1, 2, 3, 4, 5, 6 HAVING sum(d.d) <> 0
        ), gone AS (
          DELETE FROM match_busy WHERE provider_id = ANY(ids)
        )
        INSERT INTO match_busy (provider_id, booking_id, during, next_lower, avail) SELECT * FROM fresh
      $fn$`);

    // Hours booked per week, counted in the week (provider's zone) each booking starts in, as the booking does.
    await q.query(`
      CREATE FUNCTION match_refresh_weeks(ids uuid[]) RETURNS void LANGUAGE sql AS $fn$
        DELETE FROM match_week_hours WHERE provider_id = ANY(ids);
        INSERT INTO match_week_hours (provider_id, monday, seconds, slack)
        SELECT b.provider_id, date_trunc('week', lower(b.during) AT TIME ZONE s.timezone), sum(extract(epoch FROM upper(b.during) - lower(b.during))),
               s.max_hours * 3600 - sum(extract(epoch FROM upper(b.during) - lower(b.during)))
          FROM provider_bookings b JOIN match_providers s ON s.provider_id = b.provider_id
         WHERE b.provider_id = ANY(ids) AND b.live
         GROUP BY b.provider_id, 2, s.max_hours;
      $fn$`);

    // Locks the providers' snapshot rows (made when missing), in one order, before any step reads what they guard.
    await q.query(`
      CREATE FUNCTION match_lock(ids uuid[]) RETURNS void LANGUAGE plpgsql AS $fn$
      BEGIN
        INSERT INTO match_providers (provider_id, counted, kind, active, timezone, max_hours, cert_until, codes)
        SELECT id, false, 'interpreter', false, 'UTC', 0, '-infinity', '{}' FROM unnest(ids) id
        ON CONFLICT (provider_id) DO NOTHING;
        PERFORM 1 FROM match_providers WHERE provider_id = ANY(ids) ORDER BY provider_id FOR UPDATE;
      END $fn$`);

    // Re-reads the providers (a deleted one counts no more), moves their counts from what they were
    // counted with to what they are, and rewrites their facets and weeks.
    await q.query(`
      CREATE FUNCTION match_sync(ids uuid[]) RETURNS void LANGUAGE plpgsql AS $fn$
      BEGIN
        PERFORM match_lock(ids);
        WITH fresh AS (
          SELECT i.id AS provider_id, p.id IS NOT NULL AS counted, COALESCE(p.kind, 'interpreter') AS kind, COALESCE(p.active, false) AS active,
                 COALESCE(p.timezone, 'UTC') AS timezone, COALESCE(p.max_hours_per_week, 0) AS max_hours,
                 COALESCE((SELECT max(c.valid_until) FROM care_provider_certifications c
                            WHERE c.provider_id = p.id
                              AND c.type = ANY(CASE p.kind WHEN 'interpreter' THEN ARRAY['medical_interpreter'] ELSE ARRAY['care_worker', 'nursing_assistant'] END)),
                          '-infinity') AS cert_until,
                 COALESCE((SELECT array_agg(l.code ORDER BY l.code) FROM care_provider_languages l WHERE l.provider_id = p.id), '{}') AS codes
            FROM unnest(ids) i(id) LEFT JOIN care_providers p ON p.id = i.id
        ), stale AS (
          SELECT provider_id, counted, kind, active, timezone, max_hours, cert_until, codes FROM match_providers WHERE provider_id = ANY(ids)
        ), changed AS (
          SELECT f.provider_id FROM fresh f JOIN stale s USING (provider_id)
           WHERE (f.counted, f.kind, f.active, f.timezone, f.max_hours, f.cert_until, f.codes) IS DISTINCT FROM (s.counted, s.kind, s.active, s.timezone, s.max_hours, s.cert_until, s.codes)
        ), delta AS (
          SELECT s.*, -1 AS d FROM stale s WHERE s.counted AND s.provider_id IN (SELECT provider_id FROM changed)
          UNION ALL
          SELECT f.*, 1 FROM fresh f WHERE f.counted AND f.provider_id IN (SELECT provider_id FROM changed)
        ), registry AS (
          INSERT INTO match_registry_counts (kind, active, n) SELECT kind, active, sum(d) FROM delta GROUP BY 1, 2 HAVING sum(d) <> 0
        ), speakers AS (
          INSERT INTO match_speaker_counts (kind, code, cert_until, n)
          SELECT kind, code, cert_until, sum(d) FROM delta CROSS JOIN unnest(codes) code WHERE active GROUP BY 1, 2, 3 HAVING sum(d) <> 0
        ), ranges AS (
          INSERT INTO match_availability_counts (kind, code, cert_until, during, n)
          SELECT d.kind, code, d.cert_until, a.during, sum(d.d)
            FROM delta d JOIN care_provider_availability a ON a.provider_id = d.provider_id CROSS JOIN unnest(d.codes) code
           WHERE d.active GROUP BY 1, 2, 3, 4 HAVING sum(d.d) <> 0
        ), busy AS (
          INSERT INTO match_busy_counts (kind, code, cert_until, during, next_lower, avail, n)
          SELECT d.kind, code, d.cert_until, b.during, b.next_lower, b.avail, sum(d.d)
            FROM delta d JOIN match_busy b ON b.provider_id = d.provider_id CROSS JOIN unnest(d.codes) code
           WHERE d.active GROUP BY 1, 2, 3, 4, 5, 6 HAVING sum(d.d) <> 0
        )
        UPDATE match_providers m
           SET counted = f.counted, kind = f.kind, active = f.active, timezone = f.timezone, max_hours = f.max_hours, cert_until = f.cert_until, codes = f.codes
          FROM fresh f
         WHERE m.provider_id = f.provider_id AND f.provider_id IN (SELECT provider_id FROM changed);

        PERFORM match_refresh_weeks(ids);

        DELETE FROM match_facets WHERE provider_id = ANY(ids);
        INSERT INTO match_facets (provider_id, kind, code, facet, static, level, cert_until, max_hours)
        SELECT DISTINCT s.provider_id, s.kind, l.code, concat_ws('|', sp, pp),
               (CASE l.level WHEN 'native' THEN 25 WHEN 'fluent' THEN 20 ELSE 15 END
                + round(COALESCE(p.rating, 3) * 3, 1) + CASE WHEN s.cert_until > '-infinity' THEN 15 ELSE 0 END)::float8,
               l.level, s.cert_until, s.max_hours
          FROM match_providers s
          JOIN care_providers p ON p.id = s.provider_id
          JOIN care_provider_languages l ON l.provider_id = s.provider_id
          CROSS JOIN LATERAL unnest(ARRAY[NULL]::text[] || ARRAY(SELECT 's:' || x FROM unnest(p.specialties) x)) sp
          CROSS JOIN LATERAL unnest(ARRAY[NULL]::text[] || ARRAY(SELECT 'h:' || x FROM unnest(p.hospital_ids) x) || ARRAY(SELECT 'r:' || x FROM unnest(p.regions) x)) pp
         WHERE s.provider_id = ANY(ids) AND s.counted AND s.active;
      END $fn$`);

    await q.query(`
      CREATE FUNCTION match_providers_changed() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          PERFORM match_sync(ARRAY(SELECT DISTINCT provider_id FROM old_rows));
        ELSIF TG_OP = 'INSERT' THEN
          PERFORM match_sync(ARRAY(SELECT DISTINCT provider_id FROM new_rows));
        ELSE
          PERFORM match_sync(ARRAY(SELECT provider_id FROM new_rows UNION SELECT provider_id FROM old_rows));
        END IF;
        RETURN NULL;
      END $fn$`);
    await q.query(`
      CREATE FUNCTION match_registry_changed() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          PERFORM match_sync(ARRAY(SELECT DISTINCT id FROM old_rows));
        ELSIF TG_OP = 'INSERT' THEN
          PERFORM match_sync(ARRAY(SELECT DISTINCT id FROM new_rows));
        ELSE
          PERFORM match_sync(ARRAY[NEW.id]);
        END IF;
        RETURN NULL;
      END $fn$`);
    await q.query(`
      CREATE FUNCTION match_availability_changed() RETURNS trigger LANGUAGE plpgsql AS $fn$
      DECLARE ids uuid[];
      BEGIN
        IF TG_OP = 'INSERT' THEN
          ids := ARRAY(SELECT DISTINCT provider_id FROM new_rows);
          PERFORM match_lock(ids);
          INSERT INTO match_availability_counts (kind, code, cert_until, during, n)
          SELECT s.kind, code, s.cert_until, r.during, count(*)
            FROM new_rows r JOIN match_providers s ON s.provider_id = r.provider_id AND s.counted AND s.active CROSS JOIN unnest(s.codes) code
           GROUP BY 1, 2, 3, 4;
        ELSIF TG_OP = 'DELETE' THEN
          ids := ARRAY(SELECT DISTINCT provider_id FROM old_rows);
          PERFORM match_lock(ids);
          INSERT INTO match_availability_counts (kind, code, cert_until, during, n)
          SELECT s.kind, code, s.cert_until, r.during, -count(*)
            FROM old_rows r JOIN match_providers s ON s.provider_id = r.provider_id AND s.counted AND s.active CROSS JOIN unnest(s.codes) code
           GROUP BY 1, 2, 3, 4;
        ELSE
          ids := ARRAY(SELECT provider_id FROM new_rows UNION SELECT provider_id FROM old_rows);
          PERFORM match_lock(ids);
          INSERT INTO match_availability_counts (kind, code, cert_until, during, n)
          SELECT s.kind, code, s.cert_until, r.during, sum(r.d)
            FROM (SELECT provider_id, during, 1 AS d FROM new_rows UNION ALL SELECT provider_id, during, -1 FROM old_rows) r
            JOIN match_providers s ON s.provider_id = r.provider_id AND s.counted AND s.active CROSS JOIN unnest(s.codes) code
           GROUP BY 1, 2, 3, 4 HAVING sum(r.d) <> 0;
        END IF;
        PERFORM match_refresh_busy(ids);
        RETURN NULL;
      END $fn$`);
    await q.query(`
      CREATE FUNCTION match_bookings_changed() RETURNS trigger LANGUAGE plpgsql AS $fn$
      DECLARE ids uuid[];
      BEGIN
        IF TG_OP = 'INSERT' THEN
          ids := ARRAY(SELECT DISTINCT provider_id FROM new_rows);
        ELSIF TG_OP = 'DELETE' THEN
          ids := ARRAY(SELECT DISTINCT provider_id FROM old_rows);
        ELSE
          ids := ARRAY(SELECT provider_id FROM new_rows UNION SELECT provider_id FROM old_rows);
        END IF;
        PERFORM match_lock(ids);
        PERFORM match_refresh_busy(ids);
        PERFORM match_refresh_weeks(ids);
        RETURN NULL;
      END $fn$`);

    for (const [table, fn] of [
      ['care_providers', 'match_registry_changed'],
      ['care_provider_languages', 'match_providers_changed'],
      ['care_provider_certifications', 'match_providers_changed'],
      ['care_provider_availability', 'match_availability_changed'],
      ['provider_bookings', 'match_bookings_changed'],
    ] as const) {
      await q.query(`CREATE TRIGGER ${table}_match_insert AFTER INSERT ON ${table} REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`);
      await q.query(`CREATE TRIGGER ${table}_match_delete AFTER DELETE ON ${table} REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`);
      if (table !== 'care_providers') {
        await q.query(`CREATE TRIGGER ${table}_match_update AFTER UPDATE ON ${table} REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`);
      }
    }
    // Only the columns the matcher reads: a version or horizon bump, or a lock, does nothing.
    await q.query(`
      CREATE TRIGGER care_providers_match_update AFTER UPDATE ON care_providers FOR EACH ROW
        WHEN ((OLD.kind, OLD.active, OLD.timezone, OLD.max_hours_per_week, OLD.rating, OLD.specialties, OLD.hospital_ids, OLD.regions)
              IS DISTINCT FROM (NEW.kind, NEW.active, NEW.timezone, NEW.max_hours_per_week, NEW.rating, NEW.specialties, NEW.hospital_ids, NEW.regions))
        EXECUTE FUNCTION match_registry_changed()`);

    // Folds each count table's delta rows into one row per key (the hourly job runs it).
    await q.query(`
      CREATE FUNCTION match_compact() RETURNS void LANGUAGE sql AS $fn$
        WITH gone AS (DELETE FROM match_registry_counts RETURNING *)
        INSERT INTO match_registry_counts SELECT kind, active, sum(n) FROM gone GROUP BY 1, 2 HAVING sum(n) <> 0;
        WITH gone AS (DELETE FROM match_speaker_counts RETURNING *)
        INSERT INTO match_speaker_counts SELECT kind, code, cert_until, sum(n) FROM gone GROUP BY 1, 2, 3 HAVING sum(n) <> 0;
        WITH gone AS (DELETE FROM match_availability_counts RETURNING *)
        INSERT INTO match_availability_counts SELECT kind, code, cert_until, during, sum(n) FROM gone GROUP BY 1, 2, 3, 4 HAVING sum(n) <> 0;
        WITH gone AS (DELETE FROM match_busy_counts RETURNING *)
        INSERT INTO match_busy_counts SELECT kind, code, cert_until, during, next_lower, avail, sum(n) FROM gone GROUP BY 1, 2, 3, 4, 5, 6 HAVING sum(n) <> 0;
      $fn$`);

    // The providers already registered.
    await q.query(`SELECT match_sync(ARRAY(SELECT id FROM care_providers))`);
    await q.query(`SELECT match_refresh_busy(ARRAY(SELECT id FROM care_providers))`);
    await q.query(`SELECT match_compact()`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['care_providers', 'care_provider_languages', 'care_provider_certifications', 'care_provider_availability', 'provider_bookings']) {
      for (const op of ['insert', 'delete', 'update']) await q.query(`DROP TRIGGER IF EXISTS ${table}_match_${op} ON ${table}`);
    }
    for (const fn of ['match_compact()', 'match_bookings_changed()', 'match_availability_changed()', 'match_registry_changed()', 'match_providers_changed()', 'match_sync(uuid[])', 'match_lock(uuid[])', 'match_refresh_weeks(uuid[])', 'match_refresh_busy(uuid[])']) {
      await q.query(`DROP FUNCTION ${fn}`);
    }
    for (const table of ['match_week_hours', 'match_busy_counts', 'match_busy', 'match_availability_counts', 'match_speaker_counts', 'match_registry_counts', 'match_facets', 'match_providers']) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
