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
import { Inject, Injectable } from '@nestjs/common';
import { Queue } from 'bullmq';
import { APP_CONFIG } from '../config/config.module.js';
import { DEFAULT_JOB_OPTIONS, QUEUE_NAMES } from './queue-registry.js';
import { createRedis } from './redis.js';
let QueuesService = class QueuesService {
    config;
    connection;
    queues = new Map();
    constructor(config) {
        this.config = config;
        this.connection = createRedis(config.redisUrl);
        this.connection.on('error', () => undefined);
        for (const name of QUEUE_NAMES) {
            const queue = new Queue(name, { connection: this.connection, prefix: config.queuePrefix, defaultJobOptions: DEFAULT_JOB_OPTIONS });
            queue.on('error', () => undefined);
            this.queues.set(name, queue);
        }
    }
    get(name) {
        const queue = this.queues.get(name);
        if (!queue)
            throw new Error(`Unknown queue ${name}`);
        return queue;
    }
    all() {
        return [...this.queues.values()];
    }
    async add(job, payload, opts) {
        await this.get(job.queue).add(job.name, payload, opts);
    }
    async onModuleDestroy() {
        await Promise.all(this.all().map((q) => q.close()));
        await this.connection.quit().catch(() => this.connection.disconnect());
    }
};
QueuesService = __decorate([
    Injectable(),
    __param(0, Inject(APP_CONFIG)),
    __metadata("design:paramtypes", [Object])
], QueuesService);
export { QueuesService };
//# sourceMappingURL=queues.service.js.map