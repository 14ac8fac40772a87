import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ManualClock } from '@medjourney/platform';
import { aTreatedPatient, anInterpreter, ensureSponsoredPatient, startTestApp, type TestApp } from '@medjourney/testing';

const HOSPITAL_A = '99999999-9999-4999-8999-999999999991';
const PATIENT = '99999999-9999-4999-8999-999999999992';
// Monday 2026-11-23 00:00 UTC (09:00 in Seoul).
const MONDAY = Date.parse('2026-11-23T00:00:00Z');
const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();
const PID = (i: number) => `99999999-0000-4000-8000-${String(i).padStart(12, '0')}`;

/**
 * The brute force the summaries replace: the matcher's statement before them (issue 22), which
 * probes every speaker of the language. Its ranking and counts are the reference.
 */
const BRUTE_FORCE = `
  WITH speakers AS MATERIALIZED (
    SELECT p.id, p.name, l.level, p.specialties, p.hospital_ids, p.regions, p.rating, p.max_hours_per_week, p.timezone
      FROM care_provider_languages l
      CROSS JOIN LATERAL (SELECT * FROM care_providers p WHERE p.id = l.provider_id AND p.kind = $1 AND p.active LIMIT 1) p
     WHERE l.code = $2
  ), checked AS MATERIALIZED (
    SELECT s.*, cert.ok IS NOT NULL AS certified, av.ok IS NOT NULL AS available, bk.ok IS NOT NULL AS booked, w.hours AS week_hours
      FROM speakers s
      LEFT JOIN LATERAL (SELECT 1 AS ok FROM care_provider_certifications c
                          WHERE c.provider_id = s.id AND c.type = ANY($3::text[]) AND c.valid_until >= ($6::timestamptz AT TIME ZONE 'Asia/Seoul')::date LIMIT 1) cert ON true
      LEFT JOIN LATERAL (SELECT 1 AS ok FROM care_provider_availability a WHERE a.provider_id = s.id AND a.during @> tstzrange($5, $6, '[)') LIMIT 1) av ON true
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
  ), scored AS (
    SELECT j.id, j.week_hours,
           (CASE j.level WHEN 'native' THEN 25 WHEN 'fluent' THEN 20 ELSE 15 END)::float8
           + (CASE WHEN j.certified THEN 15 ELSE 0 END)::float8
           + (CASE WHEN $7::text IS NULL OR $7 = ANY(j.specialties) THEN 15 ELSE 0 END)::float8
           + (CASE WHEN $8::uuid IS NULL AND $9::text IS NULL THEN 15 WHEN $8::uuid = ANY(j.hospital_ids) THEN 15 WHEN $9::text = ANY(j.regions) THEN 10 ELSE 0 END)::float8
           + round((COALESCE(j.rating, 3) * 3)::numeric, 1)::float8
           + round((15 * greatest(0, 1 - j.week_hours / j.max_hours_per_week))::numeric, 1)::float8 AS score
      FROM judged j
     WHERE j.cert_ok AND j.available AND NOT j.booked AND NOT j.over_hours
  )
  SELECT COALESCE((SELECT json_agg(json_build_object('id', t.id, 'score', round(t.score::numeric, 1)::float8)) FROM (SELECT * FROM scored ORDER BY score DESC, week_hours, id LIMIT 10) t), '[]') AS candidates,
         json_build_object(
           'inactive', (SELECT count(*) FROM care_providers WHERE kind = $1 AND NOT active),
           'language', (SELECT count(*) FROM care_providers WHERE kind = $1 AND active) - (SELECT count(*) FROM judged),
           'certification', (SELECT count(*) FROM judged WHERE NOT cert_ok),
           'availability', (SELECT count(*) FROM judged WHERE cert_ok AND NOT available),
           'booked', (SELECT count(*) FROM judged WHERE cert_ok AND available AND booked),
           'weeklyHours', (SELECT count(*) FROM judged WHERE cert_ok AND available AND NOT booked AND over_hours)
         ) AS excluded`;

const CERTS_OF: Record<string, string[]> = { interpreter: ['medical_interpreter'], caregiver: ['care_worker', 'nursing_assistant'] };

interface Request { kind: string; language: string; start: string; end: string; specialty?: string; hospitalId?: string; region?: string; requireCertified?: boolean }

describe('matching\'s summaries: the counts and the ranking equal a brute force over a known set', () => {
  let t: TestApp;
  let admin: string;
  let coord: string;
  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

  /** The brute force's answer for a request as a coordinator of HOSPITAL_A makes it. */
  async function bruteForce(r: Request) {
    const requireCertified = r.requireCertified ?? r.kind === 'interpreter';
    const [row] = await t.db.query(BRUTE_FORCE, [r.kind, r.language, CERTS_OF[r.kind], requireCertified, r.start, r.end, r.specialty ?? null, r.hospitalId ?? HOSPITAL_A, r.region ?? null]);
    return { candidates: row.candidates as { id: string; score: number }[], excluded: row.excluded };
  }
  async function viaApi(r: Request) {
    const res = await t.http.post('/api/v1/matches').set(bearer(coord)).send(r).expect(200);
    return { candidates: res.body.candidates.map((c: { providerId: string; score: number }) => ({ id: c.providerId, score: c.score })), excluded: res.body.excluded };
  }

  /** Windows over the first two weeks: short and long, inside and across the providers' ranges and bookings, across midnight and the week's end. */
  function requests(): Request[] {
    const windows: [number, number][] = [];
    for (const day of [0, 1, 3, 6, 7, 8]) {
      for (const hour of [0, 2, 5, 9, 13, 17, 21]) {
        for (const length of [1, 3]) windows.push([MONDAY + day * 24 * HOUR + hour * HOUR, length]);
      }
    }
    windows.push([MONDAY + 2 * 24 * HOUR + 1 * HOUR, 7], [MONDAY + 6 * 24 * HOUR + 20 * HOUR, 6], [MONDAY + 1 * 24 * HOUR, 30]);
    return windows.flatMap(([start, length], i) => {
      const base = { start: iso(start), end: iso(start + length * HOUR) };
      const kind = i % 4 === 3 ? 'caregiver' : 'interpreter';
      const language = ['ru', 'zh', 'en'][i % 3];
      const extra = [{}, { specialty: 'oncology', region: 'Seoul' }, { specialty: 'cardiology', region: 'Busan', requireCertified: false }, { requireCertified: false, region: 'Seoul' }][i % 4];
      return [{ kind, language, ...base, ...extra }];
    });
  }

  async function expectSameAsBruteForce(extra: Request[] = []) {
    const differences: unknown[] = [];
    for (const r of [...requests(), ...extra]) {
      const [api, brute] = [await viaApi(r), await bruteForce(r)];
      if (JSON.stringify(api) !== JSON.stringify(brute)) differences.push({ request: r, api, brute });
    }
    expect(differences).toEqual([]);
  }

  beforeAll(async () => {
    t = await startTestApp({ clock: new ManualClock(new Date(MONDAY - 24 * HOUR)) });
    admin = (await t.user('admin')).token;
    coord = (await t.user('hospital_coordinator', { hospitalId: HOSPITAL_A })).token;
    await ensureSponsoredPatient(t.db, HOSPITAL_A, PATIENT);
    // 90 providers in bulk statements (as the bench seeds): kinds, states, languages and levels,
    // certificates of either kind and expiry, ratings, weekly maxima down to 2 hours, two zones.
    await t.db.query(
      `INSERT INTO care_providers (id, kind, name, regions, hospital_ids, specialties, max_hours_per_week, rating, rating_count, rating_sum, timezone, active, verified_at)
       SELECT ('99999999-0000-4000-8000-' || lpad(i::text, 12, '0'))::uuid, CASE WHEN i % 4 = 3 THEN 'caregiver' ELSE 'interpreter' END, 'P' || i,
              ARRAY[(ARRAY['Seoul', 'Busan', 'Jeju'])[1 + i % 3]], CASE WHEN i % 5 = 0 THEN ARRAY[$1::uuid] ELSE '{}' END,
              CASE WHEN i % 3 = 0 THEN ARRAY['oncology'] WHEN i % 3 = 1 THEN ARRAY['cardiology', 'oncology'] ELSE '{}' END,
              (ARRAY[40, 40, 3, 5, 2, 8, 40])[1 + i % 7], CASE WHEN i % 6 = 0 THEN NULL ELSE 1 + (i % 5) END, CASE WHEN i % 6 = 0 THEN 0 ELSE 1 END, CASE WHEN i % 6 = 0 THEN 0 ELSE 1 + (i % 5) END,
              CASE WHEN i % 8 = 5 THEN 'America/Los_Angeles' ELSE 'Asia/Seoul' END, i % 11 <> 0, now()
         FROM generate_series(1, 90) i`,
      [HOSPITAL_A],
    );
    await t.db.query(
      `INSERT INTO care_provider_languages (provider_id, code, level)
       SELECT DISTINCT ON (1, 2) ('99999999-0000-4000-8000-' || lpad(i::text, 12, '0'))::uuid, (ARRAY['ru', 'zh', 'en'])[1 + (i * k) % 3], (ARRAY['native', 'fluent', 'professional'])[1 + (i + k) % 3]
         FROM generate_series(1, 90) i, generate_series(1, 1 + i % 2) k`,
    );
    await t.db.query(
      `INSERT INTO care_provider_certifications (provider_id, type, number, valid_until)
       SELECT ('99999999-0000-4000-8000-' || lpad(i::text, 12, '0'))::uuid, (ARRAY['medical_interpreter', 'care_worker', 'nursing_assistant'])[1 + i % 3], 'C' || i,
              (ARRAY[DATE '2030-01-01', DATE '2026-11-24', DATE '2026-11-30', DATE '2025-01-01'])[1 + i % 4]
         FROM generate_series(1, 90) i WHERE i % 7 <> 2`,
    );
    // One range a day for two weeks, at four starts (some crossing midnight), skipping some days.
    await t.db.query(
      `INSERT INTO care_provider_availability (provider_id, during)
       SELECT ('99999999-0000-4000-8000-' || lpad(i::text, 12, '0'))::uuid,
              tstzrange($1::timestamptz + make_interval(days => d, hours => (i % 4) * 6), $1::timestamptz + make_interval(days => d, hours => (i % 4) * 6 + 6 + i % 5), '[)')
         FROM generate_series(1, 90) i, generate_series(-1, 14) d WHERE (i + d) % 5 <> 0`,
      [iso(MONDAY)],
    );
    // Bookings: one or two a day, some touching, some released, inside and outside the ranges.
    await t.db.query(
      `INSERT INTO provider_bookings (provider_id, during, live, source, source_id)
       SELECT ('99999999-0000-4000-8000-' || lpad(i::text, 12, '0'))::uuid,
              tstzrange($1::timestamptz + make_interval(days => d, hours => (i % 4) * 6 + k * 2), $1::timestamptz + make_interval(days => d, hours => (i % 4) * 6 + k * 2 + 1 + (i + k) % 2), '[)'),
              (i + d + k) % 9 <> 0, 'care_assignment', gen_random_uuid()
         FROM generate_series(1, 90) i, generate_series(0, 8) d, generate_series(0, 1) k WHERE (i + d) % 3 = 0 AND (k = 0 OR i % 2 = 0)`,
      [iso(MONDAY)],
    );
  });
  afterAll(() => t.close());

  it('on the set as seeded in bulk', async () => {
    await expectSameAsBruteForce();
  });

  it('after edits through the API: languages, certificates, specialties, maxima, availability in another zone, a verification', async () => {
    const edits: [number, Record<string, unknown>][] = [
      [1, { languages: [{ code: 'zh', level: 'native' }, { code: 'ru', level: 'fluent' }] }],
      [4, { certifications: [{ type: 'medical_interpreter', number: 'N4', validUntil: '2026-11-25' }] }],
      [6, { specialties: ['oncology'], hospitalIds: [HOSPITAL_A], maxHoursPerWeek: 4 }],
      [10, { languages: [] }],
    ];
    for (const [i, body] of edits) await t.http.patch(`/api/v1/care-providers/${PID(i)}`).set(bearer(admin)).send(body).expect(200);
    await t.http.post(`/api/v1/care-providers/${PID(11)}/verify`).set(bearer(admin)).expect(201);
    for (const i of [3, 12, 13]) {
      await t.http.put(`/api/v1/care-providers/${PID(i)}/availability`).set(bearer(admin))
        .send({ timezone: 'Europe/Moscow', weekly: [1, 2, 3, 4, 5, 7].map((weekday) => ({ weekday, start: '06:00', end: '23:00' })), exceptions: [] }).expect(200);
    }
    await t.db.query(`UPDATE care_providers SET kind = 'caregiver' WHERE id = $1`, [PID(8)]);
    await t.db.query(`UPDATE care_providers SET active = false WHERE id = $1`, [PID(9)]);
    await expectSameAsBruteForce();
  });

  it('after concurrent bookings and cancellations through the API, and after the deltas are folded', async () => {
    const interpreters: string[] = (await t.db.query(
      `SELECT DISTINCT p.id FROM care_providers p JOIN care_provider_languages l ON l.provider_id = p.id WHERE p.kind = 'interpreter' AND p.active ORDER BY p.id`,
    )).map((r: { id: string }) => r.id);
    // Twelve interpreters, two windows each, two requests per window at once (48; the test app's
    // pool has five connections and gives up on a wait of five seconds).
    const windows = [1, 7].map((day) => [iso(MONDAY + day * 24 * HOUR + 6 * HOUR), iso(MONDAY + day * 24 * HOUR + 8 * HOUR)]);
    const attempts = interpreters.slice(0, 12).flatMap((providerId) => windows.flatMap(([start, end]) => [0, 1].map(() => ({ providerId, start, end }))));
    const answers = await Promise.all(attempts.map((a) =>
      t.http.post('/api/v1/care-assignments').set(bearer(coord)).send({ ...a, patientId: PATIENT, hospitalId: HOSPITAL_A, kind: 'interpreter' })));
    const created = answers.filter((r) => r.status === 201).map((r) => r.body.id as string);
    expect(created.length).toBeGreaterThan(5);
    expect(answers.filter((r) => ![201, 409, 422].includes(r.status)).map((r) => [r.status, r.body.code, r.body.detail])).toEqual([]);
    // Cancel half of them while booking the same windows again, all at once.
    const cancelled = created.filter((_, i) => i % 2 === 0);
    const second = await Promise.all([
      ...cancelled.map((id) => t.http.post(`/api/v1/care-assignments/${id}/cancel`).set(bearer(coord))),
      ...attempts.slice(0, 24).map((a) => t.http.post('/api/v1/care-assignments').set(bearer(coord)).send({ ...a, patientId: PATIENT, hospitalId: HOSPITAL_A, kind: 'interpreter' })),
    ]);
    expect(second.slice(0, cancelled.length).map((r) => r.status)).toEqual(cancelled.map(() => 200));
    expect(second.filter((r) => ![200, 201, 409, 422].includes(r.status)).map((r) => [r.status, r.body.code])).toEqual([]);
    const [{ overlaps }] = await t.db.query(
      `SELECT count(*)::int AS overlaps FROM provider_bookings a JOIN provider_bookings b ON a.provider_id = b.provider_id AND a.id < b.id AND a.during && b.during WHERE a.live AND b.live`,
    );
    expect(overlaps).toBe(0);
    await expectSameAsBruteForce();
    await t.db.query('SELECT match_compact()');
    // One row per key is left of each count table.
    const [folded] = await t.db.query(
      `SELECT (SELECT count(*) = count(DISTINCT (kind, active)) FROM match_registry_counts) AS registry,
              (SELECT count(*) = count(DISTINCT (kind, code, cert_until, during)) FROM match_availability_counts) AS ranges,
              (SELECT count(*) = count(DISTINCT (kind, code, cert_until, during, next_lower, avail)) FROM match_busy_counts) AS busy`,
    );
    expect(folded).toEqual({ registry: true, ranges: true, busy: true });
    await expectSameAsBruteForce();
  });
  it('interpreters swapped between two appointments rescheduled at once, again and again: both move every time, none waits on the other crosswise', async () => {
    // X works Tuesdays only, Y Wednesdays only, and nobody else speaks Georgian: an appointment
    // moved to the other day must give its interpreter up and take the other's, which the
    // other appointment, moved the other way at the same moment, is giving up.
    const x = await anInterpreter(t, admin, { languages: ['ka'], name: 'X', weekly: [{ weekday: 2, start: '00:00', end: '24:00' }] });
    const y = await anInterpreter(t, admin, { languages: ['ka'], name: 'Y', weekly: [{ weekday: 3, start: '00:00', end: '24:00' }] });
    const schedule = { timezone: 'Asia/Seoul', slotMinutes: 30, weekly: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '09:00', end: '12:00' })), exceptions: [] };
    const [c1, c2] = [await t.user('clinician', { hospitalId: HOSPITAL_A }), await t.user('clinician', { hospitalId: HOSPITAL_A })];
    for (const c of [c1, c2]) await t.http.put(`/api/v1/clinicians/${c.id}/schedule`).set(bearer(c.token)).send(schedule).expect(200);
    const [pa, pb] = [await aTreatedPatient(t, HOSPITAL_A, { treatedAt: '2026-11-10T03:00:00Z' }), await aTreatedPatient(t, HOSPITAL_A, { treatedAt: '2026-11-10T03:00:00Z' })];
    // 10:00 and 11:00 Seoul on Tuesday 24 and Wednesday 25 November.
    const [tue10, tue11, wed10, wed11] = [25, 26, 49, 50].map((h) => iso(MONDAY + h * HOUR));
    const book = (p: { patientId: string; token: string }, clinicianId: string, start: string) => t.http.post('/api/v1/telemedicine/appointments').set(bearer(p.token))
      .send({ clinicianId, patientId: p.patientId, start, interpreterLanguage: 'ka' }).expect(201);
    const a = (await book(pa, c1.id, tue10)).body;
    const b = (await book(pb, c2.id, wed10)).body;
    expect([a.interpreterId, b.interpreterId]).toEqual([x, y]);

    const failed: unknown[] = [];
    for (let round = 1; round <= 30; round++) {
      const [toA, toB] = round % 2 ? [wed11, tue11] : [tue10, wed10];
      const answers = await Promise.all([
        t.http.post(`/api/v1/telemedicine/appointments/${a.id}/reschedule`).set(bearer(pa.token)).send({ start: toA }),
        t.http.post(`/api/v1/telemedicine/appointments/${b.id}/reschedule`).set(bearer(pb.token)).send({ start: toB }),
      ]);
      failed.push(...answers.filter((r) => r.status !== 200).map((r) => ({ round, status: r.status, code: r.body.code, detail: r.body.detail })));
    }
    expect(failed).toEqual([]);
    // Thirty rounds: back where they started, each with its own interpreter again.
    const now = await Promise.all([a, b].map(async (ap, i) => (await t.http.get(`/api/v1/telemedicine/appointments/${ap.id}`).set(bearer([pa, pb][i].token)).expect(200)).body));
    expect(now).toMatchObject([{ start: tue10, interpreterId: x, sequence: 30 }, { start: wed10, interpreterId: y, sequence: 30 }]);
    const live: { provider_id: string; start: Date }[] = await t.db.query(
      `SELECT provider_id, lower(during) AS start FROM provider_bookings WHERE provider_id = ANY($1::uuid[]) AND live ORDER BY lower(during)`, [[x, y]]);
    expect(live.map((l) => [l.provider_id, l.start.toISOString()])).toEqual([[x, tue10], [y, wed10]]);
    const georgian = [tue10, tue11, wed10, wed11].flatMap((start) => [30, 90].map((minutes) => ({ kind: 'interpreter', language: 'ka', start, end: iso(Date.parse(start) + minutes * 60_000) })));
    await expectSameAsBruteForce(georgian);
  });
});
