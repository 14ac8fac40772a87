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

/** Bull Board at /admin/queues, for active admins only (Authorization: Bearer <admin token>). */
export function mountBullBoard(app: INestApplication): void {
  const queues = app.get(QueuesService);
  const authenticator = app.get(Authenticator);
  const serverAdapter = new ExpressAdapter();
  serverAdapter.setBasePath(BULL_BOARD_PATH);
  createBullBoard({ queues: queues.all().map((q) => new BullMQAdapter(q)), serverAdapter });

  const adminOnly = async (req: Request, res: Response, next: NextFunction) => {
    try {
      const match = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
      if (!match) throw DomainError.unauthenticated();
      const actor = await authenticator.actorOf(match[1]);
      if (actor.role !== 'admin') throw DomainError.forbidden('Only admins may see the queues.');
      next();
    } catch (e) {
      const { body, headers } = toProblem(e);
      res.set(headers).status(body.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(body));
    }
  };
  app.use(BULL_BOARD_PATH, adminOnly, serverAdapter.getRouter());
}
