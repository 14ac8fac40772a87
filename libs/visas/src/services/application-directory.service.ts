import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** What other modules may ask about an application by id (its reference and who is behind it). */
@Injectable()
export class ApplicationDirectory {
  async context(m: EntityManager, applicationId: string): Promise<{ reference: string; sponsorHospitalId: string; patientUserId: string | null } | null> {
    const [row] = await m.query(
      `SELECT reference, sponsor_hospital_id AS "sponsorHospitalId", patient_user_id AS "patientUserId" FROM visa_applications WHERE id = $1`,
      [applicationId],
    );
    return row ?? null;
  }
}
