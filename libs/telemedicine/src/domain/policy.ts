/** What the law of the day allows (spec/telemedicine.md, TELEMEDICINE_POLICY). */
export const POLICIES = ['direct_follow_up', 'doctor_to_doctor'] as const;
export type TelemedicinePolicy = (typeof POLICIES)[number];

/** Under doctor_to_doctor every booking names the doctor abroad who takes part (else 422 LOCAL_CLINICIAN_REQUIRED). */
export function requiresLocalClinician(policy: TelemedicinePolicy): boolean {
  return policy === 'doctor_to_doctor';
}
