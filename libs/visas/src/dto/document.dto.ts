import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DomainError, isUuid, type FieldProblem } from '@medjourney/platform';
import { IsIn, IsOptional, IsString, IsUUID } from 'class-validator';
import { DOCUMENT_TYPES, type DocumentType } from '../domain/vocabulary.js';

export class UploadDocumentDto {
  @ApiProperty({ enum: DOCUMENT_TYPES }) @IsIn(DOCUMENT_TYPES) type: DocumentType;
  @ApiPropertyOptional({ format: 'uuid', description: 'the person the document is for (the patient when omitted)' }) @IsOptional() @IsUUID() personId?: string;
}

export class DocumentDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) personId: string | null;
  @ApiProperty({ enum: DOCUMENT_TYPES }) type: string;
  @ApiProperty() filename: string;
  @ApiProperty({ enum: ['application/pdf', 'image/jpeg', 'image/png'] }) contentType: string;
  @ApiProperty() size: number;
  @ApiProperty() sha256: string;
  @ApiProperty({ format: 'date-time' }) uploadedAt: string;
}

/** The multipart body of a batch upload: `files` (one part per file) and `documents`, their manifest. */
export class UploadDocumentsDto {
  @ApiProperty({
    description:
      'a JSON array with one `{ "type", "personId"? }` per file, in the order of the `files` parts (personId: the patient when omitted)',
    example: '[{"type":"passport_copy"},{"type":"relationship_proof","personId":"3f0c…"}]',
  })
  @IsString()
  documents: string;
}

/** The manifest of a batch upload, checked entry by entry; every problem is named (`documents[i].type`) in one 400. */
export function parseDocumentManifest(raw: string): UploadDocumentDto[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    parsed = undefined;
  }
  if (!Array.isArray(parsed)) throw DomainError.validation([{ field: 'documents', message: 'must be a JSON array' }]);
  const problems: FieldProblem[] = [];
  const items = parsed.map((entry: unknown, i): UploadDocumentDto => {
    const e = (typeof entry === 'object' && entry !== null ? entry : {}) as Record<string, unknown>;
    if (!DOCUMENT_TYPES.includes(e.type as DocumentType)) problems.push({ field: `documents[${i}].type`, message: `must be one of ${DOCUMENT_TYPES.join(', ')}` });
    if (e.personId !== undefined && e.personId !== null && !(typeof e.personId === 'string' && isUuid(e.personId))) problems.push({ field: `documents[${i}].personId`, message: 'must be a UUID' });
    const extra = Object.keys(e).filter((k) => k !== 'type' && k !== 'personId');
    if (extra.length) problems.push({ field: `documents[${i}]`, message: `unknown properties: ${extra.join(', ')}` });
    return { type: e.type as DocumentType, ...(typeof e.personId === 'string' ? { personId: e.personId } : {}) };
  });
  if (problems.length) throw DomainError.validation(problems);
  return items;
}
