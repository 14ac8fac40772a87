import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { DocumentType } from '../domain/vocabulary.js';

/** An uploaded document: the file lives under STORAGE_DIR by its random key; its SHA-256 is kept. */
@Entity({ name: 'visa_documents' })
export class VisaDocument {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'application_id', type: 'uuid' }) applicationId: string;
  @Column({ name: 'person_id', type: 'uuid', nullable: true }) personId: string | null;
  @Column({ type: 'text' }) type: DocumentType;
  @Column({ type: 'text' }) filename: string;
  @Column({ name: 'content_type', type: 'text' }) contentType: string;
  @Column({ type: 'int' }) size: number;
  @Column({ type: 'text' }) sha256: string;
  @Column({ name: 'storage_key', type: 'text' }) storageKey: string;
  @Column({ name: 'uploaded_by', type: 'uuid' }) uploadedBy: string;
  @Column({ name: 'uploaded_at', type: 'timestamptz' }) uploadedAt: Date;
}
