import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { AppLogger, ConfigError, loadConfig, migrate } from '@medjourney/platform';
import { MIGRATIONS } from '@medjourney/schema';
import { WorkerModule } from './worker.module.js';

async function main(): Promise<void> {
  const config = loadConfig();
  await migrate(config, MIGRATIONS);
  const app = await NestFactory.create(WorkerModule.forRoot({ config }), { bufferLogs: true });
  app.useLogger(app.get(AppLogger));
  app.enableShutdownHooks();
  await app.listen(config.workerHealthPort);
  process.stdout.write(`MedJourney worker running; health on http://localhost:${config.workerHealthPort}/health/ready\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof ConfigError ? e.message : (e as Error)?.stack ?? String(e)}\n`);
  process.exit(1);
});
