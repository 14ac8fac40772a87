import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppLogger, ConfigError, configureHttpApp, consoleBuilt, loadConfig, MailerService, migrate } from '@medjourney/platform';
import { MIGRATIONS } from '@medjourney/schema';
import { AppModule } from './app.module.js';
import { StartupService } from './startup.service.js';

async function main(): Promise<void> {
  const config = loadConfig();
  await migrate(config, MIGRATIONS);
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot({ config }), { bodyParser: false, bufferLogs: true });
  app.useLogger(app.get(AppLogger));
  configureHttpApp(app, config);
  // Init before seeding: the event subscribers are found at init, and an event published
  // before then gets no deliveries (the demo's journey and notices would never be written).
  await app.init();
  const report = await app.get(StartupService).prepare();
  await app.listen(config.port);
  const mailbox = config.nodeEnv === 'development' && app.get(MailerService).mode === 'mailbox';
  process.stdout.write(`\n${StartupService.describe(report, `http://localhost:${config.port}`, { mailbox, consoleServed: consoleBuilt(config.webDir) })}\n\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof ConfigError ? e.message : (e as Error)?.stack ?? String(e)}\n`);
  process.exit(1);
});
