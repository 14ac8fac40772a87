import { Global, Injectable, Module } from '@nestjs/common';
import { ACCOUNT_STATUS, type AccountClaims, type AccountStatus } from '@medjourney/platform';
import { DataSource, type EntityManager } from 'typeorm';

/** Identity fills the platform's AccountStatus door from its users table. */
@Injectable()
export class ActiveAccounts implements AccountStatus {
  constructor(private readonly db: DataSource) {}

  async activeRole(userId: string, manager: EntityManager = this.db.manager): Promise<string | null> {
    const [row]: { role: string }[] = await manager.query('SELECT role FROM users WHERE id = $1 AND active', [userId]);
    return row?.role ?? null;
  }

  async activeAccount(userId: string): Promise<AccountClaims | null> {
    const [row]: AccountClaims[] = await this.db.query(
      `SELECT role, hospital_id AS "hospitalId", care_provider_id AS "careProviderId", patient_id AS "patientId",
              sessions_valid_from AS "sessionsValidFrom" FROM users WHERE id = $1 AND active`,
      [userId],
    );
    return row ?? null;
  }
}

/** Global, because the platform's guard (a provider of the platform module) resolves the door. */
@Global()
@Module({
  providers: [ActiveAccounts, { provide: ACCOUNT_STATUS, useExisting: ActiveAccounts }],
  exports: [ACCOUNT_STATUS],
})
export class AccountStatusModule {}
