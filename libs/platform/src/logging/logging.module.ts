import { Global, Inject, Injectable, Module, RequestMethod, type DynamicModule, type LoggerService, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import type { DestinationStream, Level } from 'pino';
import { pinoHttp, type HttpLogger } from 'pino-http';
import type { AppConfig } from '../config/config.schema.js';
import { RequestContext } from '../http/request-context.js';
import { httpLoggerOptions } from './logger.options.js';

const HTTP_LOGGER = Symbol('HTTP_LOGGER');

/**
 * Nest's logger on the same pino instance as the request logs, so that every line is JSON
 * with the same redaction; inside a request a line carries its request id.
 */
@Injectable()
export class AppLogger implements LoggerService {
  constructor(@Inject(HTTP_LOGGER) private readonly http: HttpLogger) {}

  log(message: unknown, ...params: unknown[]): void { this.write('info', message, params); }
  error(message: unknown, ...params: unknown[]): void { this.write('error', message, params); }
  warn(message: unknown, ...params: unknown[]): void { this.write('warn', message, params); }
  debug(message: unknown, ...params: unknown[]): void { this.write('debug', message, params); }
  verbose(message: unknown, ...params: unknown[]): void { this.write('trace', message, params); }
  fatal(message: unknown, ...params: unknown[]): void { this.write('fatal', message, params); }

  /** Nest passes the context last; `error(message, stack, context)` is its form for an exception. */
  private write(level: Level, message: unknown, params: unknown[]): void {
    const fields: Record<string, unknown> = {};
    const requestId = RequestContext.current()?.requestId;
    if (requestId) fields.requestId = requestId;
    const rest = [...params];
    if (rest.length) fields.context = rest.pop();
    const logger = this.http.logger;
    if (message instanceof Error) logger[level]({ ...fields, err: message }, ...(rest as []));
    else if (typeof message === 'object' && message !== null) logger[level]({ ...fields, ...message }, ...(rest as []));
    else if (level === 'error' && rest.length === 1 && typeof rest[0] === 'string' && rest[0].includes('\n')) {
      const err = new Error(String(message));
      err.stack = rest[0];
      logger.error({ ...fields, err });
    } else logger[level](fields, String(message), ...(rest as []));
  }
}

/** JSON request logs (pino-http) on every route, and the AppLogger that main.ts gives Nest. */
@Global()
@Module({})
export class LoggingModule implements NestModule {
  constructor(@Inject(HTTP_LOGGER) private readonly http: HttpLogger) {}

  static forRoot(config: Pick<AppConfig, 'logLevel'>, stream?: DestinationStream): DynamicModule {
    return {
      module: LoggingModule,
      providers: [{ provide: HTTP_LOGGER, useValue: pinoHttp(httpLoggerOptions(config), stream) }, AppLogger],
      exports: [AppLogger],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    // `{/*splat}` also matches the bare prefix; express 5 refuses the old `*`.
    consumer.apply(this.http).forRoutes({ path: '{/*splat}', method: RequestMethod.ALL });
  }
}
