import { randomBytes } from 'node:crypto';
import { TimersService } from '@medjourney/platform';
import { SlaClockService } from '@medjourney/sla';
import type { TestApp } from './test-app.js';

/** Polls `check` until it holds; fails naming `what` after `ms`. */
export async function until(check: () => Promise<boolean>, ms: number, what = 'condition'): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Submitted e-visa applications written straight to the database, each with its submit
 * history line and its clock started as submit starts it, in one transaction per application:
 * for tests of the SLA engine that need volume rather than the HTTP path.
 */
export async function runningApplications(t: TestApp, n: number, opts: { officerId: string | null; at?: Date }): Promise<string[]> {
  const tag = randomBytes(4).toString('hex');
  const [sponsor] = await t.db.query(
    `INSERT INTO hospitals (name, license_number, type, bed_count, region, address, registration_number, registration_valid_until)
     VALUES ($1, $1, 'clinic', 1, 'Seoul', 'x', 'R', '2099-01-01') RETURNING id`,
    [`SLA test ${tag}`],
  );
  const [user] = await t.db.query(`INSERT INTO users (email, name, role) VALUES ($1, 'P', 'patient') RETURNING id`, [`sla.${tag}@example.kz`]);
  const [patient] = await t.db.query(`INSERT INTO patients (email, name) VALUES ($1, 'P') RETURNING id`, [`sla.${tag}@example.kz`]);
  const sla = t.app.get(SlaClockService);
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const at = opts.at ?? new Date();
    await t.db.transaction(async (m) => {
      const [app] = await m.query(
        `INSERT INTO visa_applications (reference, sponsor_hospital_id, patient_id, patient_user_id, created_by, status, track, category, entries, stay_from, stay_until, treatment, submitted_at, assigned_officer_id, assigned_at)
         VALUES ($1, $2, $3, $4, $4, 'submitted', 'e_visa', 'C-3-3', 'single', '2031-01-01', '2031-01-10', '{}', $5::timestamptz, $6, CASE WHEN $6::uuid IS NULL THEN NULL ELSE $5::timestamptz END) RETURNING id`,
        [`MV-${tag}-${String(i).padStart(6, '0')}`, sponsor.id, patient.id, user.id, at, opts.officerId],
      );
      await m.query(`INSERT INTO visa_application_events (application_id, action, to_status, occurred_at) VALUES ($1, 'submit', 'submitted', $2)`, [app.id, at]);
      const subject = { id: app.id, track: 'e_visa' as const, status: 'submitted', submittedAt: at, closedAt: null, escalationLevel: 0, assignedOfficerId: opts.officerId };
      const { dueAt } = await sla.start(m, subject, { action: 'submit', actorRole: 'hospital_coordinator', actorId: null });
      // The change that starts the clock stores its due time, as visas' own update does.
      await m.query('UPDATE visa_applications SET due_at = $2 WHERE id = $1', [app.id, dueAt]);
      ids.push(app.id);
    });
  }
  return ids;
}

/** The arming of the timer now armed under this key (null: none). */
export async function armingOf(t: TestApp, key: string): Promise<string | null> {
  const [row] = await t.db.query('SELECT arming FROM timers WHERE key = $1', [key]);
  return row ? String(row.arming) : null;
}

/** Fires one timer now, if it is this arming of the key (or the one armed now) and due. Returns whether it fired. */
export async function fireTimer(t: TestApp, key: string, arming?: string | null): Promise<boolean> {
  const a = arming === undefined ? await armingOf(t, key) : arming;
  if (a === null) return false;
  const fired = await t.app.get(TimersService).fireOne(key, a);
  return fired !== 'held' && fired.length > 0;
}
