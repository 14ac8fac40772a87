import { Column, Entity, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';
import type { Category, Entries } from '../domain/vocabulary.js';

@Entity({ name: 'visas' })
export class Visa {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'application_id', type: 'uuid' }) applicationId: string;
  @Column({ name: 'person_id', type: 'uuid' }) personId: string;
  @Column({ type: 'text' }) number: string;
  @Column({ type: 'text' }) category: Category;
  @Column({ type: 'text' }) entries: Entries;
  @Column({ name: 'issued_at', type: 'timestamptz' }) issuedAt: Date;
  @Column({ name: 'enter_by', type: 'date' }) enterBy: string;
  @Column({ name: 'max_stay_days', type: 'int' }) maxStayDays: number;
  /** `expired` is derived on read from enterBy. */
  @Column({ type: 'text' }) status: 'issued' | 'used' | 'cancelled';
  @Column({ name: 'cancel_reason', type: 'text', nullable: true }) cancelReason: string | null;
  @VersionColumn({ type: 'int', default: 1 }) version: number;
}
