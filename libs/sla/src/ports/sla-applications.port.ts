import type { EntityManager } from 'typeorm';
import type { SlaSubject } from '../services/sla.repository.js';

/** Injection token of the SlaApplicationsPort; the module that owns the applications provides it. */
export const SLA_APPLICATIONS = Symbol('SlaApplicationsPort');

/** Per officer: open applications, of which at risk and breached, and decided in a window. */
export interface OfficerFigures {
  open: number;
  atRisk: number;
  breached: number;
  decided: number;
}

/** An officer's open applications now (or the unassigned ones'): how many, at risk, breached, waiting for the applicant, the earliest due. */
export interface OpenLoad {
  open: number;
  atRisk: number;
  breached: number;
  /** Waiting for the applicant (`supplement_requested`): the clock is paused. */
  waiting: number;
  nextDueAt: Date | null;
}

export interface EscalatedApplication {
  id: string;
  reference: string;
  status: string;
  escalationLevel: number;
  dueAt: Date | null;
  assignedOfficerId: string | null;
}

/**
 * What the SLA needs of the applications it times, and may write to them. The SLA declares it
 * and visas fills it, so the SLA names no table of visas and visas' work queue keeps sorting
 * on its own columns (due time, escalation level), which the SLA mirrors through `mirror`.
 */
export interface SlaApplicationsPort {
  /** Copies the clock's due time and/or escalation level onto the applications, in the caller's transaction. */
  mirror(m: EntityManager, rows: readonly { id: string; dueAt?: Date | null; escalationLevel?: number }[]): Promise<void>;
  /** Who holds each application now. */
  assignedOfficers(m: EntityManager, ids: readonly string[]): Promise<Map<string, string | null>>;
  /** What the `sla` block needs of these applications. */
  subjects(m: EntityManager, ids: readonly string[]): Promise<SlaSubject[]>;

  /**
   * Locks an open application for (re)assignment and reads, in the same statement, these
   * officers' loads: their open applications and when each was last given one (an officer
   * holding none is absent). Undefined when the application is missing or closed.
   */
  lockOpenForAssignment(
    m: EntityManager,
    id: string,
    officerIds: readonly string[],
  ): Promise<{ assignedOfficerId: string | null; loads: Map<string, { open: number; lastAssignedAt: Date | null }> } | undefined>;
  assign(m: EntityManager, id: string, officerId: string, at: Date): Promise<void>;
  /** An officer's open applications, most urgent first. */
  openOf(officerId: string): Promise<string[]>;

  /** Reports: submitted in the window, decided in it (with what the `sla` block needs), at risk and breached now, per officer. */
  window(from: Date, to: Date): Promise<{ submitted: number; decided: SlaSubject[]; atRisk: number; breached: number; perOfficer: Map<string, OfficerFigures> }>;
  /** Open applications at risk or breached, most urgent first. */
  escalated(limit: number): Promise<EscalatedApplication[]>;
  /** Applications decided in the window, optionally of one track, with what the `sla` block needs. */
  decidedBetween(from: Date, to: Date, track?: 'e_visa' | 'certificate'): Promise<SlaSubject[]>;
  /** Open applications per assigned officer; the key null holds the unassigned ones. */
  openLoads(): Promise<Map<string | null, OpenLoad>>;
}
