var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { QueuesService } from '../queue/queues.service.js';
const QUEUE_STATES = ['waiting', 'active', 'delayed', 'failed', 'completed'];
let MetricsService = class MetricsService {
    registry = new Registry();
    httpDuration;
    constructor(queues) {
        collectDefaultMetrics({ register: this.registry });
        this.httpDuration = new Histogram({
            name: 'http_request_duration_seconds',
            help: 'HTTP request latency',
            labelNames: ['method', 'route', 'status'],
            buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
            registers: [this.registry],
        });
        new Gauge({
            name: 'queue_jobs',
            help: 'Jobs in each BullMQ queue by state',
            labelNames: ['queue', 'state'],
            registers: [this.registry],
            async collect() {
                await Promise.all(queues.all().map(async (q) => {
                    const counts = await q.getJobCounts(...QUEUE_STATES).catch(() => undefined);
                    if (!counts)
                        return;
                    for (const state of QUEUE_STATES)
                        this.set({ queue: q.name, state }, counts[state] ?? 0);
                }));
            },
        });
    }
};
MetricsService = __decorate([
    Injectable(),
    __metadata("design:paramtypes", [QueuesService])
], MetricsService);
export { MetricsService };
//# sourceMappingURL=metrics.service.js.map