var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsEmail, IsIn, IsOptional, IsString, IsUUID, Length, MaxLength, ValidateIf } from 'class-validator';
import { PageQuery, ROLES, STAFF_ROLES } from "../../../platform/src/index.js";
import { MIN_PASSWORD_LENGTH } from '../auth/passwords.js';
const lower = ({ value }) => (typeof value === 'string' ? value.trim().toLowerCase() : value);
export class CreateUserDto {
    email;
    password;
    name;
    role;
    hospitalId;
    careProviderId;
}
__decorate([
    ApiProperty({ example: 'officer.kim@immigration.go.kr' }),
    Transform(lower),
    IsEmail(),
    MaxLength(254),
    __metadata("design:type", String)
], CreateUserDto.prototype, "email", void 0);
__decorate([
    ApiPropertyOptional({ minLength: MIN_PASSWORD_LENGTH, description: 'Omit it to get a single-use invitationToken instead.' }),
    IsOptional(),
    IsString(),
    Length(MIN_PASSWORD_LENGTH, 200),
    __metadata("design:type", String)
], CreateUserDto.prototype, "password", void 0);
__decorate([
    ApiProperty({ example: 'Kim Min-jun' }),
    IsString(),
    Length(1, 200),
    __metadata("design:type", String)
], CreateUserDto.prototype, "name", void 0);
__decorate([
    ApiProperty({ enum: STAFF_ROLES }),
    IsIn(STAFF_ROLES),
    __metadata("design:type", String)
], CreateUserDto.prototype, "role", void 0);
__decorate([
    ApiPropertyOptional({ format: 'uuid', description: 'Required for hospital_coordinator and clinician.' }),
    ValidateIf((o) => o.role === 'hospital_coordinator' || o.role === 'clinician' || o.hospitalId !== undefined),
    IsUUID(),
    __metadata("design:type", String)
], CreateUserDto.prototype, "hospitalId", void 0);
__decorate([
    ApiPropertyOptional({ format: 'uuid', description: 'Required for care_provider.' }),
    ValidateIf((o) => o.role === 'care_provider' || o.careProviderId !== undefined),
    IsUUID(),
    __metadata("design:type", String)
], CreateUserDto.prototype, "careProviderId", void 0);
export class UpdateUserDto {
    active;
    name;
}
__decorate([
    ApiPropertyOptional({ description: 'false deactivates the account: it can no longer log in and gets no new work.' }),
    IsOptional(),
    IsBoolean(),
    __metadata("design:type", Boolean)
], UpdateUserDto.prototype, "active", void 0);
__decorate([
    ApiPropertyOptional(),
    IsOptional(),
    IsString(),
    Length(1, 200),
    __metadata("design:type", String)
], UpdateUserDto.prototype, "name", void 0);
export class ListUsersQuery extends PageQuery {
    role;
}
__decorate([
    ApiPropertyOptional({ enum: ROLES }),
    IsOptional(),
    IsIn(ROLES),
    __metadata("design:type", String)
], ListUsersQuery.prototype, "role", void 0);
export class UserDto {
    id;
    email;
    name;
    role;
    hospitalId;
    careProviderId;
    patientId;
    active;
    version;
    createdAt;
    updatedAt;
    static of(u) {
        return {
            id: u.id,
            email: u.email,
            name: u.name,
            role: u.role,
            hospitalId: u.hospitalId,
            careProviderId: u.careProviderId,
            patientId: u.patientId,
            active: u.active,
            version: u.version,
            createdAt: u.createdAt.toISOString(),
            updatedAt: u.updatedAt.toISOString(),
        };
    }
}
__decorate([
    ApiProperty({ format: 'uuid' }),
    __metadata("design:type", String)
], UserDto.prototype, "id", void 0);
__decorate([
    ApiProperty(),
    __metadata("design:type", String)
], UserDto.prototype, "email", void 0);
__decorate([
    ApiProperty(),
    __metadata("design:type", String)
], UserDto.prototype, "name", void 0);
__decorate([
    ApiProperty({ enum: ROLES }),
    __metadata("design:type", String)
], UserDto.prototype, "role", void 0);
__decorate([
    ApiProperty({ nullable: true, type: String, format: 'uuid' }),
    __metadata("design:type", Object)
], UserDto.prototype, "hospitalId", void 0);
__decorate([
    ApiProperty({ nullable: true, type: String, format: 'uuid' }),
    __metadata("design:type", Object)
], UserDto.prototype, "careProviderId", void 0);
__decorate([
    ApiProperty({ nullable: true, type: String, format: 'uuid' }),
    __metadata("design:type", Object)
], UserDto.prototype, "patientId", void 0);
__decorate([
    ApiProperty(),
    __metadata("design:type", Boolean)
], UserDto.prototype, "active", void 0);
__decorate([
    ApiProperty(),
    __metadata("design:type", Number)
], UserDto.prototype, "version", void 0);
__decorate([
    ApiProperty(),
    __metadata("design:type", String)
], UserDto.prototype, "createdAt", void 0);
__decorate([
    ApiProperty(),
    __metadata("design:type", String)
], UserDto.prototype, "updatedAt", void 0);
export class CreatedUserDto extends UserDto {
    invitationToken;
}
__decorate([
    ApiPropertyOptional({ description: 'Present when no password was given: hand it to the user for accept-invite.' }),
    __metadata("design:type", String)
], CreatedUserDto.prototype, "invitationToken", void 0);
export class UserPageDto {
    items;
    nextCursor;
}
__decorate([
    ApiProperty({ type: [UserDto] }),
    __metadata("design:type", Array)
], UserPageDto.prototype, "items", void 0);
__decorate([
    ApiProperty({ nullable: true, type: String }),
    __metadata("design:type", Object)
], UserPageDto.prototype, "nextCursor", void 0);
//# sourceMappingURL=user.dto.js.map