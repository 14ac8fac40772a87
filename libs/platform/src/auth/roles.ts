export const ROLES = [
  'patient',
  'hospital_coordinator',
  'clinician',
  'care_provider',
  'officer',
  'supervisor',
  'ministry_reviewer',
  'admin',
] as const;
export type Role = (typeof ROLES)[number];

/** Roles whose accounts an admin creates (patients register or are invited with an application). */
export const STAFF_ROLES: readonly Role[] = ROLES.filter((r) => r !== 'patient');
