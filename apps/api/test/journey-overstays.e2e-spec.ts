import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { OverstaysService } from '@medjourney/journey';
import { ManualClock } from '@medjourney/platform';
import { aPatientApplication, aPerson, aSponsor, deliverPending, startTestApp, startTestWorker, type TestApp } from '@medjourney/testing';

const NOW = '2026-11-23T03:00:00Z';
const DAY = 24 * 3600_000;

describe('visa expiry, overstays and the sponsor\'s sanctions (the nightly job)', () => {
  let t: TestApp;
  let admin: string;
  let officer: string;
  let sponsor: Awaited<ReturnType<typeof aSponsor>>;
  const workers: INestApplication[] = [];
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });
  const event = (token: string, patientId: string, body: object) => t.http.post(`/api/v1/patients/${patientId}/journey-events`).set(as(token)).send(body);
  const sanctionLevel = async () => (await t.http.get(`/api/v1/hospitals/${sponsor.id}/designation`).expect(200)).body;

  beforeAll(async () => {
    t = await startTestApp({ clock: new ManualClock(NOW), env: { JWT_TTL: 'P3Y' } });
    admin = (await t.user('admin')).token;
    officer = (await t.user('officer')).token;
    sponsor = await aSponsor(t, admin, true);
  });
  afterAll(async () => {
    for (const w of workers) await w.close();
    await t.close();
  });

  /** A patient of the sponsor who arrived now and is still in Korea when the clock has moved past their stay. */
  async function anOverstayer() {
    const p = await aPatientApplication(t, { coordinator: sponsor.coordinator, officer });
    await event(officer, p.patientId, { type: 'arrived' }).expect(201);
    return p;
  }

  it('flags an overstay once and raises the sponsor\'s sanction level by exactly one, however often and on however many workers it runs', async () => {
    expect(await sanctionLevel()).toMatchObject({ status: 'active', sanctionLevel: 0 });
    // Two real workers against the same database and clock.
    workers.push(await startTestWorker(t.config, t.clock), await startTestWorker(t.config, t.clock));
    const [a, b] = workers.map((w) => w.get(OverstaysService));

    const first = await anOverstayer();
    // Arrived on 23 November (Korea); 30 days counting that one end on 22 December: nothing is flagged that day.
    t.clock.advance(29 * DAY);
    expect(await a.runNightly()).toMatchObject({ overstays: 0, sanctionsRecorded: 0 });
    t.clock.advance(DAY);
    const together = await Promise.all([a.runNightly(), b.runNightly()]);
    expect(together.reduce((n, r) => n + r.overstays, 0)).toBe(1);
    expect(together.reduce((n, r) => n + r.sanctionsRecorded, 0)).toBe(1);
    expect(await sanctionLevel()).toMatchObject({ status: 'active', sanctionLevel: 1 });
    // Twice more, one after the other: nothing changes.
    expect(await a.runNightly()).toMatchObject({ overstays: 0, sanctionsRecorded: 0 });
    expect(await b.runNightly()).toMatchObject({ overstays: 0, sanctionsRecorded: 0 });
    expect(await sanctionLevel()).toMatchObject({ sanctionLevel: 1 });
    expect(await t.db.query('SELECT 1 FROM journey_overstays WHERE patient_id = $1', [first.patientId])).toHaveLength(1);

    await deliverPending(t, ['journey.timeline']);
    const j = (await t.http.get(`/api/v1/patients/${first.patientId}/journey`).set(as(first.patientToken)).expect(200)).body;
    expect(j.entries.filter((e: { type: string }) => e.type === 'overstay_detected')).toEqual([
      expect.objectContaining({ summary: 'AIGERIM NURLANOVA stayed beyond the permitted stay, which ended on 22 December 2026.' }),
    ]);
    expect(j.stage).toBe('in_korea');
    expect(j.nextSteps[0]).toBe('Your permitted stay ended on 22 December 2026: leave Korea now and contact your hospital.');

    // A second overstayer: one more step (a suspension), again on both workers at once.
    await anOverstayer();
    t.clock.advance(31 * DAY);
    const again = await Promise.all([a.runNightly(), b.runNightly()]);
    expect(again.reduce((n, r) => n + r.sanctionsRecorded, 0)).toBe(1);
    expect(await sanctionLevel()).toMatchObject({ status: 'suspended', sanctionLevel: 2 });
    // A person who left in time is no overstayer.
    const leaver = await anOverstayer();
    t.clock.advance(DAY);
    await event(officer, leaver.patientId, { type: 'departed' }).expect(201);
    t.clock.advance(40 * DAY);
    expect(await a.runNightly()).toMatchObject({ overstays: 0, sanctionsRecorded: 0 });
    for (const w of workers.splice(0)) await w.close();
  });

  it('brings each sanction notice once into the notification centre', async () => {
    await deliverPending(t, ['notifications.notices']);
    await deliverPending(t, ['notifications.notices']);
    const inbox = (await t.http.get('/api/v1/me/notifications').set(as(sponsor.coordinator)).expect(200)).body;
    const sanctions = inbox.items.filter((n: { kind: string }) => n.kind === 'designation_sanctioned');
    expect(sanctions.map((n: { title: string }) => n.title)).toEqual([
      expect.stringMatching(/: a suspension for overstays/),
      expect.stringMatching(/: a formal warning for overstays/),
    ]);
  });

  it('stores expired on visas whose enter-by date passed unused, once; such a visa lets nobody in', async () => {
    const patient = aPerson();
    const p = await aPatientApplication(t, { coordinator: sponsor.coordinator, officer }, { patient });
    const [{ number, enter_by }] = await t.db.query(`SELECT number, to_char(enter_by, 'YYYY-MM-DD') AS enter_by FROM visas WHERE person_id = $1`, [p.personIds[0]]);
    const stored = async () => (await t.db.query('SELECT status FROM visas WHERE number = $1', [number]))[0].status;
    // On its enter-by date the visa still lets its holder in; the day after, it has expired.
    t.clock.set(new Date(`${enter_by}T12:00:00+09:00`));
    await t.app.get(OverstaysService).runNightly();
    expect(await stored()).toBe('issued');
    t.clock.advance(DAY);
    expect((await t.app.get(OverstaysService).runNightly()).expiredVisas).toBe(1);
    expect(await stored()).toBe('expired');
    expect((await t.app.get(OverstaysService).runNightly()).expiredVisas).toBe(0);
    const verified = await t.http.get(`/api/v1/visas/verify?number=${number}&passportNumber=${patient.passportNumber}`).expect(200);
    expect(verified.body).toMatchObject({ valid: false, status: 'expired' });
    const refused = await event(officer, p.patientId, { type: 'arrived' });
    expect(refused.status).toBe(422);
    expect(refused.body.detail).toMatch(new RegExp(`visa ${number} has expired`));
    await deliverPending(t, ['journey.timeline']);
    const j = (await t.http.get(`/api/v1/patients/${p.patientId}/journey`).set(as(p.patientToken)).expect(200)).body;
    expect(j).toMatchObject({ stage: 'visa_issued', nextSteps: [`Your visa ${number} has expired; contact your hospital about a new application.`] });
  });

  it('counts overstays and entry refusals in the sponsor\'s designation figures', async () => {
    const p = await aPatientApplication(t, { coordinator: sponsor.coordinator, officer }, { companions: [aPerson({ givenNames: 'ASKAR', sex: 'M' })] });
    await event(officer, p.patientId, { type: 'entry_refused', personIds: p.personIds }).expect(201);
    // The refusal leaves the visas as they were.
    expect((await t.db.query('SELECT status, entries_used FROM visas WHERE person_id = ANY($1)', [p.personIds])).every((v: { status: string; entries_used: number }) => v.status === 'issued' && v.entries_used === 0)).toBe(true);
    const year = Number(t.clock.now().toISOString().slice(0, 4));
    const applied = await t.http.post(`/api/v1/hospitals/${sponsor.id}/designation-applications`).set(as(sponsor.coordinator)).send({ year }).expect(201);
    expect(applied.body.systemFigures).toMatchObject({ overstays: 2, entryRefusals: 2 });
  });
});
