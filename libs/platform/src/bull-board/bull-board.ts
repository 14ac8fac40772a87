import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { INestApplication } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { Authenticator } from '../auth/authenticator.js';
import { DomainError } from '../errors/domain-error.js';
import { PROBLEM_CONTENT_TYPE } from '../errors/problem-details.js';
import { toProblem } from '../errors/problem-details.filter.js';
import { QueuesService } from '../queue/queues.service.js';

export const BULL_BOARD_PATH = '/admin/queues';
/**
 * The admin's token for Bull Board's own page and API calls, set by
 * `POST /api/v1/admin/queue-dashboard/session`: a browser cannot send a bearer header when it
 * follows a link, and the dashboard's script makes its own requests.
 */
export const QUEUE_DASHBOARD_COOKIE = 'mj_queue_dashboard';
const COOKIE_VALUE = new RegExp(`(?:^|;\\s*)${QUEUE_DASHBOARD_COOKIE}=([^;\\s]+)`);

function tokenOf(req: Request): string {
  const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
  if (bearer) return bearer[1];
  const cookie = COOKIE_VALUE.exec(req.headers.cookie ?? '');
  if (cookie) return cookie[1];
  throw DomainError.unauthenticated();
}

/** Bull Board at /admin/queues, for active admins only (a bearer token, or the dashboard's cookie). */
export function mountBullBoard(app: INestApplication): void {
  const queues = app.get(QueuesService);
  const authenticator = app.get(Authenticator);
  const serverAdapter = new ExpressAdapter();
  serverAdapter.setBasePath(BULL_BOARD_PATH);
  createBullBoard({ queues: queues.all().map((q) => new BullMQAdapter(q)), serverAdapter });

  const adminOnly = async (req: Request, res: Response, next: NextFunction) => {
    try {
      const actor = await authenticator.actorOf(tokenOf(req));
      if (actor.role !== 'admin') throw DomainError.forbidden('Only admins may see the queues.');
      next();
    } catch (e) {
      const { body, headers } = toProblem(e);
      res.set(headers).status(body.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(body));
    }
  };
  app.use(BULL_BOARD_PATH, adminOnly, serverAdapter.getRouter());
}
