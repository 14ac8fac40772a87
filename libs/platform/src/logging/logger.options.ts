import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Options } from 'pino-http';
import type { AppConfig } from '../config/config.schema.js';
import { serializeError } from './error-serializer.js';

/** Fields that never reach a log line in clear (spec/security.md, Personal data). */
const SENSITIVE_FIELDS = [
  'password', 'passwordHash', 'token', 'accessToken', 'invitationToken', 'passportNumber', 'dateOfBirth',
  'birthDate', 'mrz', 'diagnosis', 'medicalNotes', 'treatmentNotes', 'authorization', 'cookie',
];

export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["idempotency-key"]',
  'res.headers["set-cookie"]',
  ...SENSITIVE_FIELDS.flatMap((f) => [f, `*.${f}`, `*.*.${f}`, `*.*.*.${f}`]),
];

const REQUEST_ID = /^[A-Za-z0-9._-]{1,100}$/;

/** The request id: the caller's X-Request-Id when it is sane, otherwise a new UUID. */
export function requestIdOf(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
}

/** pino-http options: JSON lines with the request id, no bodies, secrets and personal data redacted. */
export function httpLoggerOptions(config: Pick<AppConfig, 'logLevel'>): Options {
  return {
    level: config.logLevel,
    redact: { paths: REDACT_PATHS, censor: '[REDACTED]' },
    genReqId: (req: IncomingMessage) => (req as IncomingMessage & { id?: string }).id ?? requestIdOf(req),
    customProps: (req: IncomingMessage) => ({ requestId: (req as IncomingMessage & { id?: string }).id }),
    // Query strings may carry a passport number (officers search by it): log the path only.
    // A failed statement's parameters never reach a line: see serializeError.
    serializers: {
      err: serializeError,
      req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, path: req.url.split('?')[0] }),
      res: (res: ServerResponse & { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
    // Probes and scrapes come every few seconds; logging them buries the requests that matter.
    autoLogging: { ignore: (req: IncomingMessage) => /^\/(health\/|metrics)/.test(req.url ?? '') },
  };
}
