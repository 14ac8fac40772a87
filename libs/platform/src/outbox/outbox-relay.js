import { Logger } from '@nestjs/common';
export class OutboxRelay {
    db;
    queues;
    clock;
    options;
    logger = new Logger('OutboxRelay');
    timer;
    running;
    stopped = true;
    constructor(db, queues, clock, options) {
        this.db = db;
        this.queues = queues;
        this.clock = clock;
        this.options = options;
    }
    async relayOnce(hooks = {}) {
        return this.db.transaction(async (manager) => {
            const rows = await manager.query(`SELECT id, queue, job_name, job_id, payload, delay_until FROM outbox
          WHERE published_at IS NULL ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`, [this.options.batchSize ?? 100]);
            if (rows.length === 0)
                return 0;
            const now = this.clock.now().getTime();
            for (const row of rows) {
                const delay = row.delay_until ? Math.max(0, new Date(row.delay_until).getTime() - now) : undefined;
                await this.queues.get(row.queue).add(row.job_name, row.payload, { jobId: row.job_id, delay });
            }
            await hooks.afterEnqueue?.();
            await manager.query('UPDATE outbox SET published_at = now() WHERE id = ANY($1::bigint[])', [rows.map((r) => r.id)]);
            return rows.length;
        });
    }
    start() {
        this.stopped = false;
        this.schedule(0);
    }
    async stop() {
        this.stopped = true;
        clearTimeout(this.timer);
        await this.running;
    }
    schedule(ms) {
        if (this.stopped)
            return;
        this.timer = setTimeout(() => {
            this.running = this.drain().finally(() => (this.running = undefined));
        }, ms);
    }
    async drain() {
        let moved = 0;
        try {
            do
                moved = await this.relayOnce();
            while (moved > 0 && !this.stopped);
        }
        catch (e) {
            this.logger.warn({ err: e }, 'outbox relay pass failed; retrying');
        }
        this.schedule(this.options.pollIntervalMs);
    }
}
//# sourceMappingURL=outbox-relay.js.map