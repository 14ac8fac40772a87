import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Length, Max, Min, ValidateNested } from 'class-validator';
import { REPORT_STATUSES, type ReportStatus } from '../domain/yearly-report.js';

export class ReportParams {
  @ApiProperty({ format: 'uuid' }) @IsString() id: string;
  @ApiProperty({ example: 2026 }) @Type(() => Number) @IsInt() @Min(2000) @Max(2100) year: number;
}

export class ReportListQuery {
  @ApiProperty({ example: 2026 }) @Type(() => Number) @IsInt() @Min(2000) @Max(2100) year: number;
  @ApiPropertyOptional({ enum: REPORT_STATUSES }) @IsOptional() @IsIn(REPORT_STATUSES) status?: ReportStatus;
}

/** What only the hospital knows; null (or absent) until given. */
export class ReportedDto {
  @ApiPropertyOptional({ type: Number, nullable: true, minimum: 0 }) @IsOptional() @IsInt() @Min(0) @Max(100_000_000) inpatients?: number | null;
  @ApiPropertyOptional({ type: Number, nullable: true, minimum: 0 }) @IsOptional() @IsInt() @Min(0) @Max(100_000_000) outpatients?: number | null;
  @ApiPropertyOptional({ type: Number, nullable: true, minimum: 0, description: 'revenue from foreign patients, in won' }) @IsOptional() @IsInt() @Min(0) @Max(Number.MAX_SAFE_INTEGER) revenueKrw?: number | null;
}

export class PutReportBody {
  @ApiProperty({ type: ReportedDto }) @ValidateNested() @Type(() => ReportedDto) reported: ReportedDto;
}

export class AmendReportBody {
  @ApiProperty({ example: 'Outpatients of December were missing' }) @IsString() @Length(1, 2000) reason: string;
  @ApiProperty({ type: ReportedDto }) @ValidateNested() @Type(() => ReportedDto) reported: ReportedDto;
}

export class NationalityArrivalsDto {
  @ApiProperty({ example: 'KAZ' }) key: string;
  @ApiProperty() patientsArrived: number;
}

export class PrefilledDto {
  @ApiProperty({ description: 'distinct patients with an application the hospital sponsored, submitted in the year' }) patientsInvited: number;
  @ApiProperty({ description: "distinct patients whose first arrival ever fell in the year, on the hospital's visa" }) patientsArrived: number;
  @ApiProperty() applicationsSubmitted: number;
  @ApiProperty() applicationsGranted: number;
  @ApiProperty() applicationsRefused: number;
  @ApiProperty() overstays: number;
  @ApiProperty() entryRefusals: number;
  @ApiProperty({ type: [NationalityArrivalsDto] }) byNationality: NationalityArrivalsDto[];
}

export class ReportedViewDto {
  @ApiProperty({ type: Number, nullable: true }) inpatients: number | null;
  @ApiProperty({ type: Number, nullable: true }) outpatients: number | null;
  @ApiProperty({ type: Number, nullable: true }) revenueKrw: number | null;
}

export class YearlyReportDto {
  @ApiProperty({ format: 'uuid' }) hospitalId: string;
  @ApiProperty() year: number;
  @ApiProperty({ enum: REPORT_STATUSES }) status: string;
  @ApiProperty({ description: 'raised by each amendment' }) version: number;
  @ApiProperty({ type: PrefilledDto, description: "what MedJourney knows (the submitted version's once submitted)" }) prefilled: PrefilledDto;
  @ApiProperty({ type: ReportedViewDto }) reported: ReportedViewDto;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) submittedAt: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) submittedBy: string | null;
}

export class ReportVersionDto {
  @ApiProperty() version: number;
  @ApiProperty({ type: PrefilledDto }) prefilled: PrefilledDto;
  @ApiProperty({ type: ReportedViewDto }) reported: ReportedViewDto;
  @ApiProperty({ type: String, nullable: true, description: 'the amendment\'s reason; null for the first submission' }) reason: string | null;
  @ApiProperty({ format: 'date-time' }) submittedAt: string;
  @ApiProperty({ format: 'uuid' }) submittedBy: string;
}

export class ReportVersionsDto {
  @ApiProperty({ type: [ReportVersionDto] }) items: ReportVersionDto[];
}

export class ReportListItemDto {
  @ApiProperty({ format: 'uuid' }) hospitalId: string;
  @ApiProperty() hospitalName: string;
  @ApiProperty() year: number;
  @ApiProperty({ enum: REPORT_STATUSES }) status: string;
  @ApiProperty() version: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) submittedAt: string | null;
}

export class ReportListDto {
  @ApiProperty({ type: [ReportListItemDto] }) items: ReportListItemDto[];
}
