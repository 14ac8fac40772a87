import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { OpenAPIObject } from '@nestjs/swagger';
import { loadConfig, openApiDocument, setApiPrefix } from '@medjourney/platform';
import { AppModule } from './app.module.js';

/**
 * The API's OpenAPI document without a database or a server: Nest's preview mode scans the
 * modules and their routes but instantiates no provider. The console's types are generated from it.
 */
export async function buildOpenApiDocument(): Promise<OpenAPIObject> {
  // A fixed base URL, so the generated types do not change with the machine they were made on.
  const config = loadConfig({ NODE_ENV: 'development', PUBLIC_BASE_URL: 'http://localhost:3000' });
  const app = await NestFactory.create(AppModule.forRoot({ config }), { preview: true, logger: false, bodyParser: false });
  setApiPrefix(app);
  return openApiDocument(app, config);
}
