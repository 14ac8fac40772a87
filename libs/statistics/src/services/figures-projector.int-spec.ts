import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DomainEventLog, EventBus, ManualClock } from '@medjourney/platform';
import { randomUUID } from 'node:crypto';
import { DEMO_HOSPITALS } from '@medjourney/hospitals';
import { aPerson, anApplication, aSponsor, deliverPending, recordStatements, startTestApp, uploadAllDocuments, type TestApp } from '@medjourney/testing';
import { demoHistory } from '../seed/seed-figures.js';
import { FIGURES_SUBSCRIBER, FiguresProjector } from './figures-projector.js';
import { FiguresRepository } from './figures.repository.js';
import { HistoryImport } from './history-import.service.js';
import { StatisticsRebuild } from './statistics-rebuild.service.js';
import { RollupsRepository } from './rollups.repository.js';

// 10:00 on Monday 12 January 2026 in Seoul.
const T0 = '2026-01-12T01:00:00Z';
const HOUR = 3600_000;
const DAY = 24 * HOUR;

/** Every row of the read model, in a stable order: what "the same rollups" means. */
async function snapshot(t: TestApp) {
  const q = (sql: string) => t.db.query(sql);
  return {
    monthly: await q(`SELECT dimension, key, month::text, metric, value::text FROM statistics_monthly WHERE value <> 0 ORDER BY 1, 2, 3, 4`),
    histograms: await q(`SELECT dimension, key, month::text, metric, counts::text FROM statistics_histograms ORDER BY 1, 2, 3, 4`),
    chains: await q(`SELECT dimension, key, month::text, previous::text, count::text FROM statistics_applied_chains WHERE count <> 0 ORDER BY 1, 2, 3, 4`),
    patientMonths: await q(`SELECT dimension, key, patient_id, month::text FROM statistics_patient_months ORDER BY 1, 2, 3, 4`),
    firstArrivals: await q(`SELECT patient_id, arrived_at, keys FROM statistics_first_arrivals ORDER BY 1`),
    stays: await q(`SELECT person_id, visa_id, arrived_at, departed_at FROM statistics_stays ORDER BY 1, 2`),
    departures: await q(`SELECT patient_id, departed_at, followed_up FROM statistics_patient_departures ORDER BY 1, 2`),
  };
}

describe('the programme figures from a known set of events', () => {
  let t: TestApp;
  let officer: string;
  let reviewer: string;
  let sponsor: Awaited<ReturnType<typeof aSponsor>>;
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });
  const countedHours: number[] = [];

  /** A coordinator's application, with every document, submitted. */
  async function submitted(patient: ReturnType<typeof aPerson> & { email: string }, companions: ReturnType<typeof aPerson>[] = []) {
    const created = (await t.http.post('/api/v1/visa-applications').set(as(sponsor.coordinator)).send(anApplication({ patient }, companions)).expect(201)).body;
    await uploadAllDocuments(t, sponsor.coordinator, created);
    await t.http.post(`/api/v1/visa-applications/${created.id}/submit`).set(as(sponsor.coordinator)).expect(200);
    return created as { id: string; patientId: string; persons: { id: string; role: string }[] };
  }
  async function decide(app: { id: string; persons: { id: string }[] }, outcomes: ('approve' | 'reject')[]) {
    await t.http.post(`/api/v1/visa-applications/${app.id}/start-review`).set(as(officer)).expect(200);
    t.clock.advance(2 * HOUR);
    const persons = app.persons.map((p, i) => ({ personId: p.id, outcome: outcomes[i], ...(outcomes[i] === 'reject' ? { reasonCode: 'insufficient_documents' } : {}) }));
    const decided = (await t.http.post(`/api/v1/visa-applications/${app.id}/decision`).set(as(officer)).send({ persons }).expect(200)).body;
    countedHours.push(Math.floor(decided.sla.countedSeconds / 3600));
  }
  const deliver = () => deliverPending(t, [FIGURES_SUBSCRIBER]);

  let p1: string;
  let p2: string;
  let p3: string;

  beforeAll(async () => {
    t = await startTestApp({ clock: new ManualClock(T0), env: { JWT_TTL: 'P3Y' } });
    const admin = (await t.user('admin')).token;
    officer = (await t.user('officer')).token;
    reviewer = (await t.user('ministry_reviewer')).token;
    sponsor = await aSponsor(t, admin, true);

    // January: P1 (KAZ) with a companion whose visa is refused; P2 (UZB) submits, then withdraws; P3 (KAZ) is refused.
    const email1 = `p1.${Date.now()}@example.kz`;
    const a1 = await submitted({ ...aPerson({ nationality: 'KAZ' }), email: email1 }, [aPerson({ surname: 'NURLANOV', givenNames: 'ARMAN', sex: 'M', nationality: 'KAZ' })]);
    await decide(a1, ['approve', 'reject']);
    const a2 = await submitted({ ...aPerson({ nationality: 'UZB', surname: 'KARIMOVA' }), email: `p2.${Date.now()}@example.uz` });
    await t.http.post(`/api/v1/visa-applications/${a2.id}/withdraw`).set(as(sponsor.coordinator)).send({ reason: 'plans changed' }).expect(200);
    const a3 = await submitted({ ...aPerson({ nationality: 'KAZ', surname: 'ABENOVA' }), email: `p3.${Date.now()}@example.kz` });
    await decide(a3, ['reject']);
    await deliver();

    // February: P1 applies again (the same patient) and is granted, arrives, and leaves 8 days later.
    t.clock.set(new Date('2026-02-10T01:00:00Z'));
    const a4 = await submitted({ ...aPerson({ nationality: 'KAZ' }), email: email1 });
    expect(a4.patientId).toBe(a1.patientId);
    await decide(a4, ['approve']);
    t.clock.set(new Date('2026-02-12T03:00:00Z'));
    await t.http.post(`/api/v1/patients/${a1.patientId}/journey-events`).set(as(officer)).send({ type: 'arrived' }).expect(201);
    t.clock.set(new Date('2026-02-20T03:00:00Z'));
    await t.http.post(`/api/v1/patients/${a1.patientId}/journey-events`).set(as(officer)).send({ type: 'departed' }).expect(201);
    // Telemedicine's follow-ups of P1: one 10 days after the departure (counts, in February), one 100 days after (too late).
    const fulfilled = (start: string) => ({
      appointmentId: randomUUID(), clinicianId: randomUUID(), clinicianName: 'Dr Kim', hospitalId: sponsor.id, hospitalName: 'Sponsor', patientId: a1.patientId,
      start, end: start, status: 'fulfilled' as const, interpreterLanguage: null, sequence: 1,
    });
    await t.db.transaction(async (m) => {
      await t.app.get(EventBus).publish(m, 'telemedicine.appointment-fulfilled', fulfilled('2026-03-02T01:00:00Z'));
      await t.app.get(EventBus).publish(m, 'telemedicine.appointment-fulfilled', fulfilled('2026-05-31T01:00:00Z'));
    });
    await deliver();
    [p1, p2, p3] = [a1.patientId, a2.patientId, a3.patientId];
    // Four applications through HTTP with every document: slow on a busy machine.
  }, 240_000);
  afterAll(() => t.close());

  const figures = (dimension: string, from: string, to: string, byMonth = false) => t.app.get(FiguresRepository).aggregates(t.db.manager, dimension, from, to, { byMonth });

  it('per nationality and month equal a hand count: a patient with two applications once, a withdrawn application, a refused companion', async () => {
    expect(new Set([p1, p2, p3]).size).toBe(3);
    const jan = await figures('nationality', '2026-01-01', '2026-01-01');
    expect(jan.get('KAZ')!.counts).toMatchObject({
      applications_submitted: 2, persons_submitted: 3, applications_granted: 1, applications_refused: 1, persons_granted: 1, persons_refused: 2,
      evisa_decided: 2, patients_arrived: 0,
    });
    expect(jan.get('KAZ')!.patientsApplied).toBe(2);
    // Submitted, then withdrawn: it was submitted, and never decided.
    expect(jan.get('UZB')!.counts).toMatchObject({ applications_submitted: 1, persons_submitted: 1, applications_granted: 0, applications_refused: 0 });
    expect(jan.get('UZB')!.patientsApplied).toBe(1);

    const feb = await figures('nationality', '2026-02-01', '2026-02-01');
    expect(feb.get('KAZ')!.counts).toMatchObject({ applications_submitted: 1, applications_granted: 1, persons_granted: 1, persons_refused: 0, patients_arrived: 1, follow_ups: 1 });
    expect(feb.get('KAZ')!.patientsApplied).toBe(1);
    expect([...feb.get('KAZ')!.stayDays]).toEqual([[8, 1]]);
    expect(feb.has('UZB')).toBe(false);

    // Over both months P1 counts once: 2 KAZ patients applied, not 3.
    const both = await figures('nationality', '2026-01-01', '2026-02-01');
    expect(both.get('KAZ')!.patientsApplied).toBe(2);
    expect(both.get('KAZ')!.counts.applications_submitted).toBe(3);
    const total = (await figures('all', '2026-01-01', '2026-02-01')).get('all')!;
    expect(total.patientsApplied).toBe(3);
    expect(total.counts).toMatchObject({ applications_submitted: 4, applications_granted: 2, applications_refused: 1, persons_granted: 2, persons_refused: 2, patients_arrived: 1 });
    const hours = new Map<number, number>();
    for (const h of countedHours) hours.set(h, (hours.get(h) ?? 0) + 1);
    expect(new Map([...total.decisionHours].sort())).toEqual(new Map([...hours].sort()));

    const months = await figures('all', '2026-01-01', '2026-02-01', true);
    expect([...months.keys()].sort()).toEqual(['2026-01', '2026-02']);
    expect(months.get('2026-01')!.patientsApplied).toBe(3);
    expect(months.get('2026-02')!.patientsApplied).toBe(1);
    const specialty = await figures('specialty', '2026-01-01', '2026-02-01');
    expect(specialty.get('oncology')!.patientsApplied).toBe(3);
    const hospital = await figures('hospital', '2026-01-01', '2026-02-01');
    expect(hospital.get(sponsor.id)!.counts.applications_submitted).toBe(4);
    expect((await figures('region', '2026-01-01', '2026-02-01')).get('Seoul')!.counts.applications_submitted).toBe(4);
  });

  it('the API answers every row in "other" (all small) with exact totals, and the target line', async () => {
    t.clock.set(new Date('2026-03-01T03:00:00Z'));
    const res = await t.http.get('/api/v1/statistics/programme?from=2026-01&to=2026-02&groupBy=nationality').set(as(reviewer)).expect(200);
    expect(res.body).toMatchObject({ from: '2026-01', to: '2026-02', groupBy: 'nationality', computedAt: '2026-03-01T03:00:00.000Z' });
    expect(res.body.rows.map((r: { key: string }) => r.key)).toEqual(['other']);
    expect(res.body.totals).toMatchObject({ patientsApplied: 3, patientsArrived: 1, applicationsSubmitted: 4, applicationsGranted: 2, applicationsRefused: 1, medianStayDays: 8, companionsPerPatient: 0.25, followUpWithin90Days: 1 });
    // 1 patient so far in 2026; 1 March 12:00 in Seoul is 59.5 days of 365 into the year.
    expect(res.body.target).toEqual({ patientsPerYear: 700000, last12Months: 1, projectedThisYear: Math.round(1 / (59.5 / 365)) });
  });

  it('the sponsor\'s yearly report is kept from its first application, pre-filled with its exact figures', async () => {
    const report = (await t.http.get(`/api/v1/hospitals/${sponsor.id}/yearly-reports/2026`).set(as(sponsor.coordinator)).expect(200)).body;
    expect(report).toMatchObject({ status: 'draft', version: 1 });
    expect(report.prefilled).toEqual({
      patientsInvited: 3, patientsArrived: 1, applicationsSubmitted: 4, applicationsGranted: 2, applicationsRefused: 1, overstays: 0, entryRefusals: 0,
      byNationality: [{ key: 'KAZ', patientsArrived: 1 }],
    });
    const armed = await t.db.query(`SELECT key, at FROM timers WHERE kind = 'statistics.yearly-report' ORDER BY at`);
    expect(armed.map((r: { key: string; at: Date }) => [r.key.endsWith(`${sponsor.id}.2026.reminder-30`), r.at.toISOString()])).toEqual([
      [true, '2027-01-29T15:00:00.000Z'],
      [false, '2027-02-21T15:00:00.000Z'],
      [false, '2027-02-28T15:00:00.000Z'],
    ]);
  });

  it('a repeated delivery changes no figure', async () => {
    const before = await snapshot(t);
    const [{ redone }] = await t.db.query(`WITH u AS (UPDATE event_deliveries SET done_at = NULL WHERE subscriber = $1 RETURNING 1) SELECT count(*)::int AS redone FROM u`, [FIGURES_SUBSCRIBER]);
    expect(redone).toBeGreaterThan(8);
    expect(await deliver()).toBe(redone);
    expect(await snapshot(t)).toEqual(before);
  });

  it('a rebuild from the stored events gives the same rollups, and so does applying them in reverse order', async () => {
    const before = await snapshot(t);
    const { events } = await t.app.get(StatisticsRebuild).rebuild();
    expect(events).toBeGreaterThan(8);
    expect(await snapshot(t)).toEqual(before);

    // Deliveries are not ordered: the newest first must give the same figures.
    const log = await t.db.transaction((m) => t.app.get(DomainEventLog).page(m, ['visa-application.submitted', 'visa-application.decided', 'journey.arrived', 'journey.departed', 'telemedicine.appointment-fulfilled'], '0', 1000));
    await t.db.transaction(async (m) => {
      await t.app.get(RollupsRepository).clear(m);
      for (const { event } of [...log].reverse()) await t.app.get(FiguresProjector).apply(event, m);
    });
    expect(await snapshot(t)).toEqual(before);
  });

  it('an application waiting for the patient\'s consent counts in no figure, and its patient\'s care requests count under none of its keys', async () => {
    t.clock.set(new Date('2026-03-10T01:00:00Z'));
    const other = await aSponsor(t, (await t.user('admin')).token, true);
    const patient = { ...aPerson({ nationality: 'MNG', surname: 'BATBAYAR' }), email: `p4.${Date.now()}@example.mn` };
    // The sponsor's draft makes the patient's account; another hospital then files for that account and must wait for the patient's consent.
    const draft = (await t.http.post('/api/v1/visa-applications').set(as(sponsor.coordinator)).send(anApplication({ patient })).expect(201)).body;
    const awaiting = (await t.http.post('/api/v1/visa-applications').set(as(other.coordinator)).send(anApplication({ patient, treatment: { specialty: 'dermatology', summary: 'Scar revision', plannedStart: '2027-01-11', plannedEnd: '2027-02-01' } })).expect(201)).body;
    expect(awaiting.patientConsent).toBe('awaiting');
    await uploadAllDocuments(t, other.coordinator, awaiting);
    expect((await t.http.post(`/api/v1/visa-applications/${awaiting.id}/submit`).set(as(other.coordinator)).expect(409)).body.code).toBe('AWAITING_PATIENT_CONSENT');
    // A caregiver booked for the patient: a care request, but of no nationality or specialty (the patient has no submitted application).
    await t.db.transaction(async (m) => {
      await t.app.get(EventBus).publish(m, 'care-assignment.offered', {
        assignmentId: randomUUID(), providerId: randomUUID(), providerName: 'Carer', hospitalId: other.id, hospitalName: 'Other', patientId: draft.patientId,
        kind: 'caregiver', start: '2026-03-20T01:00:00Z', end: '2026-03-20T05:00:00Z', matchId: null, respondBy: '2026-03-11T01:00:00Z', reoffer: false,
      });
    });
    await deliver();
    const march = await figures('all', '2026-03-01', '2026-03-01');
    expect(march.get('all')!.counts).toMatchObject({ applications_submitted: 0, persons_submitted: 0, care_requests: 1 });
    expect(march.get('all')!.patientsApplied).toBe(0);
    expect((await figures('nationality', '2026-03-01', '2026-03-01')).has('MNG')).toBe(false);
    expect([...(await figures('specialty', '2026-03-01', '2026-03-01')).keys()]).toEqual([]);
    // Nor does the filing hospital owe a report for it.
    expect(await t.db.query('SELECT 1 FROM statistics_yearly_reports WHERE hospital_id = $1', [other.id])).toEqual([]);
    const report = (await t.http.get(`/api/v1/hospitals/${other.id}/yearly-reports/2026`).set(as(other.coordinator)).expect(200)).body;
    expect(report.prefilled).toMatchObject({ patientsInvited: 0, applicationsSubmitted: 0 });
  });
});

describe('the demo\'s two years of history', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp({ clock: new ManualClock('2026-12-06T01:00:00Z') })), 120_000);
  afterAll(() => t.close());

  it('comes as events the figures\' subscriber applies, so a rebuild from the events gives the same rollups', async () => {
    const patients = await t.db.transaction((m) => t.app.get(HistoryImport).importDemo(m, t.clock.now(), DEMO_HOSPITALS));
    expect(patients).toBeGreaterThan(2000);
    const before = await snapshot(t);
    expect(before.monthly.length).toBeGreaterThan(1000);
    expect(before.histograms.length).toBeGreaterThan(100);
    // December 2024 to November 2026: every demo patient applied once, in one of those months.
    const total = (await t.app.get(FiguresRepository).aggregates(t.db.manager, 'all', '2024-12-01', '2026-11-01', { key: 'all' })).get('all')!;
    expect(total.patientsApplied).toBe(patients);
    expect(total.counts.applications_submitted).toBe(patients);

    expect(await t.app.get(StatisticsRebuild).rebuild()).toEqual({ events: 24 });
    expect(await snapshot(t)).toEqual(before);
    // The same months again are the same events: nothing is counted twice.
    expect(await t.db.transaction((m) => t.app.get(HistoryImport).import(m, demoHistory(t.clock.now(), DEMO_HOSPITALS).months))).toBe(0);
    expect(await snapshot(t)).toEqual(before);
  });
});

describe('a delivery batch of submissions', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp({ clock: new ManualClock(T0), env: { JWT_TTL: 'P3Y' } })), 120_000);
  afterAll(() => t.close());

  it('reads each door once for the whole batch, ensures a report once, skips an event applied before, and counts as one-by-one deliveries do', async () => {
    const admin = (await t.user('admin')).token;
    const sponsor = await aSponsor(t, admin, true);
    const as = (token: string) => ({ Authorization: `Bearer ${token}` });
    const submit = async (patient: ReturnType<typeof aPerson> & { email: string }) => {
      const created = (await t.http.post('/api/v1/visa-applications').set(as(sponsor.coordinator)).send(anApplication({ patient })).expect(201)).body;
      await uploadAllDocuments(t, sponsor.coordinator, created);
      await t.http.post(`/api/v1/visa-applications/${created.id}/submit`).set(as(sponsor.coordinator)).expect(200);
      return created.id as string;
    };
    // January: P1 (KAZ), P2 (UZB), P3 (KAZ); February: P1 again, the first withdrawn.
    const p1 = { ...aPerson({ nationality: 'KAZ' }), email: `${randomUUID()}@example.kz` };
    const withdrawn = await submit(p1);
    await submit({ ...aPerson({ nationality: 'UZB' }), email: `${randomUUID()}@example.uz` });
    await submit({ ...aPerson({ nationality: 'KAZ' }), email: `${randomUUID()}@example.kz` });
    await t.http.post(`/api/v1/visa-applications/${withdrawn}/withdraw`).set(as(sponsor.coordinator)).send({ reason: 'plans changed' }).expect(200);
    t.clock.set(new Date('2026-02-10T01:00:00Z'));
    await submit(p1);
    const events = (await t.db.transaction((m) => t.app.get(DomainEventLog).page(m, ['visa-application.submitted'], '0', 100))).map((p) => p.event);
    expect(events).toHaveLength(4);
    const projector = t.app.get(FiguresProjector);
    // P2's was delivered on its own before; the batch repeats it.
    await t.db.transaction((m) => projector.apply(events[1], m));
    const statements = recordStatements(t.db);
    statements.start();
    await t.db.transaction((m) => projector.applyAll(events, m));
    const sent = statements.stop();
    const count = (re: RegExp) => sent.filter((q) => re.test(q)).length;
    expect(count(/INSERT INTO statistics_processed_events/)).toBe(1);
    expect(count(/FROM visa_applications/)).toBe(1);
    expect(count(/FROM visa_persons/)).toBe(1);
    expect(count(/FROM hospitals|FROM "hospitals"/)).toBe(1);
    // P2's submission ensured the sponsor's 2026 report; the batch asks once more, not three times.
    expect(count(/INSERT INTO statistics_yearly_reports/)).toBe(1);
    // P1 and P3 locked in one statement.
    expect(count(/statistics\.patient:/)).toBe(1);
    // P1's and P3's January months in one statement, then P1's February, which must see January.
    expect(count(/INSERT INTO statistics_patient_months/)).toBe(2);

    const figures = (from: string) => t.app.get(FiguresRepository).aggregates(t.db.manager, 'nationality', from, from, {});
    const january = await figures('2026-01-01');
    expect(january.get('KAZ')!.counts).toMatchObject({ applications_submitted: 2, persons_submitted: 2 });
    expect(january.get('KAZ')!.patientsApplied).toBe(2);
    expect(january.get('UZB')!.counts).toMatchObject({ applications_submitted: 1, persons_submitted: 1 });
    expect((await figures('2026-02-01')).get('KAZ')!.counts).toMatchObject({ applications_submitted: 1 });
    // The same events delivered one by one: the same rollups, chains included.
    const batched = await snapshot(t);
    expect(batched.chains.length).toBeGreaterThan(0);
    await t.db.transaction(async (m) => {
      await t.app.get(RollupsRepository).clear(m);
      for (const event of events) await projector.apply(event, m);
    });
    expect(await snapshot(t)).toEqual(batched);
    expect(await t.db.query('SELECT count(*)::int AS n FROM statistics_yearly_reports WHERE hospital_id = $1', [sponsor.id])).toEqual([{ n: 1 }]);
  });
});
