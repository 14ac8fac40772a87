import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsDateString, IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, MaxLength, Min, Validate, ValidatorConstraint, type ValidatorConstraintInterface } from 'class-validator';
import ISO6391 from 'iso-639-1';
import { IANAZone } from 'luxon';
import { JOURNEY_EVENT_TYPES, type JourneyEventType } from '../domain/plausibility.js';
import { STAGES } from '../domain/journey-stage.js';

const LANGUAGE_CODES = ISO6391.getAllCodes();

@ValidatorConstraint({ name: 'ianaZone' })
class IanaZone implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return typeof value === 'string' && value.length <= 64 && IANAZone.isValidZone(value);
  }
  defaultMessage(): string {
    return 'timezone must be an IANA time zone such as Asia/Almaty';
  }
}

export class JourneyEventBody {
  @ApiProperty({ enum: JOURNEY_EVENT_TYPES }) @IsIn(JOURNEY_EVENT_TYPES) type: JourneyEventType;
  @ApiPropertyOptional({ format: 'date-time', description: 'When it happened; default now.' }) @IsOptional() @IsDateString({ strict: true }) at?: string;
  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'arrived, departed, entry_refused: the persons (the patient and companions); default the patient.' })
  @IsOptional() @IsArray() @ArrayMinSize(1) @ArrayMaxSize(10) @ArrayUnique() @IsUUID('all', { each: true })
  personIds?: string[];
  @ApiPropertyOptional({ format: 'uuid', description: 'admitted, discharged, treated: the treating hospital.' }) @IsOptional() @IsUUID() hospitalId?: string;
}

export class CreateReferralBody {
  @ApiProperty({ format: 'uuid', description: 'The registered hospital the patient is referred to.' }) @IsUUID() hospitalId: string;
  @ApiPropertyOptional({ maxLength: 2000, description: 'Why, for the receiving hospital (shown on the patient\'s timeline, never to immigration).' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string;
}

export class ReferralDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) patientId: string;
  @ApiProperty({ format: 'uuid' }) hospitalId: string;
  @ApiProperty({ format: 'uuid' }) referredByHospitalId: string;
  @ApiProperty({ nullable: true, type: String }) reason: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class ReferralPageDto {
  @ApiProperty({ type: [ReferralDto] }) items: ReferralDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class JourneyEventDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: JOURNEY_EVENT_TYPES }) type: string;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ type: [String] }) personIds: string[];
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) hospitalId: string | null;
}

export class TimelineEntryDto {
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ example: 'arrived' }) type: string;
  @ApiProperty({ example: 'AIGERIM NURLANOVA arrived in Korea.' }) summary: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) refs: Record<string, unknown>;
}

export class JourneyDto {
  @ApiProperty({ format: 'uuid' }) patientId: string;
  @ApiProperty({ enum: STAGES }) stage: string;
  @ApiProperty({ type: [String] }) nextSteps: string[];
  @ApiProperty({ example: 'Asia/Almaty', description: 'The time zone the next steps name instants in.' }) timezone: string;
  @ApiProperty({ type: [TimelineEntryDto] }) entries: TimelineEntryDto[];
}

export class PatientProfileDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() email: string;
  @ApiProperty({ nullable: true, type: String, example: '+77011234567' }) phone: string | null;
  @ApiProperty({ type: [String], example: ['kk', 'ru'], description: 'ISO 639-1, the preferred first.' }) languages: string[];
  @ApiProperty({ nullable: true, type: String, example: 'Asia/Almaty' }) timezone: string | null;
  @ApiProperty() version: number;
}

export class UpdatePatientProfileBody {
  @ApiPropertyOptional({ nullable: true, type: String, example: '+77011234567', description: 'E.164' })
  @IsOptional() @IsString() @Matches(/^\+[1-9][0-9]{6,14}$/, { message: 'phone must be in E.164 form, such as +77011234567' })
  phone?: string | null;
  @ApiPropertyOptional({ type: [String], example: ['kk', 'ru'] })
  @IsOptional() @IsArray() @ArrayMaxSize(10) @ArrayUnique() @IsIn(LANGUAGE_CODES, { each: true })
  languages?: string[];
  @ApiPropertyOptional({ nullable: true, type: String, example: 'Asia/Almaty' }) @IsOptional() @Validate(IanaZone) timezone?: string | null;
  @ApiPropertyOptional({ description: 'The version read; a stale one answers 409.' }) @IsOptional() @IsInt() @Min(1) version?: number;
}
