var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
import { Injectable } from '@nestjs/common';
import { OutboxEvent } from './outbox-event.entity.js';
let OutboxService = class OutboxService {
    async publish(manager, job, payload, opts) {
        if (!manager.queryRunner?.isTransactionActive) {
            throw new Error('OutboxService.publish must run inside the transaction of the change');
        }
        await manager
            .createQueryBuilder()
            .insert()
            .into(OutboxEvent)
            .values({ queue: job.queue, jobName: job.name, jobId: opts.jobId, payload, delayUntil: opts.delayUntil ?? null })
            .orIgnore()
            .execute();
    }
};
OutboxService = __decorate([
    Injectable()
], OutboxService);
export { OutboxService };
//# sourceMappingURL=outbox.service.js.map