import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Length, Max, Min } from 'class-validator';
import { PageQuery } from '@medjourney/platform';
import { ASSIGNMENT_STATUSES, PROVIDER_KINDS, type AssignmentStatus, type ProviderKind } from '../domain/vocabulary.js';
import { LANGUAGE_CODES } from './care-provider.dto.js';

export class CreateCareAssignmentDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() providerId: string;
  @ApiProperty({ format: 'uuid', description: 'The patient record' }) @IsUUID() patientId: string;
  @ApiProperty({ format: 'uuid', description: 'The coordinator\'s own hospital' }) @IsUUID() hospitalId: string;
  @ApiProperty({ example: '2026-12-01T00:00:00Z' }) @IsISO8601({ strict: true }) start: string;
  @ApiProperty({ example: '2026-12-01T04:00:00Z' }) @IsISO8601({ strict: true }) end: string;
  @ApiProperty({ enum: PROVIDER_KINDS }) @IsIn(PROVIDER_KINDS) kind: ProviderKind;
  @ApiPropertyOptional({ format: 'uuid', description: 'The ranking (POST /matches) that re-offers follow' }) @IsOptional() @IsUUID() matchId?: string;
  @ApiPropertyOptional({ example: 'ru', description: 'The patient\'s language, for a re-offer without matchId; without it the re-offer takes the patient\'s preferred language' })
  @IsOptional() @IsIn(LANGUAGE_CODES) language?: string;
}

export class CompleteCareAssignmentDto {
  @ApiProperty({ minimum: 1, maximum: 5 }) @IsInt() @Min(1) @Max(5) rating: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 2000) comment?: string;
}

export class CareAssignmentQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ASSIGNMENT_STATUSES }) @IsOptional() @IsIn(ASSIGNMENT_STATUSES) status?: AssignmentStatus;
}

export class CareAssignmentDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) providerId: string;
  @ApiProperty({ format: 'uuid' }) patientId: string;
  @ApiProperty({ format: 'uuid' }) hospitalId: string;
  @ApiProperty({ enum: PROVIDER_KINDS }) kind: ProviderKind;
  @ApiProperty() start: string;
  @ApiProperty() end: string;
  @ApiProperty({ enum: ASSIGNMENT_STATUSES }) status: AssignmentStatus;
  @ApiProperty({ type: String, nullable: true }) matchId: string | null;
  @ApiProperty({ description: 'A pending assignment not answered by then expires' }) respondBy: string;
  @ApiProperty({ type: String, nullable: true }) respondedAt: string | null;
  @ApiProperty({ type: Number, nullable: true }) rating: number | null;
  @ApiProperty({ type: String, nullable: true }) comment: string | null;
  @ApiProperty() version: number;
  @ApiProperty() createdAt: string;
}

export class CareAssignmentPageDto {
  @ApiProperty({ type: [CareAssignmentDto] }) items: CareAssignmentDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}
