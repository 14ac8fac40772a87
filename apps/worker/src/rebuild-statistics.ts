import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { ConfigError, loadConfig, migrate, PlatformModule } from '@medjourney/platform';
import { MIGRATIONS } from '@medjourney/schema';
import { StatisticsModule, StatisticsRebuild } from '@medjourney/statistics';
import { Module } from '@nestjs/common';

/**
 * `npm run statistics:rebuild`: recomputes the programme figures' rollups from the stored domain
 * events (the same handlers the subscriber runs), in one transaction, then exits. Safe while the
 * API and worker run: readers see the old figures until it commits, deliveries wait for it.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  await migrate(config, MIGRATIONS);
  @Module({ imports: [PlatformModule.forRoot({ config, app: 'worker' }), StatisticsModule] })
  class RebuildModule {}
  const app = await NestFactory.createApplicationContext(RebuildModule, { logger: ['error', 'warn'] });
  const started = Date.now();
  const { events } = await app.get(StatisticsRebuild).rebuild();
  process.stdout.write(`statistics rebuilt from ${events} events in ${Date.now() - started} ms\n`);
  await app.close();
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof ConfigError ? e.message : (e as Error)?.stack ?? String(e)}\n`);
  process.exit(1);
});
