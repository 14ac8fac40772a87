import { Writable } from 'node:stream';
import { describe, expect, it } from '@jest/globals';
import { pinoHttp } from 'pino-http';
import { RequestContext } from '../http/request-context.js';
import { httpLoggerOptions } from './logger.options.js';
import { AppLogger } from './logging.module.js';

function capture(): { logger: AppLogger; lines: () => Record<string, unknown>[] } {
  const chunks: string[] = [];
  const stream = new Writable({ write(chunk, _enc, cb) { chunks.push(chunk.toString()); cb(); } });
  const logger = new AppLogger(pinoHttp(httpLoggerOptions({ logLevel: 'debug' }), stream));
  return { logger, lines: () => chunks.join('').split('\n').filter(Boolean).map((l) => JSON.parse(l)) };
}

describe('AppLogger', () => {
  it('writes Nest log calls as JSON lines with their context and level', () => {
    const { logger, lines } = capture();
    logger.log('started', 'Startup');
    logger.warn('slow', 'Queue');
    expect(lines()).toEqual([
      expect.objectContaining({ level: 30, msg: 'started', context: 'Startup' }),
      expect.objectContaining({ level: 40, msg: 'slow', context: 'Queue' }),
    ]);
  });

  it('keeps the fields of an object message and the error of an exception, with the request id', () => {
    const { logger, lines } = capture();
    RequestContext.run({ requestId: 'req-42', ip: null }, () => logger.error({ err: new Error('boom'), path: '/x' }, 'unexpected error', 'Errors'));
    expect(lines()[0]).toMatchObject({ level: 50, msg: 'unexpected error', context: 'Errors', path: '/x', requestId: 'req-42', err: { message: 'boom' } });
  });

  it('redacts personal data in logged objects', () => {
    const { logger, lines } = capture();
    logger.log({ user: { passportNumber: 'M12345678' } }, 'Visas');
    expect(JSON.stringify(lines())).not.toContain('M12345678');
  });
});
