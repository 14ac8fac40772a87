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
import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems, CurrentActor, Idempotent, Roles } from "../../../platform/src/index.js";
import { CreatedUserDto, CreateUserDto, ListUsersQuery, UpdateUserDto, UserDto, UserPageDto } from './user.dto.js';
import { UsersService } from './users.service.js';
let UsersController = class UsersController {
    users;
    constructor(users) {
        this.users = users;
    }
    async create(body, actor) {
        const { user, invitationToken } = await this.users.create(body, actor.userId);
        return { ...UserDto.of(user), ...(invitationToken ? { invitationToken } : {}) };
    }
    async list(query, actor) {
        const page = await this.users.list(actor, { role: query.role }, query);
        return { items: page.items.map(UserDto.of), nextCursor: page.nextCursor };
    }
    async get(id, actor) {
        return UserDto.of(await this.users.get(actor, id));
    }
    async update(id, body, actor) {
        return UserDto.of(await this.users.update(actor, id, body));
    }
};
__decorate([
    Post(),
    Roles('admin'),
    Idempotent(),
    ApiOperation({ summary: 'Create a staff account (role: admin)' }),
    ApiHeader({ name: 'Idempotency-Key', required: false }),
    ApiCreatedResponse({ type: CreatedUserDto }),
    ApiProblems(400, 401, 403, 409, 422),
    __param(0, Body()),
    __param(1, CurrentActor()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [CreateUserDto, Object]),
    __metadata("design:returntype", Promise)
], UsersController.prototype, "create", null);
__decorate([
    Get(),
    Roles('admin', 'hospital_coordinator'),
    ApiOperation({ summary: 'List accounts (roles: admin — all; hospital_coordinator — their hospital\'s)' }),
    ApiOkResponse({ type: UserPageDto }),
    ApiProblems(400, 401, 403),
    __param(0, Query()),
    __param(1, CurrentActor()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [ListUsersQuery, Object]),
    __metadata("design:returntype", Promise)
], UsersController.prototype, "list", null);
__decorate([
    Get(':id'),
    Roles('admin', 'hospital_coordinator'),
    ApiOperation({ summary: 'One account (roles: admin; hospital_coordinator — their hospital\'s)' }),
    ApiOkResponse({ type: UserDto }),
    ApiProblems(401, 403, 404),
    __param(0, Param('id')),
    __param(1, CurrentActor()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String, Object]),
    __metadata("design:returntype", Promise)
], UsersController.prototype, "get", null);
__decorate([
    Patch(':id'),
    Roles('admin'),
    ApiOperation({ summary: 'Deactivate, reactivate or rename an account (role: admin)' }),
    ApiOkResponse({ type: UserDto }),
    ApiProblems(400, 401, 403, 404, 422),
    __param(0, Param('id')),
    __param(1, Body()),
    __param(2, CurrentActor()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String, UpdateUserDto, Object]),
    __metadata("design:returntype", Promise)
], UsersController.prototype, "update", null);
UsersController = __decorate([
    ApiTags('users'),
    ApiBearerAuth(),
    Controller('users'),
    __metadata("design:paramtypes", [UsersService])
], UsersController);
export { UsersController };
//# sourceMappingURL=users.controller.js.map