import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { ReasonCode, Relationship } from '../domain/vocabulary.js';

/** A person of an application; passport number and date of birth are sealed (PiiCipher). */
@Entity({ name: 'visa_persons' })
export class VisaPerson {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'application_id', type: 'uuid' }) applicationId: string;
  @Column({ type: 'int' }) ordinal: number;
  @Column({ type: 'text' }) role: 'patient' | 'companion';
  @Column({ type: 'text', nullable: true }) relationship: Relationship | null;
  @Column({ type: 'text' }) surname: string;
  @Column({ name: 'given_names', type: 'text' }) givenNames: string;
  @Column({ type: 'text' }) sex: 'M' | 'F' | 'X';
  @Column({ name: 'date_of_birth_sealed', type: 'text' }) dateOfBirthSealed: string;
  @Column({ type: 'text' }) nationality: string;
  @Column({ name: 'passport_number_sealed', type: 'text' }) passportNumberSealed: string;
  /** What lists show (`M1234****`), so they decrypt nothing; null until the backfill reaches a row written before it existed. */
  @Column({ name: 'passport_number_masked', type: 'text', nullable: true }) passportNumberMasked: string | null;
  @Column({ name: 'passport_hash', type: 'text' }) passportHash: string;
  @Column({ name: 'passport_search_hash', type: 'text' }) passportSearchHash: string;
  @Column({ name: 'passport_expiry', type: 'date' }) passportExpiry: string;
  @Column({ type: 'text', nullable: true }) email: string | null;
  @Column({ type: 'text', nullable: true }) outcome: 'approve' | 'reject' | null;
  @Column({ name: 'reason_code', type: 'text', nullable: true }) reasonCode: ReasonCode | null;
  @Column({ name: 'open_passport_hash', type: 'text', nullable: true }) openPassportHash: string | null;
}
