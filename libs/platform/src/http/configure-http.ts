import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import express, { type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import type { AppConfig } from '../config/config.schema.js';
import { PROBLEM_CONTENT_TYPE } from '../errors/problem-details.js';
import { ProblemDetailsFilter, toProblem } from '../errors/problem-details.filter.js';
import { createValidationPipe } from '../errors/validation.js';
import { requestIdOf } from '../logging/logger.options.js';
import { MetricsService } from '../metrics/metrics.service.js';
import { mountBullBoard } from '../bull-board/bull-board.js';
import { ProblemDto } from './api-problems.decorator.js';
import { HostileTextPipe, rejectHostileText } from './hostile-text.js';
import { serveConsole } from './console.js';
import { rejectOversizedJson } from './json-shape.js';
import { RequestContext } from './request-context.js';

export const API_PREFIX = 'api/v1';

/**
 * What the console (a Vite-built single-page app served from `/`, Mantine, which sets style
 * attributes) and Swagger UI at /docs (its own script files, inline styles, data: icons) need,
 * and nothing more: no script but our own files, no framing, no plugins, no foreign form targets.
 */
export const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  connectSrc: ["'self'"],
  fontSrc: ["'self'", 'data:'],
  frameAncestors: ["'none'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
};
export const JSON_BODY_LIMIT = '1mb';

/**
 * Everything the HTTP app needs around its controllers, in order: request id and context,
 * security headers, CORS, metrics, the 1 MB JSON parser and the nesting and array limits with problem+json errors, text
 * that cannot be stored (NUL, unpaired surrogates) and prototype keys refused in the path, query and body, the
 * `/api/v1` prefix, validation, the one error filter, Swagger, Bull Board and the web console at `/`.
 * The API's main and the end-to-end tests both call this, so tests exercise the real stack.
 */
export function configureHttpApp(app: INestApplication, config: AppConfig): OpenAPIObject {
  const http = app.getHttpAdapter().getInstance() as express.Express;
  // Client addresses (rate limits, audit) come from X-Forwarded-For only behind the proxies TRUST_PROXY names.
  http.set('trust proxy', config.trustProxy.length ? config.trustProxy : false);
  http.disable('x-powered-by');
  const metrics = app.get(MetricsService);

  app.use((req: Request & { id?: string }, res: Response, next: NextFunction) => {
    req.id = requestIdOf(req);
    res.setHeader('X-Request-Id', req.id);
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const route = req.route?.path ? `${req.baseUrl}${req.route.path}` : 'unmatched';
      metrics.httpDuration.observe({ method: req.method, route, status: String(res.statusCode) }, Number(process.hrtime.bigint() - started) / 1e9);
    });
    RequestContext.run({ requestId: req.id, ip: req.ip ?? null }, next);
  });
  app.use(helmet({ contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY } }));
  app.enableCors({ origin: config.corsOrigins.length ? config.corsOrigins : false, exposedHeaders: ['X-Request-Id', 'Retry-After'] });
  app.use(express.json({ limit: JSON_BODY_LIMIT, type: ['application/json', 'application/*+json'] }));
  app.use(rejectOversizedJson);
  app.use(rejectHostileText);
  app.use((err: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (!err) return next();
    const { body } = toProblem(err);
    res.status(body.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(body));
  });

  setApiPrefix(app);
  app.useGlobalPipes(new HostileTextPipe(), createValidationPipe());
  app.useGlobalFilters(new ProblemDetailsFilter());
  app.enableShutdownHooks();

  const document = openApiDocument(app, config);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json', yamlDocumentUrl: 'docs-yaml' });
  mountBullBoard(app);
  serveConsole(app, config.webDir);
  return document;
}

/** `/api/v1` before every route but the probes and the metrics. */
export function setApiPrefix(app: INestApplication): void {
  app.setGlobalPrefix(API_PREFIX, { exclude: ['health/live', 'health/ready', 'metrics', 'dev/mailbox', 'dev/mailbox.json'] });
}

/**
 * The OpenAPI document of the app's routes (the global prefix must be set first). Also built
 * from an app in preview mode, with no database, to generate the console's API types.
 */
export function openApiDocument(app: INestApplication, config: Pick<AppConfig, 'publicBaseUrl'>): OpenAPIObject {
  return SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('MedJourney API')
      .setDescription('Visas, care and follow-up for foreign patients. Errors are application/problem+json (RFC 9457) with a stable `code`.')
      .setVersion('1')
      // Private software under no open licence; the builder needs a URL, and this page is where its terms are served.
      .setLicense('Proprietary', `${config.publicBaseUrl}/docs`)
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
      .addServer(config.publicBaseUrl)
      .build(),
    { extraModels: [ProblemDto] },
  );
}
