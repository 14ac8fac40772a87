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

export interface NamedPerson {
  id: string;
  surname: string;
  givenNames: string;
}

/** One `errors[]` entry of MISSING_DOCUMENTS: the person by id and name (null for the application itself) and the type. */
export interface MissingDocumentProblem {
  field: string;
  message: string;
  personId: string | null;
  name: string | null;
  documentType: string;
}

/** Names what is missing the same way on submit and on resubmit. Pure. */
export function describeMissing(missing: { personId: string | null; type: string }[], persons: NamedPerson[]): MissingDocumentProblem[] {
  const names = new Map(persons.map((p) => [p.id, `${p.givenNames} ${p.surname}`]));
  return missing.map(({ personId, type }) => {
    const name = personId ? (names.get(personId) ?? null) : null;
    return {
      field: personId ? `persons.${personId}` : 'application',
      message: `${type} is missing for ${name ?? 'the application'}`,
      personId,
      name,
      documentType: type,
    };
  });
}
