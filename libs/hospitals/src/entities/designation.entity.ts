import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import type { DesignationRoute, DesignationStatus } from '../domain/vocabulary.js';

@Entity({ name: 'designations' })
export class Designation {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'hospital_id', type: 'uuid' }) hospitalId: string;
  @Column({ type: 'int' }) year: number;
  @Column({ type: 'text' }) status: DesignationStatus;
  @Column({ name: 'valid_from', type: 'date' }) validFrom: string;
  @Column({ name: 'valid_until', type: 'date' }) validUntil: string;
  @Column({ type: 'numeric', precision: 6, scale: 2, nullable: true, transformer: { to: (v: number | null) => v, from: (v: string | null) => (v === null ? null : Number(v)) } })
  score: number | null;
  @Column({ type: 'text' }) route: DesignationRoute;
  @Column({ name: 'sanction_level', type: 'int', default: 0 }) sanctionLevel: number;
  @Column({ name: 'suspended_until', type: 'timestamptz', nullable: true }) suspendedUntil: Date | null;
  @Column({ name: 'application_id', type: 'uuid', nullable: true }) applicationId: string | null;
  @Column({ name: 'status_note', type: 'text', nullable: true }) statusNote: string | null;
  @VersionColumn({ type: 'int', default: 1 }) version: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
