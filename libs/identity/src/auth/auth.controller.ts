import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems, CurrentActor, Idempotent, Public, ROLES, Roles, type Actor } from '@medjourney/platform';
import type { Request } from 'express';
import { UserDto } from '../users/user.dto.js';
import { AcceptInviteDto, LoginDto, RegisterDto, SessionDto } from './auth.dto.js';
import { AuthService } from './auth.service.js';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Log in with e-mail and password (public; failures rate-limited)' })
  @ApiOkResponse({ type: SessionDto })
  @ApiProblems(400, 401, 429)
  login(@Body() body: LoginDto, @Req() req: Request): Promise<SessionDto> {
    return this.auth.login(body.email, body.password, req.ip ?? 'unknown');
  }

  @Post('register')
  @Public()
  @Idempotent()
  @ApiOperation({ summary: 'A patient registers themselves (public)' })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiCreatedResponse({ type: SessionDto })
  @ApiProblems(400, 409, 422)
  register(@Body() body: RegisterDto): Promise<SessionDto> {
    return this.auth.register(body);
  }

  @Post('accept-invite')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Set a password with a single-use invitation token (public)' })
  @ApiOkResponse({ type: SessionDto })
  @ApiProblems(400, 422)
  acceptInvite(@Body() body: AcceptInviteDto): Promise<SessionDto> {
    return this.auth.acceptInvite(body.token, body.password);
  }

  @Get('me')
  @Roles(...ROLES)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The caller\'s own account (any role)' })
  @ApiOkResponse({ type: UserDto })
  @ApiProblems(401)
  me(@CurrentActor() actor: Actor): Promise<UserDto> {
    return this.auth.me(actor);
  }
}
