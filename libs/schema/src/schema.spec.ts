import { describe, expect, it } from '@jest/globals';
import { HOSPITALS_MIGRATIONS } from '@medjourney/hospitals';
import { IDENTITY_MIGRATIONS } from '@medjourney/identity';
import { MATCHING_MIGRATIONS } from '@medjourney/matching';
import { JOURNEY_MIGRATIONS } from '@medjourney/journey';
import { NOTIFICATIONS_MIGRATIONS } from '@medjourney/notifications';
import { PLATFORM_MIGRATIONS } from '@medjourney/platform';
import { SLA_MIGRATIONS } from '@medjourney/sla';
import { TELEMEDICINE_MIGRATIONS } from '@medjourney/telemedicine';
import { STATISTICS_MIGRATIONS } from '@medjourney/statistics';
import { VISAS_MIGRATIONS } from '@medjourney/visas';
import { inTimestampOrder, MIGRATIONS } from './schema.js';

// Databases record each migration by its `name`: the composed list must keep every module's
// migrations, once each, in the order they were written.
const names = MIGRATIONS.map((M) => new M().name!);
const stamp = (name: string) => Number(/(\d{13})$/.exec(name)![1]);

describe('the composed migrations', () => {
  it('hold every module\'s migrations once', () => {
    const modules = [PLATFORM_MIGRATIONS, IDENTITY_MIGRATIONS, HOSPITALS_MIGRATIONS, VISAS_MIGRATIONS, SLA_MIGRATIONS, NOTIFICATIONS_MIGRATIONS, JOURNEY_MIGRATIONS, MATCHING_MIGRATIONS, STATISTICS_MIGRATIONS, TELEMEDICINE_MIGRATIONS].flat();
    expect(new Set(MIGRATIONS)).toEqual(new Set(modules));
    expect(new Set(names).size).toBe(names.length);
    expect(new Set(names.map(stamp)).size).toBe(names.length);
  });

  it('run in the order of the timestamps in their names, which are their class names', () => {
    expect(names.map(stamp)).toEqual([...names.map(stamp)].sort((a, b) => a - b));
    expect(names).toEqual(MIGRATIONS.map((M) => M.name));
    expect(names[0]).toBe('CreateUsersAndInvitations1763900000000');
  });

  it('are sorted whatever order the modules are listed in', () => {
    expect(inTimestampOrder(TELEMEDICINE_MIGRATIONS, STATISTICS_MIGRATIONS, MATCHING_MIGRATIONS, JOURNEY_MIGRATIONS, NOTIFICATIONS_MIGRATIONS, SLA_MIGRATIONS, VISAS_MIGRATIONS, PLATFORM_MIGRATIONS, IDENTITY_MIGRATIONS, HOSPITALS_MIGRATIONS)).toEqual(MIGRATIONS);
  });

  it('refuse a migration whose name has no timestamp', () => {
    class Unnamed { async up(): Promise<void> {} async down(): Promise<void> {} }
    expect(() => inTimestampOrder([Unnamed, ...PLATFORM_MIGRATIONS])).toThrow(/Unnamed has no 13-digit timestamp/);
  });
});
