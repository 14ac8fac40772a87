import type { Schemas } from '../../api/client';

export type Application = Schemas['ApplicationViewDto'];
export type Person = Schemas['PersonViewDto'];
export type DocumentView = Schemas['DocumentDto'];
export type DocumentType = DocumentView['type'];
export type ReasonCode = NonNullable<Schemas['PersonDecisionDto']['reasonCode']>;

export const DOCUMENT_TYPES: DocumentType[] = ['passport_copy', 'medical_confirmation', 'diagnosis', 'treatment_plan', 'proof_of_funds', 'relationship_proof', 'caregiver_letter'];
export const REASON_CODES: ReasonCode[] = ['insufficient_documents', 'purpose_not_established', 'inadmissible', 'previous_overstay', 'security', 'other'];
export const STATUSES: Application['status'][] = ['draft', 'sponsor_review', 'submitted', 'in_review', 'supplement_requested', 'approved', 'rejected', 'withdrawn'];

export const STATUS_COLOURS: Record<Application['status'], string> = {
  draft: 'gray.7', sponsor_review: 'violet.9', submitted: 'blue.9', in_review: 'indigo.9', supplement_requested: 'orange.9', approved: 'green.9', rejected: 'red.9', withdrawn: 'gray.7',
};

export function personName(p: Pick<Person, 'givenNames' | 'surname'>): string {
  return `${p.givenNames} ${p.surname}`;
}
