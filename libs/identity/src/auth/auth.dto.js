var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsString, Length, MaxLength } from 'class-validator';
import { UserDto } from '../users/user.dto.js';
import { MIN_PASSWORD_LENGTH } from './passwords.js';
const lower = ({ value }) => (typeof value === 'string' ? value.trim().toLowerCase() : value);
export class LoginDto {
    email;
    password;
}
__decorate([
    ApiProperty({ example: 'admin@medjourney.dev' }),
    Transform(lower),
    IsEmail(),
    MaxLength(254),
    __metadata("design:type", String)
], LoginDto.prototype, "email", void 0);
__decorate([
    ApiProperty(),
    IsString(),
    Length(1, 200),
    __metadata("design:type", String)
], LoginDto.prototype, "password", void 0);
export class RegisterDto {
    email;
    password;
    name;
}
__decorate([
    ApiProperty({ example: 'aigerim@example.kz' }),
    Transform(lower),
    IsEmail(),
    MaxLength(254),
    __metadata("design:type", String)
], RegisterDto.prototype, "email", void 0);
__decorate([
    ApiProperty({ minLength: MIN_PASSWORD_LENGTH }),
    IsString(),
    Length(MIN_PASSWORD_LENGTH, 200),
    __metadata("design:type", String)
], RegisterDto.prototype, "password", void 0);
__decorate([
    ApiProperty({ example: 'Aigerim Nurlanovna' }),
    IsString(),
    Length(1, 200),
    __metadata("design:type", String)
], RegisterDto.prototype, "name", void 0);
export class AcceptInviteDto {
    token;
    password;
}
__decorate([
    ApiProperty(),
    IsString(),
    Length(10, 200),
    __metadata("design:type", String)
], AcceptInviteDto.prototype, "token", void 0);
__decorate([
    ApiProperty({ minLength: MIN_PASSWORD_LENGTH }),
    IsString(),
    Length(MIN_PASSWORD_LENGTH, 200),
    __metadata("design:type", String)
], AcceptInviteDto.prototype, "password", void 0);
export class SessionDto {
    accessToken;
    expiresIn;
    user;
}
__decorate([
    ApiProperty(),
    __metadata("design:type", String)
], SessionDto.prototype, "accessToken", void 0);
__decorate([
    ApiProperty({ description: 'Seconds until the token expires' }),
    __metadata("design:type", Number)
], SessionDto.prototype, "expiresIn", void 0);
__decorate([
    ApiProperty({ type: UserDto }),
    __metadata("design:type", UserDto)
], SessionDto.prototype, "user", void 0);
//# sourceMappingURL=auth.dto.js.map