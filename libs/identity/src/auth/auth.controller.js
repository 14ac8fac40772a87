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
import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems, CurrentActor, Idempotent, Public } from "../../../platform/src/index.js";
import { UserDto } from '../users/user.dto.js';
import { AcceptInviteDto, LoginDto, RegisterDto, SessionDto } from './auth.dto.js';
import { AuthService } from './auth.service.js';
let AuthController = class AuthController {
    auth;
    constructor(auth) {
        this.auth = auth;
    }
    login(body, req) {
        return this.auth.login(body.email, body.password, req.ip ?? 'unknown');
    }
    register(body) {
        return this.auth.register(body);
    }
    acceptInvite(body) {
        return this.auth.acceptInvite(body.token, body.password);
    }
    me(actor) {
        return this.auth.me(actor);
    }
};
__decorate([
    Post('login'),
    Public(),
    HttpCode(200),
    ApiOperation({ summary: 'Log in with e-mail and password (public; failures rate-limited)' }),
    ApiOkResponse({ type: SessionDto }),
    ApiProblems(400, 401, 429),
    __param(0, Body()),
    __param(1, Req()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [LoginDto, Object]),
    __metadata("design:returntype", Promise)
], AuthController.prototype, "login", null);
__decorate([
    Post('register'),
    Public(),
    Idempotent(),
    ApiOperation({ summary: 'A patient registers themselves (public)' }),
    ApiHeader({ name: 'Idempotency-Key', required: false }),
    ApiCreatedResponse({ type: SessionDto }),
    ApiProblems(400, 409, 422),
    __param(0, Body()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [RegisterDto]),
    __metadata("design:returntype", Promise)
], AuthController.prototype, "register", null);
__decorate([
    Post('accept-invite'),
    Public(),
    HttpCode(200),
    ApiOperation({ summary: 'Set a password with a single-use invitation token (public)' }),
    ApiOkResponse({ type: SessionDto }),
    ApiProblems(400, 422),
    __param(0, Body()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [AcceptInviteDto]),
    __metadata("design:returntype", Promise)
], AuthController.prototype, "acceptInvite", null);
__decorate([
    Get('me'),
    ApiBearerAuth(),
    ApiOperation({ summary: 'The caller\'s own account (any role)' }),
    ApiOkResponse({ type: UserDto }),
    ApiProblems(401),
    __param(0, CurrentActor()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object]),
    __metadata("design:returntype", Promise)
], AuthController.prototype, "me", null);
AuthController = __decorate([
    ApiTags('auth'),
    Controller('auth'),
    __metadata("design:paramtypes", [AuthService])
], AuthController);
export { AuthController };
//# sourceMappingURL=auth.controller.js.map