import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import type { AssignmentStatus, ProviderKind } from '../domain/vocabulary.js';

/** A provider booked for a patient at a hospital; its time is held in provider_bookings while it is live. */
@Entity({ name: 'care_assignments' })
export class CareAssignment {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'provider_id', type: 'uuid' }) providerId: string;
  @Column({ name: 'patient_id', type: 'uuid' }) patientId: string;
  @Column({ name: 'hospital_id', type: 'uuid' }) hospitalId: string;
  @Column({ type: 'text' }) kind: ProviderKind;
  @Column({ name: 'start_at', type: 'timestamptz' }) startAt: Date;
  @Column({ name: 'end_at', type: 'timestamptz' }) endAt: Date;
  @Column({ type: 'text', default: 'pending' }) status: AssignmentStatus;
  @Column({ name: 'match_id', type: 'uuid', nullable: true }) matchId: string | null;
  @Column({ type: 'text', nullable: true }) language: string | null;
  @Column({ name: 'respond_by', type: 'timestamptz' }) respondBy: Date;
  @Column({ name: 'responded_at', type: 'timestamptz', nullable: true }) respondedAt: Date | null;
  @Column({ type: 'smallint', nullable: true }) rating: number | null;
  @Column({ type: 'text', nullable: true }) comment: string | null;
  @Column({ name: 'created_by', type: 'uuid' }) createdBy: string;
  @VersionColumn({ type: 'int', default: 1 }) version: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
