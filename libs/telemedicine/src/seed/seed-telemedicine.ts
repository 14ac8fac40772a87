import type { Actor } from '@medjourney/platform';
import { DateTime } from 'luxon';
import type { DataSource } from 'typeorm';
import type { LocalClinicianDto, ScheduleBody } from '../dto/telemedicine.dto.js';
import type { AppointmentsService } from '../services/appointments.service.js';
import type { SchedulesService } from '../services/schedules.service.js';

/** Fixed id: a second seed finds the follow-up and books nothing twice. */
export const DEMO_FOLLOW_UP_ID = '8a1c2d3e-0000-4000-8000-000000000501';

const WEEKDAYS = [1, 2, 3, 4, 5];
/** The demo clinician's week in Seoul: 30-minute slots, weekday mornings and afternoons. */
export const DEMO_SCHEDULE: ScheduleBody = {
  timezone: 'Asia/Seoul',
  slotMinutes: 30,
  weekly: WEEKDAYS.flatMap((weekday) => [{ weekday, start: '09:00', end: '12:00' }, { weekday, start: '14:00', end: '17:00' }]),
  exceptions: [],
};

/** Under the doctor_to_doctor policy a follow-up needs the patient's doctor at home. */
const DEMO_LOCAL_CLINICIAN: LocalClinicianDto = { name: 'Dr. Saule Bekova', country: 'KAZ', email: 'saule.bekova@example.org' };

/**
 * 14:00 in Seoul (10:00 in the patient's Almaty) on the first weekday at least four days after
 * `now`: after the demo care visits of the coming days, when the demo Kazakh interpreters work.
 */
export function demoFollowUpStart(now: Date): Date {
  let day = DateTime.fromJSDate(now, { zone: 'Asia/Seoul' }).startOf('day').plus({ days: 4 });
  while (day.weekday > 5) day = day.plus({ days: 1 });
  return day.set({ hour: 14 }).toJSDate();
}

export interface DemoTelemedicineServices {
  schedules: SchedulesService;
  appointments: AppointmentsService;
}

export interface DemoTelemedicineActors {
  /** The demo clinician, who sets their own schedule. */
  clinician: Actor;
  /** A coordinator of the clinician's hospital, which treated the patient. */
  coordinator: Actor;
  patientId: string;
}

/**
 * After the demo patient's discharge and the demo care providers: the demo clinician's weekly
 * schedule and the demo patient's follow-up video appointment with a Kazakh interpreter, booked
 * through the appointments service as the coordinator books it (eligibility, the interpreter's
 * booking, the reminders' timers and the events for the journey all happen). Idempotent: an
 * existing schedule is left as it is, and the follow-up is booked once.
 */
export async function seedDemoTelemedicine(
  db: DataSource,
  s: DemoTelemedicineServices,
  a: DemoTelemedicineActors,
  policy: 'direct_follow_up' | 'doctor_to_doctor',
  now: Date,
): Promise<{ schedules: number; appointments: number }> {
  let schedules = 0;
  const [schedule] = await db.query('SELECT 1 FROM clinician_schedules WHERE clinician_id = $1', [a.clinician.userId]);
  if (!schedule) {
    await s.schedules.put(a.clinician, a.clinician.userId, DEMO_SCHEDULE);
    schedules++;
  }
  const [existing] = await db.query('SELECT 1 FROM telemedicine_appointments WHERE id = $1', [DEMO_FOLLOW_UP_ID]);
  if (existing) return { schedules, appointments: 0 };
  await s.appointments.book(a.coordinator, {
    clinicianId: a.clinician.userId,
    patientId: a.patientId,
    start: demoFollowUpStart(now).toISOString(),
    interpreterLanguage: 'kk',
    ...(policy === 'doctor_to_doctor' ? { localClinician: DEMO_LOCAL_CLINICIAN } : {}),
  }, DEMO_FOLLOW_UP_ID);
  return { schedules, appointments: 1 };
}
