import { Inject, Injectable, Optional } from '@nestjs/common';
import {
  APP_CONFIG, applyScope, assertUuid, AuditService, DomainError, EventBus, findOneInScope, JOBS, jobId, OutboxService, paginate,
  type Actor, type AppConfig, type Page, type PageQuery, type Role, type ScopePolicy,
} from '@medjourney/platform';
import { DataSource, type EntityManager } from 'typeorm';
import { hashPassword } from '../auth/passwords.js';
import { InvitationsService } from '../invitations/invitations.service.js';
import { CARE_PROVIDER_REGISTRY, type CareProviderRegistry } from './care-provider-registry.port.js';
import { User } from './user.entity.js';

/** Admins see every account; a coordinator sees the accounts of their own hospital. */
export const USER_SCOPE: ScopePolicy = {
  admin: 'all',
  hospital_coordinator: { column: 'hospital_id', actor: 'hospitalId' },
};

export interface NewUser {
  email: string;
  password?: string;
  /** A hash made earlier (a verified registration's); takes the place of `password`. */
  passwordHash?: string;
  name: string;
  role: Role;
  hospitalId?: string | null;
  careProviderId?: string | null;
  patientId?: string | null;
}

@Injectable()
export class UsersService {
  constructor(
    private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly events: EventBus,
    private readonly invitations: InvitationsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    // Absent in a process without the matching module, where no care_provider account can be made.
    @Optional() @Inject(CARE_PROVIDER_REGISTRY) private readonly careProviders?: CareProviderRegistry,
  ) {}

  /**
   * Creates an account in the caller's transaction. Without a password (or its hash, from a
   * verified registration), an invitation is issued and e-mailed to the account's address only.
   */
  async createIn(manager: EntityManager, input: NewUser, createdBy: string | null): Promise<{ user: User }> {
    const email = input.email.trim().toLowerCase();
    if (input.careProviderId && !(await this.careProviders?.exists(manager, input.careProviderId))) {
      throw DomainError.rule('CARE_PROVIDER_NOT_FOUND', 'No such care provider', 'careProviderId names no provider of the registry.', [{ field: 'careProviderId', message: 'no such care provider' }]);
    }
    const passwordHash = input.passwordHash ?? (input.password ? await hashPassword(input.password, this.config.passwordHashing) : null);
    // The row comes back with the insert: no second read of it.
    const inserted: { id: string; active: boolean; version: number; created_at: Date; updated_at: Date }[] = await manager.query(
      `INSERT INTO users (email, password_hash, name, role, hospital_id, care_provider_id, patient_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (email) DO NOTHING RETURNING id, active, version, created_at, updated_at`,
      [email, passwordHash, input.name, input.role, input.hospitalId ?? null, input.careProviderId ?? null, input.patientId ?? null],
    );
    if (inserted.length === 0) {
      throw DomainError.conflict('EMAIL_TAKEN', 'An account with this e-mail already exists.');
    }
    const [row] = inserted;
    const user = manager.create(User, {
      id: row.id,
      email,
      name: input.name,
      role: input.role,
      hospitalId: input.hospitalId ?? null,
      careProviderId: input.careProviderId ?? null,
      patientId: input.patientId ?? null,
      active: row.active,
      version: row.version,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    });
    await this.audit.record(manager, { action: 'user.created', entityType: 'user', entityId: user.id, after: publicFields(user) });
    // An invited account's first mail is its invitation; one with a password is told it exists.
    if (passwordHash) {
      await this.outbox.publish(manager, JOBS.email, { userId: user.id, template: 'account-created', eventId: user.id }, { jobId: jobId('email', 'account-created', user.id) });
    } else {
      await this.invitations.create(manager, user.id, createdBy, { firstOfUser: true });
    }
    return { user };
  }

  /** Whether any account exists yet, in the caller's transaction. */
  async anyAccount(manager: EntityManager): Promise<boolean> {
    return (await manager.query('SELECT 1 FROM users LIMIT 1')).length > 0;
  }

  /** The account's e-mail address, in the caller's transaction. */
  async emailOf(manager: EntityManager, userId: string): Promise<string> {
    const [row]: { email: string }[] = await manager.query('SELECT email FROM users WHERE id = $1', [userId]);
    return row.email;
  }

  /** The account with this e-mail, locked until the caller's transaction ends; undefined when there is none. */
  async lockByEmail(manager: EntityManager, email: string): Promise<{ id: string; role: string; patientId: string | null } | undefined> {
    const [row]: { id: string; role: string; patient_id: string | null }[] = await manager.query('SELECT id, role, patient_id FROM users WHERE email = $1 FOR UPDATE', [email]);
    return row && { id: row.id, role: row.role, patientId: row.patient_id };
  }

  /**
   * The patient account of this e-mail, locked until the caller's transaction ends; made when
   * there is none, with its invitation (e-mailed to the address only), in one statement (issue 22:
   * the lock, the insert and the invitation were three round trips). `created` says which. An
   * account of this e-mail with another role comes back as it is: the caller refuses it.
   */
  async lockOrCreatePatient(
    manager: EntityManager,
    input: { email: string; name: string; patientId: string },
    createdBy: string | null,
  ): Promise<{ id: string; role: Role; patientId: string | null; created: boolean }> {
    const email = input.email.trim().toLowerCase();
    const invitation = this.invitations.draft(createdBy);
    type Row = { id: string; role: Role; patient_id: string | null; created: boolean; active: boolean; version: number; created_at: Date; updated_at: Date };
    const rows: Row[] = await manager.query(
      `WITH made AS (
         INSERT INTO users (email, name, role, patient_id) VALUES ($1, $2, 'patient', $3) ON CONFLICT (email) DO NOTHING
         RETURNING id, role, patient_id, active, version, created_at, updated_at),
       invited AS (
         INSERT INTO invitations (id, user_id, token_hash, created_by, created_at, expires_at) SELECT $4, id, $5, $6, $7, $8 FROM made),
       existing AS (SELECT id, role, patient_id FROM users WHERE email = $1 FOR UPDATE)
       SELECT id, role, patient_id, true AS created, active, version, created_at, updated_at FROM made
       UNION ALL
       SELECT id, role, patient_id, false, NULL, NULL, NULL, NULL FROM existing`,
      [email, input.name, input.patientId, invitation.id, invitation.tokenHash, invitation.createdBy, invitation.createdAt, invitation.expiresAt],
    );
    const [row] = rows;
    if (!row) {
      // The account was made by a transaction that committed after this statement's snapshot: a new statement sees it.
      const user = await this.lockByEmail(manager, email);
      return { id: user!.id, role: user!.role as Role, patientId: user!.patientId, created: false };
    }
    if (row.created) {
      const user = manager.create(User, {
        id: row.id, email, name: input.name, role: 'patient', hospitalId: null, careProviderId: null, patientId: input.patientId,
        active: row.active, version: row.version, createdAt: row.created_at, updatedAt: row.updated_at,
      });
      await this.audit.record(manager, { action: 'user.created', entityType: 'user', entityId: user.id, after: publicFields(user) });
      await this.invitations.mail(manager, invitation.id);
    }
    return { id: row.id, role: row.role, patientId: row.patient_id, created: row.created };
  }

  /** Links a patient account to its patient record, in the caller's transaction. */
  async linkPatient(manager: EntityManager, userId: string, patientId: string): Promise<void> {
    await manager.query('UPDATE users SET patient_id = $2 WHERE id = $1', [userId, patientId]);
  }

  create(input: NewUser, createdBy: string | null) {
    return this.db.transaction((m) => this.createIn(m, input, createdBy));
  }

  async list(actor: Actor, filter: { role?: Role }, page: PageQuery): Promise<Page<User>> {
    const qb = this.db.getRepository(User).createQueryBuilder('u');
    applyScope(qb, 'u', actor, USER_SCOPE);
    if (filter.role) qb.andWhere('u.role = :role', { role: filter.role });
    return paginate(qb, [{ expr: 'u.id', direction: 'ASC', value: (u) => u.id, cast: 'uuid' }], page);
  }

  async get(actor: Actor, id: string): Promise<User> {
    assertUuid(id, 'user');
    return findOneInScope(this.db.getRepository(User).createQueryBuilder('u').where('u.id = :id', { id }), 'u', actor, USER_SCOPE, 'user');
  }

  async update(actor: Actor, id: string, changes: { active?: boolean; name?: string }): Promise<User> {
    return this.db.transaction(async (m) => {
      assertUuid(id, 'user');
      const before = await applyScope(m.getRepository(User).createQueryBuilder('u').setLock('pessimistic_write').where('u.id = :id', { id }), 'u', actor, USER_SCOPE).getOne();
      if (!before) throw DomainError.notFound('user');
      if (before.id === actor.userId && changes.active === false) {
        throw DomainError.rule('CANNOT_DEACTIVATE_SELF', 'Cannot deactivate yourself', 'An admin cannot deactivate their own account.');
      }
      await m.query(
        `UPDATE users SET active = COALESCE($2, active), name = COALESCE($3, name), version = version + 1, updated_at = now() WHERE id = $1`,
        [id, changes.active ?? null, changes.name ?? null],
      );
      const after = await m.findOneByOrFail(User, { id });
      const action = changes.active === false && before.active ? 'user.deactivated' : changes.active === true && !before.active ? 'user.reactivated' : 'user.updated';
      await this.audit.record(m, { action, entityType: 'user', entityId: id, before: publicFields(before), after: publicFields(after) });
      if (action === 'user.deactivated' && after.role === 'officer') {
        await this.events.publish(m, 'officer.deactivated', { officerId: id }, { dedupeKey: `officer.deactivated.${id}.${after.version}` });
      }
      if (action === 'user.deactivated') {
        await this.outbox.publish(m, JOBS.email, { userId: id, template: 'account-deactivated', eventId: `${id}:${after.version}` }, { jobId: jobId('email', 'account-deactivated', id, after.version) });
      }
      return after;
    });
  }

  /**
   * Active accounts to tell something (the notification centre's door to identity): by id, by
   * role, the coordinators of hospitals or the accounts of care providers; each account once, with
   * what it is matched by (its hospital, its provider).
   */
  async recipients(
    m: EntityManager,
    q: { ids?: readonly (string | null)[]; roles?: readonly Role[]; coordinatorsOf?: readonly string[]; careProviders?: readonly string[] },
  ): Promise<Recipient[]> {
    return m.query(
      `SELECT id, email, name, role, hospital_id AS "hospitalId", care_provider_id AS "careProviderId", patient_id AS "patientId" FROM users
        WHERE active AND (id = ANY($1::uuid[]) OR role = ANY($2::text[]) OR (role = 'hospital_coordinator' AND hospital_id = ANY($3::uuid[]))
                          OR (role = 'care_provider' AND care_provider_id = ANY($4::uuid[])))
        ORDER BY id`,
      [(q.ids ?? []).filter((id): id is string => !!id), q.roles ?? [], q.coordinatorsOf ?? [], q.careProviders ?? []],
    );
  }

  /** The active account of a patient record, if the patient has one (telemedicine reminds and feeds the patient through it). */
  async patientAccount(m: EntityManager, patientId: string): Promise<{ id: string; email: string } | null> {
    const [row] = await m.query(`SELECT id, email FROM users WHERE role = 'patient' AND patient_id = $1 AND active ORDER BY created_at LIMIT 1`, [patientId]);
    return row ?? null;
  }

  /** Every officer account, active or not, by name (the SLA's door to identity: assignment and reports). */
  async officers(m: EntityManager): Promise<{ id: string; name: string; active: boolean }[]> {
    return m.query(`SELECT id, name, active FROM users WHERE role = 'officer' ORDER BY name, id`);
  }
}

function publicFields(u: User) {
  return { email: u.email, name: u.name, role: u.role, hospitalId: u.hospitalId, careProviderId: u.careProviderId, patientId: u.patientId, active: u.active, version: u.version };
}

export interface Recipient {
  id: string;
  email: string;
  name: string;
  role: Role;
  hospitalId: string | null;
  careProviderId: string | null;
  /** A patient's record (journey's profile holds their languages). */
  patientId: string | null;
}
