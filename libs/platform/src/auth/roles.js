export const ROLES = [
    'patient',
    'hospital_coordinator',
    'clinician',
    'care_provider',
    'officer',
    'supervisor',
    'ministry_reviewer',
    'admin',
];
export const STAFF_ROLES = ROLES.filter((r) => r !== 'patient');
//# sourceMappingURL=roles.js.map