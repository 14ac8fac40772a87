import { DEMO_HOSPITALS } from '@medjourney/hospitals';
import type { Actor } from '@medjourney/platform';
import { DateTime } from 'luxon';
import type { DataSource } from 'typeorm';
import type { ProviderKind } from '../domain/vocabulary.js';
import type { CareAssignmentsService } from '../services/care-assignments.service.js';
import { demoProviderId } from './seed-care-providers.js';

interface DemoAssignment {
  id: string;
  provider: string;
  kind: ProviderKind;
  /** 0: the first weekday at least two days ahead; 1: the weekday after it. */
  day: 0 | 1;
  from: string;
  to: string;
  language: string;
  /** Answered by the provider (confirmed) or left for them to answer (pending). */
  confirmed: boolean;
}

/**
 * After the demo patient's discharge: a Kazakh interpreter and caregiver confirmed for the
 * follow-up visit, a Russian interpreter and the demo caregiver login (Yoon So-ra) offered the
 * next day, so that her login has an offer to answer. Fixed ids: a second seed books nothing twice.
 */
const DEMO_ASSIGNMENTS: DemoAssignment[] = [
  { id: '8a1c2d3e-0000-4000-8000-000000000401', provider: 'Aidana Seitkali', kind: 'interpreter', day: 0, from: '10:00', to: '12:00', language: 'kk', confirmed: true },
  { id: '8a1c2d3e-0000-4000-8000-000000000402', provider: 'Gulnara Akhmetova', kind: 'caregiver', day: 0, from: '13:00', to: '19:00', language: 'kk', confirmed: true },
  { id: '8a1c2d3e-0000-4000-8000-000000000403', provider: 'Anastasia Volkova', kind: 'interpreter', day: 1, from: '10:00', to: '12:00', language: 'ru', confirmed: false },
  { id: '8a1c2d3e-0000-4000-8000-000000000404', provider: 'Yoon So-ra', kind: 'caregiver', day: 1, from: '13:00', to: '19:00', language: 'ru', confirmed: false },
];

/** The first two weekdays, in Seoul, at least two days after `now`: inside every demo provider's office hours. */
function demoDays(now: Date): [DateTime, DateTime] {
  let day = DateTime.fromJSDate(now, { zone: 'Asia/Seoul' }).startOf('day').plus({ days: 2 });
  while (day.weekday > 5) day = day.plus({ days: 1 });
  let next = day.plus({ days: 1 });
  while (next.weekday > 5) next = next.plus({ days: 1 });
  return [day, next];
}

const at = (day: DateTime, hhmm: string) => day.set({ hour: Number(hhmm.slice(0, 2)), minute: Number(hhmm.slice(3, 5)) }).toJSDate();

/**
 * The demo patient's care bookings through the assignments service, as the first demo
 * hospital's coordinator books them and the providers answer. Returns how many it booked
 * (none when they exist already); an assignment to confirm that is still pending is confirmed.
 */
export async function seedDemoCareAssignments(db: DataSource, assignments: CareAssignmentsService, coordinator: Actor, patientId: string, now: Date): Promise<number> {
  const days = demoDays(now);
  let booked = 0;
  for (const d of DEMO_ASSIGNMENTS) {
    const providerId = demoProviderId(d.provider);
    const status = await db.transaction(async (m) => {
      const [existing]: { status: string }[] = await m.query('SELECT status FROM care_assignments WHERE id = $1', [d.id]);
      if (existing) return existing.status;
      await assignments.createIn(m, {
        providerId, patientId, hospitalId: DEMO_HOSPITALS[0].id, kind: d.kind, start: at(days[d.day], d.from), end: at(days[d.day], d.to),
        matchId: null, language: d.language, createdBy: coordinator.userId,
      }, false, d.id);
      booked++;
      return 'pending';
    });
    // The provider answers. Most demo providers have no login: the answer is scoped by the
    // provider id alone and records no user, so the coordinator's id stands in for one.
    if (d.confirmed && status === 'pending') {
      await assignments.accept({ userId: coordinator.userId, role: 'care_provider', hospitalId: null, careProviderId: providerId, patientId: null }, d.id);
    }
  }
  return booked;
}
