var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
var __param = (this && this.__param) || function (paramIndex, decorator) {
    return function (target, key) { decorator(target, key, paramIndex); }
};
import { Inject, Injectable, Logger } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { UnrecoverableError, Worker } from 'bullmq';
import { APP_CONFIG } from '../config/config.module.js';
import { DomainError } from '../errors/domain-error.js';
import { JOB_HANDLER } from './job-handler.decorator.js';
import { ALL_JOBS } from './queue-registry.js';
import { createRedis } from './redis.js';
export function collectHandlers(found) {
    const problems = [];
    const byKey = new Map();
    for (const job of ALL_JOBS) {
        const mine = found.filter((f) => f.key === job.key);
        if (mine.length === 0)
            problems.push(`job ${job.key} has no handler`);
        if (mine.length > 1)
            problems.push(`job ${job.key} has ${mine.length} handlers (${mine.map((m) => m.owner).join(', ')})`);
        if (mine.length === 1)
            byKey.set(job.key, mine[0].handler);
    }
    for (const f of found)
        if (!ALL_JOBS.some((j) => j.key === f.key))
            problems.push(`handler ${f.owner} is for unknown job ${f.key}`);
    if (problems.length)
        throw new Error(`Job handlers do not match the queue registry: ${problems.join('; ')}`);
    return byKey;
}
let WorkerHostService = class WorkerHostService {
    discovery;
    scanner;
    reflector;
    config;
    logger = new Logger('WorkerHost');
    workers = [];
    constructor(discovery, scanner, reflector, config) {
        this.discovery = discovery;
        this.scanner = scanner;
        this.reflector = reflector;
        this.config = config;
    }
    onApplicationBootstrap() {
        const found = [];
        for (const wrapper of this.discovery.getProviders()) {
            const instance = wrapper.instance;
            if (!instance || typeof instance !== 'object')
                continue;
            const proto = Object.getPrototypeOf(instance);
            for (const method of this.scanner.getAllMethodNames(proto)) {
                const key = this.reflector.get(JOB_HANDLER, proto[method]);
                if (key)
                    found.push({ key, handler: instance[method].bind(instance), owner: `${proto.constructor.name}.${method}` });
            }
        }
        const handlers = collectHandlers(found);
        const queues = new Set(ALL_JOBS.map((j) => j.queue));
        for (const queue of queues) {
            const worker = new Worker(queue, async (job) => {
                const handler = handlers.get(`${queue}/${job.name}`);
                if (!handler)
                    throw new Error(`no handler for ${queue}/${job.name}`);
                try {
                    return await handler(job);
                }
                catch (e) {
                    throw e instanceof DomainError ? new UnrecoverableError(`${e.code}: ${e.message}`) : e;
                }
            }, { connection: createRedis(this.config.redisUrl), prefix: this.config.queuePrefix, concurrency: 10, autorun: true });
            worker.on('failed', (job, err) => this.logger.warn({ queue, job: job?.name, jobId: job?.id, err: err.message }, 'job failed'));
            worker.on('error', (err) => this.logger.warn({ queue, err: err.message }, 'worker error'));
            this.workers.push(worker);
        }
        this.logger.log(`processing ${ALL_JOBS.length} job types on ${queues.size} queues`);
    }
    async onApplicationShutdown() {
        await Promise.all(this.workers.map((w) => w.close()));
    }
};
WorkerHostService = __decorate([
    Injectable(),
    __param(3, Inject(APP_CONFIG)),
    __metadata("design:paramtypes", [DiscoveryService,
        MetadataScanner,
        Reflector, Object])
], WorkerHostService);
export { WorkerHostService };
//# sourceMappingURL=worker-host.service.js.map