export const DEMO_HOSPITAL_ID = '8a1c2d3e-0000-4000-8000-000000000001';
export const DEMO_CARE_PROVIDER_ID = '8a1c2d3e-0000-4000-8000-000000000101';
export const DEMO_PASSWORD = 'medjourney-demo-2026';
export const DEMO_USERS = [
    { email: 'admin@demo.medjourney.dev', name: 'Demo Admin', role: 'admin' },
    { email: 'supervisor@demo.medjourney.dev', name: 'Park Ji-hoon (supervisor)', role: 'supervisor' },
    { email: 'officer@demo.medjourney.dev', name: 'Lee Seo-yeon (officer)', role: 'officer' },
    { email: 'reviewer@demo.medjourney.dev', name: 'Choi Min-ho (ministry reviewer)', role: 'ministry_reviewer' },
    { email: 'coordinator@demo.medjourney.dev', name: 'Jung Ha-eun (coordinator)', role: 'hospital_coordinator', hospitalId: DEMO_HOSPITAL_ID },
    { email: 'clinician@demo.medjourney.dev', name: 'Dr. Kang Do-yoon', role: 'clinician', hospitalId: DEMO_HOSPITAL_ID },
    { email: 'caregiver@demo.medjourney.dev', name: 'Yoon So-ra (caregiver)', role: 'care_provider', careProviderId: DEMO_CARE_PROVIDER_ID },
    { email: 'patient@demo.medjourney.dev', name: 'Aigerim Nurlanovna (patient)', role: 'patient' },
];
export async function seedDemoUsers(manager, users) {
    for (const u of DEMO_USERS)
        await users.createIn(manager, { ...u, password: DEMO_PASSWORD }, null);
    return DEMO_USERS.map(({ email, role }) => ({ email, role }));
}
//# sourceMappingURL=seed-identity.js.map