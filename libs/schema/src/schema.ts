import { HOSPITALS_ENTITIES, HOSPITALS_MIGRATIONS } from '@medjourney/hospitals';
import { IDENTITY_ENTITIES, IDENTITY_MIGRATIONS } from '@medjourney/identity';
import { MATCHING_ENTITIES, MATCHING_MIGRATIONS } from '@medjourney/matching';
import { JOURNEY_MIGRATIONS } from '@medjourney/journey';
import { NOTIFICATIONS_ENTITIES, NOTIFICATIONS_MIGRATIONS } from '@medjourney/notifications';
import { PLATFORM_ENTITIES, PLATFORM_MIGRATIONS, type MigrationList } from '@medjourney/platform';
import { SLA_MIGRATIONS } from '@medjourney/sla';
import { TELEMEDICINE_ENTITIES, TELEMEDICINE_MIGRATIONS } from '@medjourney/telemedicine';
import { STATISTICS_MIGRATIONS } from '@medjourney/statistics';
import { VISAS_ENTITIES, VISAS_MIGRATIONS } from '@medjourney/visas';

/** The timestamp TypeORM's naming puts at the end of a migration's class name. */
const timestampOf = (m: MigrationList[number]): number => {
  const stamp = /(\d{13})$/.exec(m.name)?.[1];
  if (!stamp) throw new Error(`migration ${m.name} has no 13-digit timestamp at the end of its name`);
  return Number(stamp);
};

/** Every module's migrations as one list, ordered by the timestamp in their names (the order they were written in). */
export function inTimestampOrder(...lists: MigrationList[]): MigrationList {
  return lists.flat().sort((a, b) => timestampOf(a) - timestampOf(b));
}

/**
 * The composition root of the database: every module owns its tables and lists their
 * migrations and entities; the apps, the bench and libs/testing take the whole system's from here.
 */
export const MIGRATIONS = inTimestampOrder(PLATFORM_MIGRATIONS, IDENTITY_MIGRATIONS, HOSPITALS_MIGRATIONS, VISAS_MIGRATIONS, SLA_MIGRATIONS, NOTIFICATIONS_MIGRATIONS, JOURNEY_MIGRATIONS, MATCHING_MIGRATIONS, STATISTICS_MIGRATIONS, TELEMEDICINE_MIGRATIONS);

/** Every entity class, for the TypeORM CLI's data source (the Nest apps load them per module; journey writes SQL only). */
export const ENTITIES = [...PLATFORM_ENTITIES, ...IDENTITY_ENTITIES, ...HOSPITALS_ENTITIES, ...VISAS_ENTITIES, ...NOTIFICATIONS_ENTITIES, ...MATCHING_ENTITIES, ...TELEMEDICINE_ENTITIES];
