export const PROVIDER_KINDS = ['interpreter', 'caregiver'] as const;
export type ProviderKind = (typeof PROVIDER_KINDS)[number];

export const LANGUAGE_LEVELS = ['native', 'fluent', 'professional'] as const;
export type LanguageLevel = (typeof LANGUAGE_LEVELS)[number];

export const CERTIFICATION_TYPES = ['medical_interpreter', 'care_worker', 'nursing_assistant'] as const;
export type CertificationType = (typeof CERTIFICATION_TYPES)[number];

/** The certifications that count for each kind of provider (an interpreter's care-worker licence does not). */
export const CERTIFICATIONS_OF: Record<ProviderKind, readonly CertificationType[]> = {
  interpreter: ['medical_interpreter'],
  caregiver: ['care_worker', 'nursing_assistant'],
};

export const ASSIGNMENT_STATUSES = ['pending', 'confirmed', 'completed', 'declined', 'expired', 'cancelled'] as const;
export type AssignmentStatus = (typeof ASSIGNMENT_STATUSES)[number];

/** Statuses whose booking holds the provider's time (completed keeps counting towards the week's hours). */
export const LIVE_STATUSES: readonly AssignmentStatus[] = ['pending', 'confirmed', 'completed'];
