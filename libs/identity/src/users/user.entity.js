var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
let User = class User {
    id;
    email;
    passwordHash;
    name;
    role;
    hospitalId;
    careProviderId;
    patientId;
    active;
    version;
    createdAt;
    updatedAt;
};
__decorate([
    PrimaryGeneratedColumn('uuid'),
    __metadata("design:type", String)
], User.prototype, "id", void 0);
__decorate([
    Column({ type: 'text' }),
    __metadata("design:type", String)
], User.prototype, "email", void 0);
__decorate([
    Column({ name: 'password_hash', type: 'text', nullable: true, select: false }),
    __metadata("design:type", Object)
], User.prototype, "passwordHash", void 0);
__decorate([
    Column({ type: 'text' }),
    __metadata("design:type", String)
], User.prototype, "name", void 0);
__decorate([
    Column({ type: 'text' }),
    __metadata("design:type", String)
], User.prototype, "role", void 0);
__decorate([
    Column({ name: 'hospital_id', type: 'uuid', nullable: true }),
    __metadata("design:type", Object)
], User.prototype, "hospitalId", void 0);
__decorate([
    Column({ name: 'care_provider_id', type: 'uuid', nullable: true }),
    __metadata("design:type", Object)
], User.prototype, "careProviderId", void 0);
__decorate([
    Column({ name: 'patient_id', type: 'uuid', nullable: true }),
    __metadata("design:type", Object)
], User.prototype, "patientId", void 0);
__decorate([
    Column({ type: 'boolean', default: true }),
    __metadata("design:type", Boolean)
], User.prototype, "active", void 0);
__decorate([
    VersionColumn({ type: 'int', default: 1 }),
    __metadata("design:type", Number)
], User.prototype, "version", void 0);
__decorate([
    CreateDateColumn({ name: 'created_at', type: 'timestamptz' }),
    __metadata("design:type", Date)
], User.prototype, "createdAt", void 0);
__decorate([
    UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }),
    __metadata("design:type", Date)
], User.prototype, "updatedAt", void 0);
User = __decorate([
    Entity({ name: 'users' })
], User);
export { User };
//# sourceMappingURL=user.entity.js.map