import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsISO8601, IsOptional, IsUUID } from 'class-validator';
import { REGIONS, SPECIALTIES } from '@medjourney/hospitals';
import { PROVIDER_KINDS, type ProviderKind } from '../domain/vocabulary.js';
import { LANGUAGE_CODES } from './care-provider.dto.js';

export class MatchRequestDto {
  @ApiProperty({ enum: PROVIDER_KINDS }) @IsIn(PROVIDER_KINDS) kind: ProviderKind;
  @ApiPropertyOptional({ example: 'ru', description: 'ISO 639-1; default the patient\'s preferred language (a patient\'s own, or that of patientId); 422 LANGUAGE_REQUIRED when neither gives one' })
  @IsOptional() @IsIn(LANGUAGE_CODES) language?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'The patient the request is for: a coordinator\'s patient (sponsored or admitted by their hospital, else 404); a patient may name only themselves, the default' })
  @IsOptional() @IsUUID() patientId?: string;
  @ApiPropertyOptional({ enum: SPECIALTIES }) @IsOptional() @IsIn(SPECIALTIES) specialty?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'A coordinator\'s defaults to their hospital' }) @IsOptional() @IsUUID() hospitalId?: string;
  @ApiPropertyOptional({ enum: REGIONS }) @IsOptional() @IsIn(REGIONS) region?: string;
  @ApiProperty({ example: '2026-12-01T00:00:00Z' }) @IsISO8601({ strict: true }) start: string;
  @ApiProperty({ example: '2026-12-01T04:00:00Z' }) @IsISO8601({ strict: true }) end: string;
  @ApiPropertyOptional({ description: 'Default true for interpreters, false for caregivers' }) @IsOptional() @IsBoolean() requireCertified?: boolean;
}

export class ScoreBreakdownDto {
  @ApiProperty({ description: 'native 25, fluent 20, professional 15' }) language: number;
  @ApiProperty({ description: 'valid certification: 15' }) certification: number;
  @ApiProperty({ description: 'requested specialty (or none requested): 15' }) specialty: number;
  @ApiProperty({ description: 'affiliated with the hospital 15, serves the region 10 (or neither requested: 15)' }) proximity: number;
  @ApiProperty({ description: 'average rating × 3 (unrated: 9)' }) rating: number;
  @ApiProperty({ description: '15 × (1 − hours booked this week ÷ weekly maximum)' }) fairness: number;
  @ApiProperty({ enum: ['native', 'fluent', 'professional'] }) languageLevel: string;
  @ApiProperty() bookedHoursThisWeek: number;
}

export class CandidateDto {
  @ApiProperty({ format: 'uuid' }) providerId: string;
  @ApiProperty() name: string;
  @ApiProperty({ description: '0-100' }) score: number;
  @ApiProperty({ type: ScoreBreakdownDto }) breakdown: ScoreBreakdownDto;
}

export class ExclusionsDto {
  @ApiProperty({ description: 'not verified or deactivated' }) inactive: number;
  @ApiProperty() language: number;
  @ApiProperty() certification: number;
  @ApiProperty() availability: number;
  @ApiProperty() booked: number;
  @ApiProperty() weeklyHours: number;
}

export class MatchDto {
  @ApiProperty({ format: 'uuid', description: 'Pass it to POST /care-assignments so that re-offers follow this ranking' }) matchId: string;
  @ApiProperty({ type: [CandidateDto], description: 'At most 10, best first; equal scores by fewer hours booked, then provider id' }) candidates: CandidateDto[];
  @ApiProperty({ type: ExclusionsDto, description: 'Providers of the kind each hard filter excluded, each counted by the first filter it fails' }) excluded: ExclusionsDto;
}
