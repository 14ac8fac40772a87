import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ManualClock } from '@medjourney/platform';
import { runningApplications, startTestApp, type TestApp } from '@medjourney/testing';
import { SlaAssignment } from './sla-assignment.service.js';

const NOW = new Date('2026-11-23T00:00:00Z');
const minutes = (n: number) => new Date(NOW.getTime() + n * 60_000);

/** The automatic assignment (spec/sla.md) on the real database: whom it picks, and what it leaves alone. */
describe('SLA assignment', () => {
  let t: TestApp;
  let assignment: SlaAssignment;
  const officers: Record<'a' | 'b' | 'c' | 'gone', string> = { a: '', b: '', c: '', gone: '' };

  beforeAll(async () => {
    t = await startTestApp({ clock: new ManualClock(NOW) });
    assignment = t.app.get(SlaAssignment);
    for (const k of Object.keys(officers) as (keyof typeof officers)[]) officers[k] = (await t.user('officer')).id;
    // Only this test's officers are active; `gone` was deactivated and holds nothing.
    await t.db.query(`UPDATE users SET active = (id = ANY($1::uuid[])) WHERE role = 'officer'`, [[officers.a, officers.b, officers.c]]);
  });
  afterAll(() => t.close());

  const holder = async (id: string) => (await t.db.query('SELECT assigned_officer_id AS officer FROM visa_applications WHERE id = $1', [id]))[0].officer as string | null;

  it('gives the officer with the fewest open applications, then the one given one least recently; again, and a closed application, change nothing', async () => {
    // a holds one open application given at minute 1, b one given at minute 2; c holds only a decided one.
    await runningApplications(t, 1, { officerId: officers.a, at: minutes(1) });
    await runningApplications(t, 1, { officerId: officers.b, at: minutes(2) });
    const [decided] = await runningApplications(t, 1, { officerId: officers.c, at: minutes(0) });
    await t.db.query(`UPDATE visa_applications SET status = 'approved', decided_at = $2, closed_at = $2 WHERE id = $1`, [decided, minutes(3)]);

    const [first, second, third] = await runningApplications(t, 3, { officerId: null, at: minutes(4) });
    t.clock.set(minutes(5));
    expect(await assignment.assign(first)).toBe(officers.c);
    expect(await holder(first)).toBe(officers.c);
    // A repeated job finds it assigned and changes nothing.
    expect(await assignment.assign(first)).toBeNull();
    expect(await holder(first)).toBe(officers.c);

    // One open each now: a was given one least recently (minute 1), then b (minute 2), then c (minute 5).
    t.clock.set(minutes(6));
    expect(await assignment.assign(second)).toBe(officers.a);
    t.clock.set(minutes(7));
    expect(await assignment.assign(third)).toBe(officers.b);

    const [late] = await runningApplications(t, 1, { officerId: null, at: minutes(8) });
    await t.db.query(`UPDATE visa_applications SET status = 'withdrawn', closed_at = $2 WHERE id = $1`, [late, minutes(8)]);
    expect(await assignment.assign(late)).toBeNull();
    expect(await holder(late)).toBeNull();
  });

  it('moves an officer\'s open applications one by one to whoever is least loaded then, and only those still held', async () => {
    t.clock.set(minutes(10));
    const held = await runningApplications(t, 2, { officerId: officers.gone, at: minutes(10) });
    const loads = async () =>
      new Map(
        ((await t.db.query(
          `SELECT assigned_officer_id AS officer, count(*)::int AS n FROM visa_applications WHERE status IN ('submitted','in_review','supplement_requested') AND assigned_officer_id = ANY($1::uuid[]) GROUP BY 1`,
          [Object.values(officers)],
        )) as { officer: string; n: number }[]).map((r) => [r.officer, r.n]),
      );
    const before = await loads();
    t.clock.set(minutes(11));
    expect(await assignment.redistribute(officers.gone)).toBe(2);
    const after = await loads();
    expect(after.get(officers.gone)).toBeUndefined();
    // c held the fewest; then all held two and a had been given one least recently: the second saw the first's move.
    const moved = await Promise.all(held.map(holder));
    expect(new Set(moved)).toEqual(new Set([officers.c, officers.a]));
    for (const o of [officers.a, officers.b, officers.c]) expect(after.get(o) ?? 0).toBe((before.get(o) ?? 0) + moved.filter((m) => m === o).length);
    // Done again, there is nothing left to move.
    expect(await assignment.redistribute(officers.gone)).toBe(0);
  });
});
