import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize, ArrayUnique, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, Length, Max, Min, ValidateNested,
} from 'class-validator';
import ISO6391 from 'iso-639-1';
import { PageQuery, IsDateOnly } from '@medjourney/platform';
import { HOSPITAL_TYPES, REGIONS, SPECIALTIES, type HospitalType, type Region, type Specialty } from '../domain/vocabulary.js';

export const LANGUAGE_CODES = ISO6391.getAllCodes();

export class RegistrationDto {
  @ApiProperty({ example: 'FPA-2024-0117' }) @IsString() @Length(1, 100) number: string;
  @ApiProperty({ example: '2027-12-31', format: 'date' }) @IsDateOnly() validUntil: string;
}

export class CertificationDto {
  @ApiProperty({ example: 'KAHF-2025-031' }) @IsString() @Length(1, 100) number: string;
  @ApiProperty({ example: '2029-03-31', format: 'date' }) @IsDateOnly() validUntil: string;
}

export class CertificationsDto {
  @ApiPropertyOptional({ type: CertificationDto, nullable: true, description: 'Foreign-patient attraction certification (4 years)' })
  @IsOptional() @ValidateNested() @Type(() => CertificationDto) kahf?: CertificationDto | null;
  @ApiPropertyOptional({ type: CertificationDto, nullable: true, description: 'KOIHA accreditation' })
  @IsOptional() @ValidateNested() @Type(() => CertificationDto) koiha?: CertificationDto | null;
}

/** Profile fields a coordinator may edit on their own hospital. */
export class HospitalProfileDto {
  @ApiPropertyOptional({ example: 'Seoul Riverside University Hospital' }) @IsOptional() @IsString() @Length(1, 200) name?: string;
  @ApiPropertyOptional({ type: String, example: '서울리버사이드대학교병원', nullable: true }) @IsOptional() @IsString() @Length(1, 200) nameLocal?: string | null;
  @ApiPropertyOptional({ enum: REGIONS }) @IsOptional() @IsIn(REGIONS) region?: Region;
  @ApiPropertyOptional({ example: '101 Daehak-ro, Jongno-gu, Seoul' }) @IsOptional() @IsString() @Length(1, 500) address?: string;
  @ApiPropertyOptional({ enum: SPECIALTIES, isArray: true })
  @IsOptional() @IsArray() @ArrayUnique() @ArrayMaxSize(SPECIALTIES.length) @IsIn(SPECIALTIES, { each: true }) specialties?: Specialty[];
  @ApiPropertyOptional({ example: ['en', 'ru', 'zh'], description: 'ISO 639-1' })
  @IsOptional() @IsArray() @ArrayUnique() @ArrayMaxSize(50) @IsIn(LANGUAGE_CODES, { each: true, message: 'languages must be ISO 639-1 codes' }) languages?: string[];
}

/** Fields only the ministry (and admins) change. */
export const MINISTRY_FIELDS = ['licenseNumber', 'type', 'bedCount', 'registration', 'certifications'] as const;

export class UpdateHospitalDto extends HospitalProfileDto {
  @ApiPropertyOptional({ example: '11100123' }) @IsOptional() @IsString() @Length(1, 50) licenseNumber?: string;
  @ApiPropertyOptional({ enum: HOSPITAL_TYPES }) @IsOptional() @IsIn(HOSPITAL_TYPES) type?: HospitalType;
  @ApiPropertyOptional({ minimum: 0 }) @IsOptional() @IsInt() @Min(0) @Max(10000) bedCount?: number;
  @ApiPropertyOptional({ type: RegistrationDto, nullable: true }) @IsOptional() @ValidateNested() @Type(() => RegistrationDto) registration?: RegistrationDto | null;
  @ApiPropertyOptional({ type: CertificationsDto }) @IsOptional() @ValidateNested() @Type(() => CertificationsDto) certifications?: CertificationsDto;
  @ApiPropertyOptional({ description: 'The version you read; a stale one answers 409.' }) @IsOptional() @IsInt() @Min(1) version?: number;
}

export class CreateHospitalDto {
  @ApiProperty({ example: 'Seoul Riverside University Hospital' }) @IsString() @Length(1, 200) name: string;
  @ApiPropertyOptional({ example: '서울리버사이드대학교병원' }) @IsOptional() @IsString() @Length(1, 200) nameLocal?: string;
  @ApiProperty({ example: '11100123' }) @IsString() @Length(1, 50) licenseNumber: string;
  @ApiProperty({ enum: HOSPITAL_TYPES }) @IsIn(HOSPITAL_TYPES) type: HospitalType;
  @ApiProperty({ minimum: 0, example: 850 }) @IsInt() @Min(0) @Max(10000) bedCount: number;
  @ApiProperty({ enum: REGIONS }) @IsIn(REGIONS) region: Region;
  @ApiProperty({ example: '101 Daehak-ro, Jongno-gu, Seoul' }) @IsString() @Length(1, 500) address: string;
  @ApiProperty({ enum: SPECIALTIES, isArray: true }) @IsArray() @ArrayUnique() @ArrayMaxSize(SPECIALTIES.length) @IsIn(SPECIALTIES, { each: true }) specialties: Specialty[];
  @ApiProperty({ example: ['en', 'ru'], description: 'ISO 639-1' })
  @IsArray() @ArrayUnique() @ArrayMaxSize(50) @IsIn(LANGUAGE_CODES, { each: true, message: 'languages must be ISO 639-1 codes' }) languages: string[];
  @ApiPropertyOptional({ type: RegistrationDto }) @IsOptional() @ValidateNested() @Type(() => RegistrationDto) registration?: RegistrationDto;
  @ApiPropertyOptional({ type: CertificationsDto }) @IsOptional() @ValidateNested() @Type(() => CertificationsDto) certifications?: CertificationsDto;
}

const toBool = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export class DirectoryQuery extends PageQuery {
  @ApiPropertyOptional({ enum: SPECIALTIES }) @IsOptional() @IsIn(SPECIALTIES) specialty?: Specialty;
  @ApiPropertyOptional({ description: 'ISO 639-1' }) @IsOptional() @IsIn(LANGUAGE_CODES) language?: string;
  @ApiPropertyOptional({ enum: REGIONS }) @IsOptional() @IsIn(REGIONS) region?: Region;
  @ApiPropertyOptional({ enum: HOSPITAL_TYPES }) @IsOptional() @IsIn(HOSPITAL_TYPES) type?: HospitalType;
  @ApiPropertyOptional({ description: 'true: only hospitals with an active designation today' }) @IsOptional() @Transform(toBool) @IsBoolean() designated?: boolean;
}

export class ValidityDto {
  @ApiProperty() number: string;
  @ApiProperty({ format: 'date' }) validUntil: string;
  @ApiProperty({ description: 'valid today (Korean time)' }) valid: boolean;
}

export class CertificationsViewDto {
  @ApiProperty({ type: ValidityDto, nullable: true }) kahf: ValidityDto | null;
  @ApiProperty({ type: ValidityDto, nullable: true }) koiha: ValidityDto | null;
}

export class CurrentDesignationSummaryDto {
  @ApiProperty() year: number;
  @ApiProperty({ enum: ['active', 'suspended', 'expired', 'cancelled'] }) status: string;
  @ApiProperty({ format: 'date' }) validUntil: string;
}

export class HospitalDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ nullable: true, type: String }) nameLocal: string | null;
  @ApiProperty() licenseNumber: string;
  @ApiProperty({ enum: HOSPITAL_TYPES }) type: HospitalType;
  @ApiProperty() bedCount: number;
  @ApiProperty({ enum: REGIONS }) region: Region;
  @ApiProperty() address: string;
  @ApiProperty({ enum: SPECIALTIES, isArray: true }) specialties: Specialty[];
  @ApiProperty({ type: [String] }) languages: string[];
  @ApiProperty({ type: ValidityDto, nullable: true }) registration: ValidityDto | null;
  @ApiProperty({ type: () => CertificationsViewDto }) certifications: CertificationsViewDto;
  @ApiProperty() kHealthcareMark: boolean;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) kHealthcareMarkAwardedAt: string | null;
  @ApiProperty({ type: CurrentDesignationSummaryDto, nullable: true, description: 'The designation of the current designation year' })
  designation: CurrentDesignationSummaryDto | null;
  @ApiProperty() version: number;
}

export class HospitalPageDto {
  @ApiProperty({ type: [HospitalDto] }) items: HospitalDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
