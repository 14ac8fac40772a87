import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems, CurrentActor, Idempotent, Roles, type Actor } from '@medjourney/platform';
import { CreateUserDto, ListUsersQuery, UpdateUserDto, UserDto, UserPageDto } from './user.dto.js';
import { UsersService } from './users.service.js';

@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  @Roles('admin')
  @Idempotent()
  @ApiOperation({ summary: 'Create a staff account (role: admin)' })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiCreatedResponse({ type: UserDto })
  @ApiProblems(400, 401, 403, 409, 422)
  async create(@Body() body: CreateUserDto, @CurrentActor() actor: Actor): Promise<UserDto> {
    const { user } = await this.users.create(body, actor.userId);
    return UserDto.of(user);
  }

  @Get()
  @Roles('admin', 'hospital_coordinator')
  @ApiOperation({ summary: 'List accounts (roles: admin — all; hospital_coordinator — their hospital\'s)' })
  @ApiOkResponse({ type: UserPageDto })
  @ApiProblems(400, 401, 403)
  async list(@Query() query: ListUsersQuery, @CurrentActor() actor: Actor): Promise<UserPageDto> {
    const page = await this.users.list(actor, { role: query.role }, query);
    return { items: page.items.map(UserDto.of), nextCursor: page.nextCursor };
  }

  @Get(':id')
  @Roles('admin', 'hospital_coordinator')
  @ApiOperation({ summary: 'One account (roles: admin; hospital_coordinator — their hospital\'s)' })
  @ApiOkResponse({ type: UserDto })
  @ApiProblems(401, 403, 404)
  async get(@Param('id') id: string, @CurrentActor() actor: Actor): Promise<UserDto> {
    return UserDto.of(await this.users.get(actor, id));
  }

  @Patch(':id')
  @Roles('admin')
  @ApiOperation({ summary: 'Deactivate, reactivate or rename an account (role: admin)' })
  @ApiOkResponse({ type: UserDto })
  @ApiProblems(400, 401, 403, 404, 422)
  async update(@Param('id') id: string, @Body() body: UpdateUserDto, @CurrentActor() actor: Actor): Promise<UserDto> {
    return UserDto.of(await this.users.update(actor, id, body));
  }
}
