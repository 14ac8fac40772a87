import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { DomainError } from '../errors/domain-error.js';
import type { Actor } from '../http/request-context.js';
import type { Role } from './roles.js';

/**
 * How one kind of resource is scoped, role by role:
 * - 'all': every row;
 * - a column name: rows whose column equals the caller's own hospital, care provider,
 *   patient record or user id (`{ column: 'hospital_id', actor: 'hospitalId' }`);
 * - absent: no row at all.
 * Every module declares one policy per resource and reads through `applyScope`, so that a row
 * outside the caller's scope is simply not found (404), never forbidden (403).
 */
export type ScopeRule =
  | 'all'
  | {
      column: string;
      actor: keyof Pick<Actor, 'hospitalId' | 'careProviderId' | 'patientId' | 'userId'>;
      /** Rows whose column is NULL are in scope too (an officer's unassigned applications). */
      orNull?: boolean;
    };
export type ScopePolicy = Partial<Record<Role, ScopeRule>>;

export function applyScope<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  alias: string,
  actor: Actor,
  policy: ScopePolicy,
): SelectQueryBuilder<T> {
  const rule = policy[actor.role as Role];
  if (rule === 'all') return qb;
  const value = rule ? actor[rule.actor] : null;
  if (!rule || value == null) return qb.andWhere('1 = 0');
  const param = `scope_${alias}`;
  const match = `${alias}.${rule.column} = :${param}`;
  return qb.andWhere(rule.orNull ? `(${match} OR ${alias}.${rule.column} IS NULL)` : match, { [param]: value });
}

/** Runs a scoped single-row query; a missing or out-of-scope row is 404. */
export async function findOneInScope<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  alias: string,
  actor: Actor,
  policy: ScopePolicy,
  what: string,
): Promise<T> {
  const row = await applyScope(qb, alias, actor, policy).getOne();
  if (!row) throw DomainError.notFound(what);
  return row;
}
