import { Column, Entity, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';
import type { VisaStatus } from '../domain/visa-terms.js';
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
  /** `expired` is stored by the nightly job, and reported on read as soon as enterBy has passed unused. */
  @Column({ type: 'text' }) status: VisaStatus;
  /** Arrivals made on this visa (spec/journey.md). */
  @Column({ name: 'entries_used', type: 'int', default: 0 }) entriesUsed: number;
  @Column({ name: 'last_entry_at', type: 'timestamptz', nullable: true }) lastEntryAt: Date | null;
  @Column({ name: 'cancel_reason', type: 'text', nullable: true }) cancelReason: string | null;
  @VersionColumn({ type: 'int', default: 1 }) version: number;
}
