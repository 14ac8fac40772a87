import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, IsUUID, Length, ValidateIf } from 'class-validator';
import { PageQuery, ROLES, STAFF_ROLES, type Role } from '@medjourney/platform';
import { MIN_PASSWORD_LENGTH } from '../auth/passwords.js';
import { IsAccountEmail } from './account-email.decorator.js';
import type { User } from './user.entity.js';

export class CreateUserDto {
  @ApiProperty({ example: 'officer.kim@immigration.go.kr' })
  @IsAccountEmail()
  email: string;

  @ApiPropertyOptional({ minLength: MIN_PASSWORD_LENGTH, description: 'Omit it to e-mail the person a single-use invitation link instead (never shown to the admin).' })
  @IsOptional()
  @IsString()
  @Length(MIN_PASSWORD_LENGTH, 200)
  password?: string;

  @ApiProperty({ example: 'Kim Min-jun' })
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiProperty({ enum: STAFF_ROLES })
  @IsIn(STAFF_ROLES)
  role: Role;

  @ApiPropertyOptional({ format: 'uuid', description: 'Required for hospital_coordinator and clinician.' })
  @ValidateIf((o: CreateUserDto) => o.role === 'hospital_coordinator' || o.role === 'clinician' || o.hospitalId !== undefined)
  @IsUUID()
  hospitalId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Required for care_provider.' })
  @ValidateIf((o: CreateUserDto) => o.role === 'care_provider' || o.careProviderId !== undefined)
  @IsUUID()
  careProviderId?: string;
}

export class UpdateUserDto {
  @ApiPropertyOptional({ description: 'false deactivates the account: it can no longer log in and gets no new work.' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 200)
  name?: string;
}

export class ListUsersQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ROLES })
  @IsOptional()
  @IsIn(ROLES)
  role?: Role;
}

export class UserDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() email: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ROLES }) role: Role;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) hospitalId: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) careProviderId: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) patientId: string | null;
  @ApiProperty() active: boolean;
  @ApiProperty() version: number;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;

  static of(u: User): UserDto {
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

export class UserPageDto {
  @ApiProperty({ type: [UserDto] }) items: UserDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

