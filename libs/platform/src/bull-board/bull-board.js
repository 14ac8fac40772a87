import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { DataSource } from 'typeorm';
import { TokenService } from '../auth/token.service.js';
import { DomainError } from '../errors/domain-error.js';
import { PROBLEM_CONTENT_TYPE } from '../errors/problem-details.js';
import { toProblem } from '../errors/problem-details.filter.js';
import { QueuesService } from '../queue/queues.service.js';
export const BULL_BOARD_PATH = '/admin/queues';
export function mountBullBoard(app) {
    const queues = app.get(QueuesService);
    const tokens = app.get(TokenService);
    const db = app.get(DataSource);
    const serverAdapter = new ExpressAdapter();
    serverAdapter.setBasePath(BULL_BOARD_PATH);
    createBullBoard({ queues: queues.all().map((q) => new BullMQAdapter(q)), serverAdapter });
    const adminOnly = async (req, res, next) => {
        try {
            const match = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
            if (!match)
                throw DomainError.unauthenticated();
            const actor = tokens.verify(match[1]);
            const rows = await db.query(`SELECT 1 FROM users WHERE id = $1 AND active AND role = 'admin'`, [actor.userId]);
            if (actor.role !== 'admin' || rows.length === 0)
                throw DomainError.forbidden('Only admins may see the queues.');
            next();
        }
        catch (e) {
            const { body, headers } = toProblem(e);
            res.set(headers).status(body.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(body));
        }
    };
    app.use(BULL_BOARD_PATH, adminOnly, serverAdapter.getRouter());
}
//# sourceMappingURL=bull-board.js.map