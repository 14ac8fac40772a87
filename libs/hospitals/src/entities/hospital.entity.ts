import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import type { HospitalType, Region, Specialty } from '../domain/vocabulary.js';

@Entity({ name: 'hospitals' })
export class Hospital {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'text' }) name: string;
  @Column({ name: 'name_local', type: 'text', nullable: true }) nameLocal: string | null;
  @Column({ name: 'license_number', type: 'text' }) licenseNumber: string;
  @Column({ type: 'text' }) type: HospitalType;
  @Column({ name: 'bed_count', type: 'int' }) bedCount: number;
  @Column({ type: 'text' }) region: Region;
  @Column({ type: 'text' }) address: string;
  @Column({ type: 'text', array: true, default: () => "'{}'" }) specialties: Specialty[];
  @Column({ type: 'text', array: true, default: () => "'{}'" }) languages: string[];
  @Column({ name: 'registration_number', type: 'text', nullable: true }) registrationNumber: string | null;
  @Column({ name: 'registration_valid_until', type: 'date', nullable: true }) registrationValidUntil: string | null;
  @Column({ name: 'kahf_number', type: 'text', nullable: true }) kahfNumber: string | null;
  @Column({ name: 'kahf_valid_until', type: 'date', nullable: true }) kahfValidUntil: string | null;
  @Column({ name: 'koiha_number', type: 'text', nullable: true }) koihaNumber: string | null;
  @Column({ name: 'koiha_valid_until', type: 'date', nullable: true }) koihaValidUntil: string | null;
  @Column({ name: 'k_healthcare_mark_awarded_at', type: 'timestamptz', nullable: true }) kHealthcareMarkAwardedAt: Date | null;
  @VersionColumn({ type: 'int', default: 1 }) version: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
