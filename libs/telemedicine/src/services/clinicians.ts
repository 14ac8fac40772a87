import { Injectable } from '@nestjs/common';
import { UsersService } from '@medjourney/identity';
import { DomainError, assertUuid } from '@medjourney/platform';
import type { EntityManager } from 'typeorm';
import type { Schedule } from '../domain/slots.js';
import { TelemedicineErrors } from '../telemedicine.errors.js';

export interface Clinician {
  id: string;
  name: string;
  email: string;
  hospitalId: string;
}

export interface StoredSchedule extends Schedule {
  clinicianId: string;
  hospitalId: string;
  version: number;
}

/** A clinician is an active `clinician` account (identity's door); their schedule is telemedicine's own row. */
@Injectable()
export class Clinicians {
  constructor(private readonly users: UsersService) {}

  /** The clinician, or 404 for an id that names no active clinician. */
  async clinician(m: EntityManager, id: string): Promise<Clinician> {
    assertUuid(id, 'clinician');
    const [r] = await this.users.recipients(m, { ids: [id] });
    if (!r || r.role !== 'clinician' || !r.hospitalId) throw DomainError.notFound('clinician');
    return { id: r.id, name: r.name, email: r.email, hospitalId: r.hospitalId };
  }

  async schedule(m: EntityManager, clinicianId: string, lock = false): Promise<StoredSchedule | null> {
    const [row] = await m.query(
      `SELECT clinician_id, hospital_id, timezone, slot_minutes, weekly, exceptions, version FROM clinician_schedules WHERE clinician_id = $1${lock ? ' FOR UPDATE' : ''}`,
      [clinicianId],
    );
    return row
      ? { clinicianId: row.clinician_id, hospitalId: row.hospital_id, timezone: row.timezone, slotMinutes: row.slot_minutes, weekly: row.weekly, exceptions: row.exceptions, version: row.version }
      : null;
  }

  async scheduleOrFail(m: EntityManager, clinicianId: string): Promise<StoredSchedule> {
    const s = await this.schedule(m, clinicianId);
    if (!s) throw TelemedicineErrors.noSchedule();
    return s;
  }
}
