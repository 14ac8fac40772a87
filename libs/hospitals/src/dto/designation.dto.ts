import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Length, Max, Min, ValidateNested } from 'class-validator';
import { PageQuery } from '@medjourney/platform';
import { APPLICATION_STATUSES, DESIGNATION_STATUSES, type ApplicationStatus } from '../domain/vocabulary.js';

export class DeclaredFiguresDto {
  @ApiPropertyOptional({ minimum: 0, default: 0, description: 'visa applications sponsored before using MedJourney' }) @IsOptional() @IsInt() @Min(0) @Max(1_000_000) applications?: number;
  @ApiPropertyOptional({ minimum: 0, default: 0 }) @IsOptional() @IsInt() @Min(0) @Max(10_000_000) persons?: number;
  @ApiPropertyOptional({ minimum: 0, default: 0 }) @IsOptional() @IsInt() @Min(0) @Max(10_000_000) refusals?: number;
  @ApiPropertyOptional({ minimum: 0, default: 0 }) @IsOptional() @IsInt() @Min(0) @Max(10_000_000) overstays?: number;
  @ApiPropertyOptional({ minimum: 0, default: 0 }) @IsOptional() @IsInt() @Min(0) @Max(10_000_000) entryRefusals?: number;
  @ApiPropertyOptional({ minimum: 0, default: 0, description: 'certified medical interpreters on staff' }) @IsOptional() @IsInt() @Min(0) @Max(10_000) interpreters?: number;
}

export class ApplyForDesignationDto {
  @ApiProperty({ example: 2026, description: 'the designation year starting on DESIGNATION_YEAR_START of that year' }) @IsInt() @Min(2000) @Max(2200) year: number;
  @ApiPropertyOptional({ type: DeclaredFiguresDto }) @IsOptional() @ValidateNested() @Type(() => DeclaredFiguresDto) declared?: DeclaredFiguresDto;
}

export class DecideApplicationDto {
  @ApiProperty({ enum: ['approve', 'reject'] }) @IsIn(['approve', 'reject']) outcome: 'approve' | 'reject';
  @ApiProperty({ example: 'Meets every criterion.' }) @IsString() @Length(1, 2000) note: string;
}

export class ListDesignationApplicationsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: APPLICATION_STATUSES }) @IsOptional() @IsIn(APPLICATION_STATUSES) status?: ApplicationStatus;
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() @Min(2000) @Max(2200) year?: number;
  @ApiPropertyOptional({ enum: ['-score', '-submittedAt'], default: '-submittedAt' }) @IsOptional() @IsIn(['-score', '-submittedAt']) sort?: '-score' | '-submittedAt';
}

export class SuspendDesignationDto {
  @ApiProperty() @IsString() @Length(1, 2000) note: string;
  @ApiPropertyOptional({ minimum: 1, maximum: 12, default: 1 }) @IsOptional() @IsInt() @Min(1) @Max(12) months?: number;
}

export class NoteDto {
  @ApiProperty() @IsString() @Length(1, 2000) note: string;
}

export class FiguresDto {
  @ApiProperty() applications: number;
  @ApiProperty() persons: number;
  @ApiProperty() refusals: number;
  @ApiProperty() overstays: number;
  @ApiProperty() entryRefusals: number;
}

export class DesignationScoreDto {
  @ApiProperty({ description: 'up to 40' }) persons: number;
  @ApiProperty({ description: 'up to 30' }) problemRate: number;
  @ApiProperty({ description: 'up to 15' }) interpreters: number;
  @ApiProperty({ description: '15 or 0' }) koiha: number;
  @ApiProperty({ description: '+10 for general/tertiary general hospitals of 300 beds or more' }) largeGeneralHospitalBonus: number;
  @ApiProperty({ description: 'outside Seoul, Incheon, Gyeonggi' }) regionalBonus: number;
  @ApiProperty() total: number;
}

export class EligibilityFailureDto {
  @ApiProperty() code: string;
  @ApiProperty() reason: string;
}

export class DesignationApplicationDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) hospitalId: string;
  @ApiProperty() year: number;
  @ApiProperty({ enum: APPLICATION_STATUSES }) status: string;
  @ApiProperty({ enum: ['fast_track', 'reviewed'] }) route: string;
  @ApiProperty({ type: FiguresDto, description: 'from MedJourney visa records, 24 months' }) systemFigures: FiguresDto;
  @ApiProperty({ type: DeclaredFiguresDto, description: 'declared by the hospital' }) declaredFigures: DeclaredFiguresDto;
  @ApiProperty({ type: FiguresDto, description: 'system + declared' }) figures: FiguresDto;
  @ApiProperty() problemRate: number;
  @ApiProperty() score: number;
  @ApiProperty({ type: DesignationScoreDto }) scoreBreakdown: DesignationScoreDto;
  @ApiProperty({ type: [EligibilityFailureDto] }) eligibilityFailures: EligibilityFailureDto[];
  @ApiProperty({ nullable: true, type: String }) decisionNote: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) decidedAt: string | null;
  @ApiProperty({ format: 'date-time' }) submittedAt: string;
  @ApiProperty() version: number;
}

export class DesignationApplicationPageDto {
  @ApiProperty({ type: [DesignationApplicationDto] }) items: DesignationApplicationDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class DesignationDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) hospitalId: string;
  @ApiProperty() year: number;
  @ApiProperty({ enum: DESIGNATION_STATUSES }) status: string;
  @ApiProperty({ format: 'date' }) validFrom: string;
  @ApiProperty({ format: 'date' }) validUntil: string;
  @ApiProperty({ nullable: true, type: Number }) score: number | null;
  @ApiProperty({ enum: ['fast_track', 'reviewed'] }) route: string;
  @ApiProperty({ minimum: 0, maximum: 4 }) sanctionLevel: number;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) suspendedUntil: string | null;
  @ApiProperty({ nullable: true, type: String }) statusNote: string | null;
  @ApiProperty() version: number;
}
