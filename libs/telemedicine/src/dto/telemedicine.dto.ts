import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsEmail, IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import ISO6391 from 'iso-639-1';
import { PageQuery } from '@medjourney/platform';
import { POLICIES, type TelemedicinePolicy } from '../domain/policy.js';
import { SLOT_MINUTES } from '../domain/slots.js';

const LANGUAGE_CODES = ISO6391.getAllCodes();
export const APPOINTMENT_STATUSES = ['booked', 'fulfilled', 'cancelled', 'noshow'] as const;
export type AppointmentStatus = (typeof APPOINTMENT_STATUSES)[number];

export class WeeklyWindowDto {
  @ApiProperty({ minimum: 1, maximum: 7, description: 'ISO weekday, 1 = Monday' }) @IsInt() @Min(1) @Max(7) weekday: number;
  @ApiProperty({ example: '09:00' }) @IsString() @Length(5, 5) start: string;
  @ApiProperty({ example: '17:00', description: 'up to 24:00' }) @IsString() @Length(5, 5) end: string;
}

export class ScheduleExceptionDto {
  @ApiProperty({ example: '2026-12-24T00:00:00Z' }) @IsISO8601({ strict: true }) from: string;
  @ApiProperty({ example: '2026-12-26T00:00:00Z' }) @IsISO8601({ strict: true }) to: string;
}

export class ScheduleBody {
  @ApiProperty({ example: 'Asia/Seoul' }) @IsString() @Length(1, 64) timezone: string;
  @ApiProperty({ enum: SLOT_MINUTES }) @IsIn(SLOT_MINUTES) slotMinutes: number;
  @ApiProperty({ type: [WeeklyWindowDto] }) @IsArray() @ArrayMaxSize(70) @ValidateNested({ each: true }) @Type(() => WeeklyWindowDto) weekly: WeeklyWindowDto[];
  @ApiProperty({ type: [ScheduleExceptionDto] }) @IsArray() @ArrayMaxSize(500) @ValidateNested({ each: true }) @Type(() => ScheduleExceptionDto) exceptions: ScheduleExceptionDto[];
}

export class ScheduleDto extends ScheduleBody {
  @ApiProperty({ format: 'uuid' }) clinicianId: string;
  @ApiProperty({ format: 'uuid' }) hospitalId: string;
  @ApiProperty() version: number;
}

export class SlotQuery {
  @ApiProperty({ format: 'uuid' }) @IsUUID() clinicianId: string;
  @ApiProperty({ example: '2026-03-01T00:00:00Z' }) @IsISO8601({ strict: true }) from: string;
  @ApiProperty({ example: '2026-03-31T00:00:00Z', description: 'at most 31 days after from' }) @IsISO8601({ strict: true }) to: string;
  @ApiPropertyOptional({ example: 'America/New_York', description: "The zone to show slots in; default the patient's profile zone for a patient, Asia/Seoul for others" })
  @IsOptional() @IsString() @Length(1, 64) timezone?: string;
  @ApiPropertyOptional({ example: 'ru', description: 'Only slots where an interpreter of this language is free too' })
  @IsOptional() @IsIn(LANGUAGE_CODES) interpreterLanguage?: string;
}

export class SlotDto {
  @ApiProperty({ example: '2026-03-10T00:00:00.000Z' }) start: string;
  @ApiProperty({ example: '2026-03-10T00:30:00.000Z' }) end: string;
  @ApiProperty({ example: '2026-03-09T20:00:00-04:00' }) localStart: string;
  @ApiProperty({ description: 'Starts before 07:00 or at or after 22:00 in the answer\'s zone' }) unsocial: boolean;
}

export class SlotListDto {
  @ApiProperty() timezone: string;
  @ApiProperty({ type: [SlotDto] }) items: SlotDto[];
}

export class LocalClinicianDto {
  @ApiProperty({ example: 'Dr. Aigerim Nurlanova' }) @IsString() @Length(1, 200) name: string;
  @ApiProperty({ example: 'KAZ', description: 'ISO 3166-1 alpha-3' }) @Matches(/^[A-Z]{3}$/) country: string;
  @ApiProperty({ example: 'a.nurlanova@clinic.kz' }) @IsEmail() @Length(3, 200) email: string;
  @ApiPropertyOptional({ example: 'KZ-12345' }) @IsOptional() @IsString() @Length(1, 100) licenseNumber?: string;
  @ApiPropertyOptional({ example: 'Asia/Almaty', description: "IANA zone their e-mailed invitations and reminders name the time in; default the patient's profile zone, else Asia/Seoul" })
  @IsOptional() @IsString() @Length(1, 64) timezone?: string;
}

export class TelemedicinePolicyDto {
  @ApiProperty({ enum: POLICIES, description: 'The policy in force now (TELEMEDICINE_POLICY): it applies to every booking made now' }) policy: TelemedicinePolicy;
  @ApiProperty({ description: 'Whether a booking must name localClinician (doctor_to_doctor), else 422 LOCAL_CLINICIAN_REQUIRED' }) localClinicianRequired: boolean;
}

export class BookAppointmentDto {
  @ApiProperty({ format: 'uuid', description: "The clinician's user id" }) @IsUUID() clinicianId: string;
  @ApiProperty({ format: 'uuid', description: 'The patient record' }) @IsUUID() patientId: string;
  @ApiProperty({ example: '2026-03-10T00:00:00Z', description: "A slot's start" }) @IsISO8601({ strict: true }) start: string;
  @ApiPropertyOptional({ example: 'ru' }) @IsOptional() @IsIn(LANGUAGE_CODES) interpreterLanguage?: string;
  @ApiPropertyOptional({ type: LocalClinicianDto, description: 'Required under the doctor_to_doctor policy' })
  @IsOptional() @ValidateNested() @Type(() => LocalClinicianDto) localClinician?: LocalClinicianDto;
}

export class RescheduleDto {
  @ApiProperty({ example: '2026-03-11T00:00:00Z' }) @IsISO8601({ strict: true }) start: string;
}

export class AppointmentQuery extends PageQuery {
  @ApiPropertyOptional({ enum: APPOINTMENT_STATUSES }) @IsOptional() @IsIn(APPOINTMENT_STATUSES) status?: AppointmentStatus;
}

export class AppointmentDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) clinicianId: string;
  @ApiProperty({ format: 'uuid' }) hospitalId: string;
  @ApiProperty({ format: 'uuid' }) patientId: string;
  @ApiProperty({ type: String, nullable: true, example: 'AIGERIM NURLANOVNA', description: "The patient's name as on their record, so that a list says whom each appointment is for (null only if the record is gone)" }) patientName: string | null;
  @ApiProperty() start: string;
  @ApiProperty() end: string;
  @ApiProperty({ enum: APPOINTMENT_STATUSES }) status: AppointmentStatus;
  @ApiProperty({ enum: POLICIES, description: 'The policy in force when it was booked' }) policy: string;
  @ApiProperty({ type: LocalClinicianDto, nullable: true }) localClinician: LocalClinicianDto | null;
  @ApiProperty({ type: String, nullable: true }) interpreterLanguage: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) interpreterId: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The video room; shown to participants only' }) roomUrl: string | null;
  @ApiProperty({ description: 'Raised at every change (iCalendar SEQUENCE)' }) sequence: number;
  @ApiProperty() version: number;
  @ApiProperty() createdAt: string;
}

export class AppointmentPageDto {
  @ApiProperty({ type: [AppointmentDto] }) items: AppointmentDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}
