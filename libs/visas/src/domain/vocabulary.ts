export const APPLICATION_STATUSES = ['draft', 'sponsor_review', 'submitted', 'in_review', 'supplement_requested', 'approved', 'rejected', 'withdrawn'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

/** Submitted and not yet decided: counts toward the sponsor quota and the one-open-application rule. */
export const OPEN_STATUSES: readonly ApplicationStatus[] = ['submitted', 'in_review', 'supplement_requested'];

export const TRACKS = ['e_visa', 'certificate'] as const;
export type Track = (typeof TRACKS)[number];

export const CATEGORIES = ['C-3-3', 'G-1-10'] as const;
export type Category = (typeof CATEGORIES)[number];

export const ENTRIES = ['single', 'double', 'multiple'] as const;
export type Entries = (typeof ENTRIES)[number];

export const RELATIONSHIPS = ['spouse', 'child', 'parent', 'sibling', 'caregiver', 'guardian'] as const;
export type Relationship = (typeof RELATIONSHIPS)[number];
export const FAMILY: readonly Relationship[] = ['spouse', 'child', 'parent', 'sibling'];

export const DOCUMENT_TYPES = ['passport_copy', 'medical_confirmation', 'diagnosis', 'treatment_plan', 'proof_of_funds', 'relationship_proof', 'caregiver_letter'] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

export const REASON_CODES = ['insufficient_documents', 'purpose_not_established', 'inadmissible', 'previous_overstay', 'security', 'other'] as const;
export type ReasonCode = (typeof REASON_CODES)[number];

/** The portal's plain labels for patients (spec/visas.md). */
export const PUBLIC_STATUS: Record<ApplicationStatus, string> = {
  draft: 'Draft',
  sponsor_review: 'Draft',
  submitted: 'Received',
  in_review: 'Under review',
  supplement_requested: 'Documents requested',
  approved: 'Approved',
  rejected: 'Denied',
  withdrawn: 'Withdrawn',
};
