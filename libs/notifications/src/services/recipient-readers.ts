import { Global, Injectable, Module } from '@nestjs/common';
import { ACCOUNT_READERS, type AccountReaders, type ReadingAccount } from '@medjourney/identity';
import { JourneyModule, PatientProfilesService } from '@medjourney/journey';
import { CareProvidersService } from '@medjourney/matching';
import { localeOf, STAFF_READER, type Reader } from '@medjourney/platform';
import type { EntityManager } from 'typeorm';

/**
 * The language and zone each recipient reads in (spec/web.md "Languages"): a patient the first
 * of their journey profile's languages that has a catalogue, in the profile's zone; a care
 * provider the first of the registry's languages (native before fluent before professional)
 * that has one, in the registry's zone; staff, and anyone without a supported language,
 * English (staff in Korea's time). Through journey's and matching's doors, never their tables.
 */
@Injectable()
export class RecipientReaders implements AccountReaders {
  constructor(
    private readonly patients: PatientProfilesService,
    private readonly providers: CareProvidersService,
  ) {}

  async readersOf(m: EntityManager, accounts: readonly ReadingAccount[]): Promise<Map<string, Reader>> {
    const patientIds = accounts.flatMap((a) => (a.role === 'patient' && a.patientId ? [a.patientId] : []));
    const providerIds = accounts.flatMap((a) => (a.role === 'care_provider' && a.careProviderId ? [a.careProviderId] : []));
    const profiles = await this.patients.preferencesOfMany(patientIds, m);
    const registry = await this.providers.readingPreferences(m, providerIds);
    return new Map(
      accounts.map((a) => {
        const prefs = a.role === 'patient' && a.patientId ? profiles.get(a.patientId) : a.role === 'care_provider' && a.careProviderId ? registry.get(a.careProviderId) : undefined;
        if (!prefs) return [a.id, STAFF_READER];
        const zone = prefs.timezone ?? STAFF_READER.zone;
        return [a.id, { locale: localeOf(prefs.languages, zone), zone }];
      }),
    );
  }
}

/** Global so that identity, lower in the layers, finds the reader door it declares for its account e-mails. */
@Global()
@Module({
  imports: [JourneyModule],
  providers: [RecipientReaders, { provide: ACCOUNT_READERS, useExisting: RecipientReaders }],
  exports: [RecipientReaders, ACCOUNT_READERS],
})
export class RecipientReadersModule {}
