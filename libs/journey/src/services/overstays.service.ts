import { Injectable } from '@nestjs/common';
import { Clock, EventBus } from '@medjourney/platform';
import { DesignationsService } from '@medjourney/hospitals';
import { VisaUseService } from '@medjourney/visas';
import { DataSource } from 'typeorm';
import { koreanToday, overstayBegins } from '../domain/plausibility.js';

export interface NightlyOutcome {
  expiredVisas: number;
  overstays: number;
  sanctionsRecorded: number;
}

/**
 * The nightly pass (spec/journey.md): stores `expired` on visas whose enter-by date passed
 * unused, flags each person still in Korea after their permitted stay (once per person and
 * visa: a unique key), and has the sponsor's sanction ladder count each overstay through the
 * hospitals module's door, which counts a reference once. Running it twice, or on two workers
 * at once, changes nothing the second time.
 */
@Injectable()
export class OverstaysService {
  constructor(
    private readonly db: DataSource,
    private readonly visas: VisaUseService,
    private readonly designations: DesignationsService,
    private readonly events: EventBus,
    private readonly clock: Clock,
  ) {}

  async runNightly(): Promise<NightlyOutcome> {
    const now = this.clock.now();
    const today = koreanToday(now);
    const expiredVisas = await this.db.transaction((m) => this.visas.expireUnused(m, today));
    const overstays = await this.db.transaction(async (m) => {
      const found: { id: string; patient_id: string; person_id: string; name: string; visa_id: string; sponsor_hospital_id: string; ends_on: string }[] = await m.query(
        `INSERT INTO journey_overstays (patient_id, person_id, visa_id, stay_id, sponsor_hospital_id, stay_ended_on, detected_at)
         SELECT s.patient_id, s.person_id, s.visa_id, s.id, s.sponsor_hospital_id, s.ends_on, $2 FROM journey_stays s
          WHERE s.departed_at IS NULL AND s.ends_on < $1
         ON CONFLICT (person_id, visa_id) DO NOTHING
         RETURNING id, patient_id, person_id, visa_id, sponsor_hospital_id, to_char(stay_ended_on, 'YYYY-MM-DD') AS ends_on,
                   (SELECT name FROM journey_stays WHERE id = stay_id) AS name`,
        [today, now],
      );
      for (const o of found) {
        await this.events.publish(
          m,
          'journey.overstay-detected',
          { patientId: o.patient_id, personId: o.person_id, name: o.name, visaId: o.visa_id, sponsorHospitalId: o.sponsor_hospital_id, stayEndedOn: o.ends_on },
          { dedupeKey: `journey.overstay.${o.person_id}.${o.visa_id}` },
        );
      }
      return found.length;
    });
    // Each overstay not yet counted: the ladder counts a reference once, so a repeat (or a
    // crash between its commit and ours) moves it no further.
    const pending: { id: string; sponsor_hospital_id: string; person_id: string; visa_id: string; ended: string }[] = await this.db.query(
      `SELECT id, sponsor_hospital_id, person_id, visa_id, to_char(stay_ended_on, 'YYYY-MM-DD') AS ended FROM journey_overstays WHERE sanction_recorded_at IS NULL ORDER BY detected_at, id`,
    );
    let sanctionsRecorded = 0;
    for (const o of pending) {
      const outcome = await this.designations.recordOverstay({ hospitalId: o.sponsor_hospital_id, occurredAt: overstayBegins(o.ended), reference: overstayReference(o.person_id, o.visa_id) });
      if (outcome) sanctionsRecorded++;
      await this.db.query('UPDATE journey_overstays SET sanction_recorded_at = $2 WHERE id = $1 AND sanction_recorded_at IS NULL', [o.id, this.clock.now()]);
    }
    return { expiredVisas, overstays, sanctionsRecorded };
  }
}

/** How the sanction ladder names an overstay: once per person and visa. */
export const overstayReference = (personId: string, visaId: string) => `overstay:${personId}:${visaId}`;
