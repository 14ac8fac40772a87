import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { IsAccountEmail } from '../users/account-email.decorator.js';
import { UserDto } from '../users/user.dto.js';
import { MIN_PASSWORD_LENGTH } from './passwords.js';

export class LoginDto {
  @ApiProperty({ example: 'admin@medjourney.dev' })
  @IsAccountEmail()
  email: string;

  @ApiProperty()
  @IsString()
  @Length(1, 200)
  password: string;
}

export class RegisterDto {
  @ApiProperty({ example: 'aigerim@example.kz' })
  @IsAccountEmail()
  email: string;

  @ApiProperty({ minLength: MIN_PASSWORD_LENGTH })
  @IsString()
  @Length(MIN_PASSWORD_LENGTH, 200)
  password: string;

  @ApiProperty({ example: 'Aigerim Nurlanovna' })
  @IsString()
  @Length(1, 200)
  name: string;
}

export class VerifyEmailDto {
  @ApiProperty({ description: 'the token of the link e-mailed by register' })
  @IsString()
  @Length(10, 200)
  token: string;
}

export class RegistrationAcceptedDto {
  @ApiProperty() message: string;
}

/**
 * A password chosen from a mailed single-use link: an invitation's or a password reset's carry
 * the same fields under the same rules, so both bodies are this one definition.
 */
abstract class MailedLinkPasswordBody {
  @ApiProperty({ description: 'the token of the e-mailed link' })
  @IsString()
  @Length(10, 200)
  token: string;

  @ApiProperty({ minLength: MIN_PASSWORD_LENGTH })
  @IsString()
  @Length(MIN_PASSWORD_LENGTH, 200)
  password: string;
}

/** accept-invite: the token of the invitation e-mailed to the invited person. */
export class AcceptInviteDto extends MailedLinkPasswordBody {}

export class PasswordResetRequestDto {
  @ApiProperty({ example: 'aigerim@example.kz' })
  @IsAccountEmail()
  email: string;
}

/** password-reset/confirm: the token of the link e-mailed by password-reset. */
export class PasswordResetConfirmDto extends MailedLinkPasswordBody {}

export class SessionDto {
  @ApiProperty() accessToken: string;
  @ApiProperty({ description: 'Seconds until the token expires' }) expiresIn: number;
  @ApiProperty({ type: UserDto }) user: UserDto;
}
