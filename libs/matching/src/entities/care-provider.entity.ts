import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import type { AvailabilityException, WeeklyHours } from '../domain/availability.js';
import type { ProviderKind } from '../domain/vocabulary.js';

/** A caregiver or interpreter. Languages, certifications and availability instants are in tables of their own. */
@Entity({ name: 'care_providers' })
export class CareProvider {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'text' }) kind: ProviderKind;
  @Column({ type: 'text' }) name: string;
  @Column({ type: 'text', nullable: true }) email: string | null;
  @Column({ type: 'text', nullable: true }) phone: string | null;
  @Column({ type: 'text', array: true, default: () => "'{}'" }) regions: string[];
  @Column({ name: 'hospital_ids', type: 'uuid', array: true, default: () => "'{}'" }) hospitalIds: string[];
  @Column({ type: 'text', array: true, default: () => "'{}'" }) specialties: string[];
  @Column({ name: 'max_hours_per_week', type: 'int', default: 40 }) maxHoursPerWeek: number;
  @Column({ type: 'numeric', precision: 3, scale: 2, nullable: true }) rating: string | null;
  @Column({ name: 'rating_count', type: 'int', default: 0 }) ratingCount: number;
  @Column({ name: 'rating_sum', type: 'int', default: 0 }) ratingSum: number;
  @Column({ type: 'text', default: 'Asia/Seoul' }) timezone: string;
  @Column({ type: 'jsonb', default: () => "'[]'" }) weekly: WeeklyHours[];
  @Column({ type: 'jsonb', default: () => "'[]'" }) exceptions: AvailabilityException[];
  /** How far ahead care_provider_availability reaches (null: never written from weekly hours). */
  @Column({ name: 'availability_until', type: 'timestamptz', nullable: true }) availabilityUntil: Date | null;
  @Column({ type: 'boolean', default: false }) active: boolean;
  @Column({ name: 'verified_at', type: 'timestamptz', nullable: true }) verifiedAt: Date | null;
  @VersionColumn({ type: 'int', default: 1 }) version: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
