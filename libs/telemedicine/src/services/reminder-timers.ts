import { Injectable } from '@nestjs/common';
import { UsersService } from '@medjourney/identity';
import { Clock, EventBus, TimersService, type DueTimer, type ReminderRecipient } from '@medjourney/platform';
import type { EntityManager } from 'typeorm';
import { Appointment } from '../entities/appointment.entity.js';
import { AppointmentMails } from './appointment-mails.js';
import { Participants, type AppointmentPeople } from './participants.js';

export const REMINDER_TIMER = 'telemedicine.reminder';
const LEADS = { '24h': 24 * 3_600_000, '1h': 3_600_000 } as const;
type Lead = keyof typeof LEADS;
export const reminderKey = (appointmentId: string, lead: Lead) => `telemedicine.${appointmentId}.${lead}`;

interface ReminderPayload {
  appointmentId: string;
  lead: Lead;
  /** The start this reminder was armed for: a reminder of an older start finds nothing to do. */
  start: string;
}

/**
 * The 24-hour and 1-hour reminders of an appointment, on the platform's durable timers: armed in
 * the booking's transaction, moved by a reschedule (same keys, new instants), disarmed by a
 * cancellation, so a Redis that lost its keys or a worker killed mid-job loses or doubles none.
 * A reminder whose time has passed when it is armed is not armed. Firing publishes one
 * `telemedicine.reminder-due` event (deduplicated per appointment, lead and start) that the
 * notification centre turns into one notification per recipient, in their own zone; the local
 * clinician of doctor_to_doctor, who has no account, gets the same reminder by e-mail.
 */
@Injectable()
export class ReminderTimers {
  constructor(
    private readonly timers: TimersService,
    private readonly events: EventBus,
    private readonly users: UsersService,
    private readonly participants: Participants,
    private readonly mails: AppointmentMails,
    private readonly clock: Clock,
  ) {
    timers.register<ReminderPayload, true>(REMINDER_TIMER, { fire: (m, due) => this.fire(m, due) });
  }

  async arm(m: EntityManager, a: Appointment): Promise<void> {
    const now = this.clock.now().getTime();
    const leads = (Object.keys(LEADS) as Lead[]).map((lead) => ({ lead, at: a.startAt.getTime() - LEADS[lead] }));
    await this.timers.cancel(m, leads.filter((l) => l.at <= now).map((l) => reminderKey(a.id, l.lead)));
    await this.timers.schedule(
      m,
      leads.filter((l) => l.at > now).map((l) => ({ kind: REMINDER_TIMER, key: reminderKey(a.id, l.lead), at: new Date(l.at), payload: { appointmentId: a.id, lead: l.lead, start: a.startAt.toISOString() } })),
    );
  }

  disarm(m: EntityManager, appointmentId: string): Promise<void> {
    return this.timers.cancel(m, (Object.keys(LEADS) as Lead[]).map((lead) => reminderKey(appointmentId, lead)));
  }

  private async fire(m: EntityManager, due: DueTimer<ReminderPayload>[]): Promise<Map<string, true | null>> {
    const out = new Map<string, true | null>();
    for (const { key, payload } of due) {
      // Shared lock: a cancellation or a reschedule in flight decides first.
      const a = await m.getRepository(Appointment).createQueryBuilder('a').setLock('pessimistic_read').where('a.id = :id', { id: payload.appointmentId }).getOne();
      if (!a || a.status !== 'booked' || a.startAt.toISOString() !== payload.start) {
        out.set(key, null);
        continue;
      }
      const people = await this.participants.of(m, a);
      await this.events.publish(
        m,
        'telemedicine.reminder-due',
        { appointmentId: a.id, lead: payload.lead, start: a.startAt.toISOString(), end: a.endAt.toISOString(), recipients: await this.recipients(m, a, people) },
        { dedupeKey: `telemedicine.reminder.${a.id}.${payload.lead}.${payload.start}` },
      );
      await this.mails.remindLocalClinician(m, a, payload.lead, people);
      out.set(key, true);
    }
    return out;
  }

  /** The participants with an account, each with the zone their reminder names the time in. */
  private async recipients(m: EntityManager, a: Appointment, people: AppointmentPeople): Promise<ReminderRecipient[]> {
    const account = await this.users.patientAccount(m, a.patientId);
    return [
      ...(account ? [{ role: 'patient' as const, userId: account.id, careProviderId: null, timezone: people.patient.timezone }] : []),
      { role: 'clinician', userId: a.clinicianId, careProviderId: null, timezone: people.clinician.timezone },
      ...(a.interpreterProviderId && people.interpreter ? [{ role: 'interpreter' as const, userId: null, careProviderId: a.interpreterProviderId, timezone: people.interpreter.timezone }] : []),
    ];
  }
}
