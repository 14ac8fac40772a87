import type { Category, DocumentType, Relationship, Track } from './vocabulary.js';

export interface MatrixPerson {
  id: string;
  role: 'patient' | 'companion';
  relationship: Relationship | null;
}

export interface RequiredDocument {
  personId: string;
  type: DocumentType;
}

/** The documents an application needs, person by person (spec/visas.md, documents). Pure. */
export function requiredDocuments(track: Track, category: Category, persons: MatrixPerson[]): RequiredDocument[] {
  const out: RequiredDocument[] = [];
  for (const p of persons) {
    out.push({ personId: p.id, type: 'passport_copy' });
    if (p.role === 'patient') {
      out.push({ personId: p.id, type: 'medical_confirmation' }, { personId: p.id, type: 'diagnosis' });
      if (category === 'G-1-10') out.push({ personId: p.id, type: 'treatment_plan' });
      if (track === 'certificate') out.push({ personId: p.id, type: 'proof_of_funds' });
    } else if (p.relationship === 'caregiver' || p.relationship === 'guardian') {
      out.push({ personId: p.id, type: 'caregiver_letter' });
    } else {
      out.push({ personId: p.id, type: 'relationship_proof' });
    }
  }
  return out;
}

/** What is required and not among the uploaded (personId, type) pairs. */
export function missingDocuments(required: RequiredDocument[], uploaded: { personId: string | null; type: string }[]): RequiredDocument[] {
  return required.filter((r) => !uploaded.some((u) => u.personId === r.personId && u.type === r.type));
}
