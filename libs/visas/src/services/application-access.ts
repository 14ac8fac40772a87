import { DomainError, applyScope, assertUuid, type Actor, type ScopePolicy } from '@medjourney/platform';
import type { EntityManager, SelectQueryBuilder } from 'typeorm';
import { checkTransition, type Action, type Actor as MachineActor } from '../domain/application-state-machine.js';
import { VisaApplication } from '../entities/visa-application.entity.js';
import { VisaErrors } from '../visas.errors.js';
import { historyInsert, type HistoryLine } from './application-events.recorder.js';

/**
 * Who sees which application (spec/visas.md, lists): coordinators their hospital's, patients
 * their own, officers those assigned to them or unassigned once submitted, supervisors and admins all.
 */
export const APPLICATION_SCOPE: ScopePolicy = {
  hospital_coordinator: { column: 'sponsor_hospital_id', actor: 'hospitalId' },
  patient: { column: 'patient_user_id', actor: 'userId' },
  officer: { column: 'assigned_officer_id', actor: 'userId', orNull: true },
  supervisor: 'all',
  admin: 'all',
};

/** Roles that see passport numbers in full (the sponsor's coordinators are in scope only for their own). */
export const FULL_PII_ROLES = ['officer', 'supervisor', 'hospital_coordinator'];

export function scopedApplications(m: EntityManager, actor: Actor): SelectQueryBuilder<VisaApplication> {
  const qb = applyScope(m.getRepository(VisaApplication).createQueryBuilder('a'), 'a', actor, APPLICATION_SCOPE);
  // An officer sees an application once it was submitted, never a draft (spec/security.md):
  // not in lists, not by id, not by passport number.
  return actor.role === 'officer' ? qb.andWhere('a.submitted_at IS NOT NULL') : qb;
}

/** The entity's columns named as its properties, dates as TypeORM gives them ('YYYY-MM-DD'). */
const APPLICATION_COLUMNS = `id, reference, sponsor_hospital_id AS "sponsorHospitalId", patient_id AS "patientId", patient_user_id AS "patientUserId",
  created_by AS "createdBy", status, track, category, entries, to_char(stay_from, 'YYYY-MM-DD') AS "stayFrom", to_char(stay_until, 'YYYY-MM-DD') AS "stayUntil",
  treatment, assigned_officer_id AS "assignedOfficerId", assigned_at AS "assignedAt", supplement, submitted_at AS "submittedAt", due_at AS "dueAt",
  decided_at AS "decidedAt", closed_at AS "closedAt", patient_consent AS "patientConsent", consented_at AS "consentedAt",
  escalation_level AS "escalationLevel", version, created_at AS "createdAt", updated_at AS "updatedAt"`;

/**
 * The WHERE of the application `id` as the caller may see it (APPLICATION_SCOPE), for a plain
 * statement whose parameters `p` adds; throws 404 when the caller sees no application at all.
 */
export function applicationInScope(actor: Actor, id: string, p: (value: unknown, type: string) => string): string {
  assertUuid(id, 'visa application');
  const rule = APPLICATION_SCOPE[actor.role as keyof typeof APPLICATION_SCOPE];
  let where = `id = ${p(id, 'uuid')}`;
  if (rule !== 'all') {
    const value = rule ? actor[rule.actor] : null;
    if (!rule || value == null) throw DomainError.notFound('visa application');
    const param = p(value, 'uuid');
    where += rule.orNull ? ` AND (${rule.column} = ${param} OR ${rule.column} IS NULL)` : ` AND ${rule.column} = ${param}`;
  }
  // An officer never sees a draft (scopedApplications).
  if (actor.role === 'officer') where += ' AND submitted_at IS NOT NULL';
  return where;
}

/**
 * Loads an application the caller may see, locked for the change when `lock`; else 404. One
 * plain statement (APPLICATION_SCOPE as its WHERE), not TypeORM's query builder: every change
 * of the submit path starts here, and building and hydrating the query cost more than the read.
 */
export async function loadApplication(m: EntityManager, actor: Actor, id: string, lock = false): Promise<VisaApplication> {
  const params: unknown[] = [];
  const where = applicationInScope(actor, id, (value, type) => `$${params.push(value)}::${type}`);
  const [row] = await m.query(`SELECT ${APPLICATION_COLUMNS} FROM visa_applications WHERE ${where}${lock ? ' FOR UPDATE' : ''}`, params);
  if (!row) throw DomainError.notFound('visa application');
  return Object.assign(new VisaApplication(), row);
}

/** The caller's relations to the application, as the state machine names them. */
export function machineActors(actor: Actor, app: Pick<VisaApplication, 'sponsorHospitalId' | 'patientUserId' | 'assignedOfficerId'>): MachineActor[] {
  const out: MachineActor[] = [];
  if (actor.role === 'hospital_coordinator' && actor.hospitalId === app.sponsorHospitalId) out.push('sponsor_coordinator');
  if (actor.role === 'patient' && actor.userId === app.patientUserId) out.push('own_patient');
  if (actor.role === 'officer' && app.assignedOfficerId === actor.userId) out.push('assigned_officer');
  if (actor.role === 'supervisor') out.push('supervisor');
  return out;
}

/** Refuses an action the state machine does not allow: 403 for the wrong actor, 409 for the wrong state. */
export function assertTransition(actor: Actor, app: VisaApplication, action: Action): void {
  const actors = machineActors(actor, app);
  // An officer may take up an unassigned application by starting its review.
  if (action === 'start_review' && actor.role === 'officer' && app.assignedOfficerId === null) actors.push('assigned_officer');
  const check = checkTransition(app.status, action, actors);
  if (check.ok) return;
  if (check.reason === 'actor') throw DomainError.forbidden(`You may not ${action.replace(/_/g, ' ')} this application.`);
  throw VisaErrors.invalidTransition(app.status, action);
}

/**
 * Writes the columns a state change may move, in one statement with its history line (one UPDATE
 * of the row the change holds locked: TypeORM's save would first read the row back); the version
 * and update time come back into `app`, the history line's id is returned. `passports` opens the
 * persons' passports (submit: the unique index on open_passport_hash keeps a person in one open
 * application, also under races) or closes them (the application ends), in the same statement.
 */
export async function saveTransition(m: EntityManager, app: VisaApplication, line: HistoryLine, passports?: 'open' | 'close'): Promise<string> {
  const params: unknown[] = [app.id];
  const p = (value: unknown, type: string) => `$${params.push(value)}::${type}`;
  const persons = passports
    ? `, persons AS (UPDATE visa_persons SET open_passport_hash = ${passports === 'open' ? 'passport_hash' : 'NULL'} WHERE application_id = $1)`
    : '';
  const sql = `WITH app AS (
      UPDATE visa_applications SET status = ${p(app.status, 'text')}, track = ${p(app.track, 'text')}, assigned_officer_id = ${p(app.assignedOfficerId, 'uuid')},
             assigned_at = ${p(app.assignedAt, 'timestamptz')}, supplement = ${p(app.supplement && JSON.stringify(app.supplement), 'jsonb')},
             submitted_at = ${p(app.submittedAt, 'timestamptz')}, due_at = ${p(app.dueAt, 'timestamptz')}, decided_at = ${p(app.decidedAt, 'timestamptz')},
             closed_at = ${p(app.closedAt, 'timestamptz')}, version = version + 1, updated_at = CURRENT_TIMESTAMP
       WHERE id = $1 RETURNING id, status, version, updated_at),
    history AS (${historyInsert('app', line, p)})${persons}
    SELECT app.version, app.updated_at, history.id AS history_id FROM app, history`;
  let row: { version: number; updated_at: Date; history_id: string };
  try {
    [row] = await m.query(sql, params);
  } catch (e) {
    // No savepoint: the refusal ends the transaction anyway.
    if ((e as { constraint?: string }).constraint === 'visa_persons_open_passport_key') throw VisaErrors.duplicateOpen();
    throw e;
  }
  app.version = row.version;
  app.updatedAt = row.updated_at;
  return row.history_id;
}
