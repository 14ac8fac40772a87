import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import type { ApplicationStatus, Category, DocumentType, Entries, Track } from '../domain/vocabulary.js';

export interface Treatment {
  specialty: string;
  summary: string;
  plannedStart: string;
  plannedEnd: string;
}

export interface SupplementRequest {
  reason: string;
  items: { personId: string | null; documentType: DocumentType }[];
  requestedAt: string;
}

@Entity({ name: 'visa_applications' })
export class VisaApplication {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'text' }) reference: string;
  @Column({ name: 'sponsor_hospital_id', type: 'uuid' }) sponsorHospitalId: string;
  @Column({ name: 'patient_id', type: 'uuid' }) patientId: string;
  @Column({ name: 'patient_user_id', type: 'uuid' }) patientUserId: string;
  @Column({ name: 'created_by', type: 'uuid' }) createdBy: string;
  @Column({ type: 'text' }) status: ApplicationStatus;
  @Column({ type: 'text', nullable: true }) track: Track | null;
  @Column({ type: 'text' }) category: Category;
  @Column({ type: 'text' }) entries: Entries;
  @Column({ name: 'stay_from', type: 'date' }) stayFrom: string;
  @Column({ name: 'stay_until', type: 'date' }) stayUntil: string;
  @Column({ type: 'jsonb' }) treatment: Treatment;
  @Column({ name: 'assigned_officer_id', type: 'uuid', nullable: true }) assignedOfficerId: string | null;
  @Column({ name: 'assigned_at', type: 'timestamptz', nullable: true }) assignedAt: Date | null;
  @Column({ type: 'jsonb', nullable: true }) supplement: SupplementRequest | null;
  @Column({ name: 'submitted_at', type: 'timestamptz', nullable: true }) submittedAt: Date | null;
  @Column({ name: 'due_at', type: 'timestamptz', nullable: true }) dueAt: Date | null;
  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true }) decidedAt: Date | null;
  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true }) closedAt: Date | null;
  /** `awaiting` while a hospital's application for an existing patient waits for their acceptance (spec/security.md); null when none was needed. */
  @Column({ name: 'patient_consent', type: 'text', nullable: true }) patientConsent: 'awaiting' | 'accepted' | null;
  @Column({ name: 'consented_at', type: 'timestamptz', nullable: true }) consentedAt: Date | null;
  /** The processing clock (owned by the SLA module): cycle, escalation, next stage and its instant. */
  @Column({ name: 'escalation_level', type: 'int', default: 0 }) escalationLevel: number;
  @VersionColumn({ type: 'int', default: 1 }) version: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
