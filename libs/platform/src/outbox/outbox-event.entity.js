var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
let OutboxEvent = class OutboxEvent {
    id;
    queue;
    jobName;
    jobId;
    payload;
    delayUntil;
    createdAt;
    publishedAt;
};
__decorate([
    PrimaryGeneratedColumn({ type: 'bigint' }),
    __metadata("design:type", String)
], OutboxEvent.prototype, "id", void 0);
__decorate([
    Column({ type: 'text' }),
    __metadata("design:type", String)
], OutboxEvent.prototype, "queue", void 0);
__decorate([
    Column({ name: 'job_name', type: 'text' }),
    __metadata("design:type", String)
], OutboxEvent.prototype, "jobName", void 0);
__decorate([
    Column({ name: 'job_id', type: 'text' }),
    __metadata("design:type", String)
], OutboxEvent.prototype, "jobId", void 0);
__decorate([
    Column({ type: 'jsonb' }),
    __metadata("design:type", Object)
], OutboxEvent.prototype, "payload", void 0);
__decorate([
    Column({ name: 'delay_until', type: 'timestamptz', nullable: true }),
    __metadata("design:type", Object)
], OutboxEvent.prototype, "delayUntil", void 0);
__decorate([
    Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }),
    __metadata("design:type", Date)
], OutboxEvent.prototype, "createdAt", void 0);
__decorate([
    Column({ name: 'published_at', type: 'timestamptz', nullable: true }),
    __metadata("design:type", Object)
], OutboxEvent.prototype, "publishedAt", void 0);
OutboxEvent = __decorate([
    Entity({ name: 'outbox' })
], OutboxEvent);
export { OutboxEvent };
//# sourceMappingURL=outbox-event.entity.js.map