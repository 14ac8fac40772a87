import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiHeader, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems, CurrentActor, Idempotent, Public, ROLES, Roles, type Actor } from '@medjourney/platform';
import type { Request } from 'express';
import { UserDto } from '../users/user.dto.js';
import { AcceptInviteDto, LoginDto, PasswordResetConfirmDto, PasswordResetRequestDto, RegisterDto, RegistrationAcceptedDto, SessionDto, VerifyEmailDto } from './auth.dto.js';
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
  @HttpCode(202)
  @ApiOperation({
    summary: 'A patient registers themselves (public): 202 alike for every e-mail; the account exists once the link e-mailed to the address is followed (verify-email). Limited per address.',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiAcceptedResponse({ type: RegistrationAcceptedDto })
  @ApiProblems(400, 429)
  register(@Body() body: RegisterDto, @Req() req: Request): Promise<RegistrationAcceptedDto> {
    return this.auth.register(body, req.ip ?? 'unknown');
  }

  @Post('verify-email')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Follow the single-use link of a registration (valid 24 hours): makes the account and signs it in (public)' })
  @ApiOkResponse({ type: SessionDto })
  @ApiProblems(400, 422)
  verifyEmail(@Body() body: VerifyEmailDto): Promise<SessionDto> {
    return this.auth.verifyEmail(body.token);
  }

  @Post('accept-invite')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Set a password with the single-use invitation link e-mailed to the invited person (public)' })
  @ApiOkResponse({ type: SessionDto })
  @ApiProblems(400, 422)
  acceptInvite(@Body() body: AcceptInviteDto): Promise<SessionDto> {
    return this.auth.acceptInvite(body.token, body.password);
  }

  @Post('password-reset')
  @Public()
  @HttpCode(202)
  @ApiOperation({
    summary: 'Ask for a password reset (public): 202 alike for every e-mail; an active account\'s address is mailed a single-use link valid one hour (password-reset/confirm). Limited per address.',
  })
  @ApiAcceptedResponse({ type: RegistrationAcceptedDto })
  @ApiProblems(400, 429)
  requestPasswordReset(@Body() body: PasswordResetRequestDto, @Req() req: Request): Promise<RegistrationAcceptedDto> {
    return this.auth.requestPasswordReset(body.email, req.ip ?? 'unknown');
  }

  @Post('password-reset/confirm')
  @Public()
  @HttpCode(204)
  @ApiOperation({ summary: 'Choose a new password with the single-use link of a password reset (public); every session of the account ends. 422 INVALID_TOKEN for an unknown, used or expired link' })
  @ApiNoContentResponse({ description: 'The password is changed; sign in with it.' })
  @ApiProblems(400, 422)
  confirmPasswordReset(@Body() body: PasswordResetConfirmDto): Promise<void> {
    return this.auth.confirmPasswordReset(body.token, body.password);
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
