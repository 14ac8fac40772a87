import { Injectable } from '@nestjs/common';
import { PatientProfilesService } from '@medjourney/journey';
import { MatchingService } from '@medjourney/matching';
import { Clock, DomainError, type Actor } from '@medjourney/platform';
import { IANAZone } from 'luxon';
import { DataSource, type EntityManager } from 'typeorm';
import { MAX_PERIOD_DAYS, gridSlots, shownInAll, withoutBooked, type Slot } from '../domain/slots.js';
import type { SlotListDto, SlotQuery } from '../dto/telemedicine.dto.js';
import { TelemedicineErrors } from '../telemedicine.errors.js';
import { Clinicians } from './clinicians.js';

const KOREA = 'Asia/Seoul';

/**
 * The clinician's booked appointments overlapping a period: a probe of the exclusion
 * constraint's GiST index (clinician, time range) of booked rows.
 */
export const BOOKED_SQL = `SELECT start_at, end_at FROM telemedicine_appointments
  WHERE clinician_id = $1 AND status = 'booked' AND tstzrange(start_at, end_at, '[)') && tstzrange($2, $3, '[)')`;

/** GET /telemedicine/slots: the clinician's free slots in a period, shown in the patient's zone. */
@Injectable()
export class SlotsService {
  constructor(
    private readonly db: DataSource,
    private readonly clinicians: Clinicians,
    private readonly patients: PatientProfilesService,
    private readonly matching: MatchingService,
    private readonly clock: Clock,
  ) {}

  async list(actor: Actor, q: SlotQuery): Promise<SlotListDto> {
    const from = Date.parse(q.from);
    const to = Date.parse(q.to);
    if (!(to > from)) throw TelemedicineErrors.invalidPeriod('to must be after from.');
    if (to - from > MAX_PERIOD_DAYS * 86_400_000) throw TelemedicineErrors.invalidPeriod(`A request covers at most ${MAX_PERIOD_DAYS} days.`);
    if (q.timezone !== undefined && !IANAZone.isValidZone(q.timezone)) throw TelemedicineErrors.invalidTimezone();
    return this.db.transaction('REPEATABLE READ', async (m) => {
      const clinician = await this.clinicians.clinician(m, q.clinicianId);
      this.assertMayList(actor, clinician);
      const timezone = q.timezone ?? (actor.role === 'patient' && actor.patientId ? ((await this.patients.preferences(actor.patientId, m)).timezone ?? KOREA) : KOREA);
      const schedule = await this.clinicians.schedule(m, clinician.id);
      if (!schedule) return { timezone, items: [] };
      const free = await this.freeSlots(m, clinician.id, gridSlots(schedule, Math.max(from, this.clock.now().getTime() + 1), to), from, to, q.interpreterLanguage);
      const shown = shownInAll(free.map((s) => s.start), timezone);
      return { timezone, items: free.map((s, i) => ({ start: new Date(s.start).toISOString(), end: new Date(s.end).toISOString(), ...shown[i] })) };
    });
  }

  /** The grid's slots that no booked appointment overlaps and, with a language, where an interpreter of it is free. */
  async freeSlots(m: EntityManager, clinicianId: string, grid: Slot[], from: number, to: number, language?: string): Promise<Slot[]> {
    if (grid.length === 0) return [];
    const booked: { start_at: Date; end_at: Date }[] = await m.query(BOOKED_SQL, [clinicianId, new Date(from), new Date(Math.max(to, grid[grid.length - 1].end))]);
    const open = withoutBooked(grid, booked.map((b) => ({ start: b.start_at.getTime(), end: b.end_at.getTime() })));
    if (!language) return open;
    const withInterpreter = await this.matching.interpreterFree(m, language, open.map((s) => ({ start: new Date(s.start), end: new Date(s.end) })));
    return open.filter((_, i) => withInterpreter[i]);
  }

  /**
   * A patient lists any clinician's slots (eligibility is checked at booking); the clinician
   * their own; coordinators those of their hospital's clinicians (a treating hospital's
   * coordinators book through the clinician's hospital, spec/telemedicine.md).
   */
  private assertMayList(actor: Actor, clinician: { id: string; hospitalId: string }): void {
    if (actor.role === 'patient' || actor.role === 'admin') return;
    if (actor.role === 'clinician' && actor.userId === clinician.id) return;
    if (actor.role === 'hospital_coordinator' && actor.hospitalId === clinician.hospitalId) return;
    throw DomainError.notFound('clinician');
  }
}
