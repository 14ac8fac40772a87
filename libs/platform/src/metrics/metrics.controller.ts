import { Controller, Get, Header, Headers, Inject } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { createHash, timingSafeEqual } from 'node:crypto';
import { OwnAuthorization, Public } from '../auth/auth.decorators.js';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/config.schema.js';
import { DomainError } from '../errors/domain-error.js';
import { MetricsService } from './metrics.service.js';

const PROMETHEUS = 'text/plain; version=0.0.4; charset=utf-8';

/** The worker's /metrics, on its internal health port: open, as nothing outside the deployment reaches that port. */
@ApiExcludeController()
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: MetricsService) {}

  @Get()
  @Public()
  @Header('Content-Type', PROMETHEUS)
  scrape(): Promise<string> {
    return this.metrics.registry.metrics();
  }
}

/**
 * The API's /metrics, on the public port: only with `Authorization: Bearer <METRICS_TOKEN>`
 * (401 otherwise); without METRICS_TOKEN it does not exist (404).
 */
@ApiExcludeController()
@Controller('metrics')
export class ApiMetricsController {
  constructor(
    private readonly metrics: MetricsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  @OwnAuthorization()
  @Header('Content-Type', PROMETHEUS)
  scrape(@Headers('authorization') authorization?: string): Promise<string> {
    const expected = this.config.metricsToken;
    if (!expected) throw DomainError.notFound('page');
    const given = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1] ?? '';
    // Compared as digests, so the comparison takes as long whatever the given token's length.
    const digest = (v: string) => createHash('sha256').update(v).digest();
    if (!timingSafeEqual(digest(given), digest(expected))) throw DomainError.unauthenticated('/metrics needs the METRICS_TOKEN bearer token.');
    return this.metrics.registry.metrics();
  }
}
