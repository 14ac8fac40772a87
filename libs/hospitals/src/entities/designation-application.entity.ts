import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';
import type { DesignationFigures, EligibilityFailure, ScoreBreakdown } from '../domain/designation-scoring.js';
import type { ApplicationStatus, DesignationRoute } from '../domain/vocabulary.js';

export interface DeclaredFigures extends DesignationFigures {
  interpreters: number;
}

@Entity({ name: 'designation_applications' })
export class DesignationApplication {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'hospital_id', type: 'uuid' }) hospitalId: string;
  @Column({ type: 'int' }) year: number;
  @Column({ type: 'text' }) status: ApplicationStatus;
  @Column({ type: 'text' }) route: DesignationRoute;
  /** From the system's own visa records for the 24 months before the application. */
  @Column({ name: 'system_figures', type: 'jsonb' }) systemFigures: DesignationFigures;
  /** Declared by the hospital for the months before it used the system. */
  @Column({ name: 'declared_figures', type: 'jsonb' }) declaredFigures: DeclaredFigures;
  @Column({ type: 'numeric', precision: 6, scale: 2, nullable: true, transformer: { to: (v: number | null) => v, from: (v: string | null) => (v === null ? null : Number(v)) } })
  score: number | null;
  @Column({ name: 'score_breakdown', type: 'jsonb', nullable: true }) scoreBreakdown: ScoreBreakdown | null;
  @Column({ name: 'eligibility_failures', type: 'jsonb', default: () => "'[]'" }) eligibilityFailures: EligibilityFailure[];
  @Column({ name: 'decision_note', type: 'text', nullable: true }) decisionNote: string | null;
  @Column({ name: 'decided_by', type: 'uuid', nullable: true }) decidedBy: string | null;
  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true }) decidedAt: Date | null;
  @Column({ name: 'submitted_at', type: 'timestamptz' }) submittedAt: Date;
  @VersionColumn({ type: 'int', default: 1 }) version: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
