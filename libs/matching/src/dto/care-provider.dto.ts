import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize, ArrayUnique, IsArray, IsEmail, IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Length, Max, Min, ValidateNested,
} from 'class-validator';
import ISO6391 from 'iso-639-1';
import { REGIONS, SPECIALTIES } from '@medjourney/hospitals';
import { PageQuery, IsDateOnly } from '@medjourney/platform';
import { CERTIFICATION_TYPES, LANGUAGE_LEVELS, PROVIDER_KINDS, type CertificationType, type LanguageLevel, type ProviderKind } from '../domain/vocabulary.js';

export const LANGUAGE_CODES = ISO6391.getAllCodes();

export class LanguageDto {
  @ApiProperty({ example: 'ru', description: 'ISO 639-1' }) @IsIn(LANGUAGE_CODES, { message: 'code must be an ISO 639-1 code' }) code: string;
  @ApiProperty({ enum: LANGUAGE_LEVELS }) @IsIn(LANGUAGE_LEVELS) level: LanguageLevel;
}

export class ProviderCertificationDto {
  @ApiProperty({ enum: CERTIFICATION_TYPES }) @IsIn(CERTIFICATION_TYPES) type: CertificationType;
  @ApiProperty({ example: 'MI-2025-00417' }) @IsString() @Length(1, 100) number: string;
  @ApiProperty({ example: '2028-06-30', format: 'date' }) @IsDateOnly() validUntil: string;
}

export class ContactDto {
  @ApiPropertyOptional({ example: 'interpreter@example.kr' }) @IsOptional() @IsEmail() @Length(3, 200) email?: string;
  @ApiPropertyOptional({ example: '+82-10-1234-5678' }) @IsOptional() @IsString() @Length(3, 40) phone?: string;
}

/** The fields of a provider that creation and editing share. */
class ProviderFieldsDto {
  @ApiPropertyOptional({ type: ContactDto }) @IsOptional() @ValidateNested() @Type(() => ContactDto) contact?: ContactDto;
  @ApiPropertyOptional({ enum: REGIONS, isArray: true }) @IsOptional() @IsArray() @ArrayUnique() @ArrayMaxSize(REGIONS.length) @IsIn(REGIONS, { each: true }) regions?: string[];
  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'Hospitals the provider is affiliated with (preferred, not required).' })
  @IsOptional() @IsArray() @ArrayUnique() @ArrayMaxSize(50) @IsUUID('all', { each: true }) hospitalIds?: string[];
  @ApiPropertyOptional({ type: [LanguageDto] })
  @IsOptional() @IsArray() @ArrayMaxSize(30) @ValidateNested({ each: true }) @Type(() => LanguageDto) languages?: LanguageDto[];
  @ApiPropertyOptional({ enum: SPECIALTIES, isArray: true, description: 'Interpreters: the medical fields they interpret in.' })
  @IsOptional() @IsArray() @ArrayUnique() @ArrayMaxSize(SPECIALTIES.length) @IsIn(SPECIALTIES, { each: true }) specialties?: string[];
  @ApiPropertyOptional({ minimum: 1, maximum: 168, default: 40 }) @IsOptional() @IsInt() @Min(1) @Max(168) maxHoursPerWeek?: number;
}

/** What a provider edits on their own profile. */
export class CareProviderProfileDto extends ProviderFieldsDto {
  @ApiPropertyOptional({ example: 'Kim Na-rae' }) @IsOptional() @IsString() @Length(1, 200) name?: string;
}

export class CreateCareProviderDto extends ProviderFieldsDto {
  @ApiProperty({ enum: PROVIDER_KINDS }) @IsIn(PROVIDER_KINDS) kind: ProviderKind;
  @ApiProperty({ example: 'Kim Na-rae' }) @IsString() @Length(1, 200) name: string;
  @ApiPropertyOptional({ type: [ProviderCertificationDto] })
  @IsOptional() @IsArray() @ArrayMaxSize(20) @ValidateNested({ each: true }) @Type(() => ProviderCertificationDto) certifications?: ProviderCertificationDto[];
}

/** Certifications are checked by the ministry: only admins and ministry reviewers change them. */
export const REGISTRY_FIELDS = ['certifications'] as const;

export class UpdateCareProviderDto extends CareProviderProfileDto {
  @ApiPropertyOptional({ type: [ProviderCertificationDto], description: 'admin and ministry_reviewer only' })
  @IsOptional() @IsArray() @ArrayMaxSize(20) @ValidateNested({ each: true }) @Type(() => ProviderCertificationDto) certifications?: ProviderCertificationDto[];
  @ApiPropertyOptional({ description: 'The version you read; a stale one answers 409.' }) @IsOptional() @IsInt() @Min(1) version?: number;
}

export class WeeklyHoursDto {
  @ApiProperty({ minimum: 1, maximum: 7, description: 'ISO weekday, 1 = Monday' }) @IsInt() @Min(1) @Max(7) weekday: number;
  @ApiProperty({ example: '09:00', description: 'Local wall-clock time in the provider\'s zone' }) @IsString() @Length(5, 5) start: string;
  @ApiProperty({ example: '18:00', description: 'Local wall-clock time; 24:00 is the midnight after' }) @IsString() @Length(5, 5) end: string;
}

export class ExceptionDto {
  @ApiProperty({ example: '2026-12-24T00:00:00Z' }) @IsISO8601({ strict: true }) from: string;
  @ApiProperty({ example: '2026-12-26T00:00:00Z' }) @IsISO8601({ strict: true }) to: string;
}

export class AvailabilityDto {
  @ApiProperty({ example: 'Asia/Seoul', description: 'IANA time zone of the weekly hours' }) @IsString() @Length(1, 64) timezone: string;
  @ApiProperty({ type: [WeeklyHoursDto] }) @IsArray() @ArrayMaxSize(100) @ValidateNested({ each: true }) @Type(() => WeeklyHoursDto) weekly: WeeklyHoursDto[];
  @ApiProperty({ type: [ExceptionDto], description: 'Instants at which the provider is not available' })
  @IsArray() @ArrayMaxSize(500) @ValidateNested({ each: true }) @Type(() => ExceptionDto) exceptions: ExceptionDto[];
}

export class CareProviderQuery extends PageQuery {
  @ApiPropertyOptional({ enum: PROVIDER_KINDS }) @IsOptional() @IsIn(PROVIDER_KINDS) kind?: ProviderKind;
  @ApiPropertyOptional({ example: 'ru' }) @IsOptional() @IsIn(LANGUAGE_CODES) language?: string;
}

export class CareProviderDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: PROVIDER_KINDS }) kind: ProviderKind;
  @ApiProperty() name: string;
  @ApiProperty({ type: ContactDto }) contact: ContactDto;
  @ApiProperty({ type: [String] }) regions: string[];
  @ApiProperty({ type: [String] }) hospitalIds: string[];
  @ApiProperty({ type: [LanguageDto] }) languages: LanguageDto[];
  @ApiProperty({ type: [ProviderCertificationDto] }) certifications: ProviderCertificationDto[];
  @ApiProperty({ type: [String] }) specialties: string[];
  @ApiProperty() maxHoursPerWeek: number;
  @ApiProperty({ type: Number, nullable: true, description: 'Average of completed assignments\' ratings, 1-5' }) rating: number | null;
  @ApiProperty() ratingCount: number;
  @ApiProperty() timezone: string;
  @ApiProperty({ description: 'false until verified by an admin or ministry reviewer' }) active: boolean;
  @ApiProperty({ type: String, nullable: true }) verifiedAt: string | null;
  @ApiProperty() version: number;
}

export class CareProviderPageDto {
  @ApiProperty({ type: [CareProviderDto] }) items: CareProviderDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}
