import { Injectable } from '@nestjs/common';
import { AuditService, Clock, DomainError, type Actor } from '@medjourney/platform';
import { DataSource } from 'typeorm';
import { scheduleProblems } from '../domain/slots.js';
import type { ScheduleBody, ScheduleDto } from '../dto/telemedicine.dto.js';
import { TelemedicineErrors } from '../telemedicine.errors.js';
import { Clinicians, type StoredSchedule } from './clinicians.js';

export const scheduleView = (s: StoredSchedule): ScheduleDto => ({
  clinicianId: s.clinicianId, hospitalId: s.hospitalId, timezone: s.timezone, slotMinutes: s.slotMinutes, weekly: s.weekly, exceptions: s.exceptions, version: s.version,
});

/** PUT/GET /clinicians/:id/schedule: the clinician themselves and the coordinators of their hospital (others: 404). */
@Injectable()
export class SchedulesService {
  constructor(
    private readonly db: DataSource,
    private readonly clinicians: Clinicians,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async put(actor: Actor, clinicianId: string, body: ScheduleBody): Promise<ScheduleDto> {
    const problems = scheduleProblems(body);
    if (problems.length) throw TelemedicineErrors.invalidSchedule(problems);
    return this.db.transaction(async (m) => {
      const clinician = await this.clinicians.clinician(m, clinicianId);
      this.assertManages(actor, clinician);
      const before = await this.clinicians.schedule(m, clinicianId, true);
      const [row] = await m.query(
        `INSERT INTO clinician_schedules (clinician_id, hospital_id, timezone, slot_minutes, weekly, exceptions, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (clinician_id) DO UPDATE SET hospital_id = EXCLUDED.hospital_id, timezone = EXCLUDED.timezone, slot_minutes = EXCLUDED.slot_minutes,
           weekly = EXCLUDED.weekly, exceptions = EXCLUDED.exceptions, updated_at = EXCLUDED.updated_at, version = clinician_schedules.version + 1
         RETURNING version`,
        [clinicianId, clinician.hospitalId, body.timezone, body.slotMinutes, JSON.stringify(body.weekly), JSON.stringify(body.exceptions), this.clock.now()],
      );
      const after: StoredSchedule = { clinicianId, hospitalId: clinician.hospitalId, ...body, version: row.version };
      await this.audit.record(m, { action: 'clinician.schedule_set', entityType: 'clinician', entityId: clinicianId, before: before && scheduleView(before), after: scheduleView(after) });
      return scheduleView(after);
    });
  }

  async get(actor: Actor, clinicianId: string): Promise<ScheduleDto> {
    const m = this.db.manager;
    const clinician = await this.clinicians.clinician(m, clinicianId);
    this.assertManages(actor, clinician);
    const s = await this.clinicians.schedule(m, clinicianId);
    if (!s) throw DomainError.notFound('schedule');
    return scheduleView(s);
  }

  private assertManages(actor: Actor, clinician: { id: string; hospitalId: string }): void {
    const own = actor.role === 'clinician' && actor.userId === clinician.id;
    const coordinator = actor.role === 'hospital_coordinator' && actor.hospitalId === clinician.hospitalId;
    if (!own && !coordinator && actor.role !== 'admin') throw DomainError.notFound('clinician');
  }
}
