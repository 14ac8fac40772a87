import { ApiProperty } from '@nestjs/swagger';
import { IsIn, Matches } from 'class-validator';
import { GROUP_BY, type GroupBy } from '../services/programme-figures.service.js';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export class ProgrammeQuery {
  @ApiProperty({ example: '2026-01', description: 'First month (Asia/Seoul), YYYY-MM' }) @Matches(MONTH, { message: 'from must be a month YYYY-MM' }) from: string;
  @ApiProperty({ example: '2026-12', description: 'Last month, included; at most 36 months after from' }) @Matches(MONTH, { message: 'to must be a month YYYY-MM' }) to: string;
  @ApiProperty({ enum: GROUP_BY }) @IsIn(GROUP_BY) groupBy: GroupBy;
}

export class HoursDto {
  @ApiProperty({ type: Number, nullable: true, description: 'whole counted hours (one-hour buckets)' }) median: number | null;
  @ApiProperty({ type: Number, nullable: true }) p90: number | null;
}

export class FigureTotalsDto {
  @ApiProperty({ description: 'distinct patients whose first arrival ever fell in the period' }) patientsArrived: number;
  @ApiProperty({ description: 'distinct patients with an application submitted in the period' }) patientsApplied: number;
  @ApiProperty({ type: Number, nullable: true, description: "the row's patientsArrived over the totals'" }) share: number | null;
  @ApiProperty() applicationsSubmitted: number;
  @ApiProperty() applicationsGranted: number;
  @ApiProperty() applicationsRefused: number;
  @ApiProperty() personsGranted: number;
  @ApiProperty() personsRefused: number;
  @ApiProperty({ type: Number, nullable: true }) companionsPerPatient: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'share of the e-visa decisions taken within the target' }) eVisaDecidedWithinTarget: number | null;
  @ApiProperty({ type: HoursDto }) businessHoursToDecision: HoursDto;
  @ApiProperty() breaches: number;
  @ApiProperty({ type: Number, nullable: true }) medianStayDays: number | null;
  @ApiProperty() overstays: number;
  @ApiProperty() entryRefusals: number;
  @ApiProperty() careRequests: number;
  @ApiProperty() careFilled: number;
  @ApiProperty({ description: 'patients who departed in the period and had a fulfilled follow-up appointment starting within 90 days after' }) followUpWithin90Days: number;
}

export class FigureRowDto extends FigureTotalsDto {
  @ApiProperty({ example: 'JPN', description: "ISO 3166 alpha-3, specialty code, hospital id, region name, YYYY-MM, or 'other' (small cells summed)" }) key: string;
}

export class TargetDto {
  @ApiProperty({ example: 700000 }) patientsPerYear: number;
  @ApiProperty() last12Months: number;
  @ApiProperty() projectedThisYear: number;
}

export class ProgrammeFiguresDto {
  @ApiProperty({ example: '2026-01' }) from: string;
  @ApiProperty({ example: '2026-12' }) to: string;
  @ApiProperty({ enum: GROUP_BY }) groupBy: string;
  @ApiProperty({ format: 'date-time' }) computedAt: string;
  @ApiProperty({ type: TargetDto }) target: TargetDto;
  @ApiProperty({ type: [FigureRowDto] }) rows: FigureRowDto[];
  @ApiProperty({ type: FigureTotalsDto }) totals: FigureTotalsDto;
}

export class LanguageRowDto {
  @ApiProperty({ example: 'kk' }) language: string;
  @ApiProperty({ oneOf: [{ type: 'integer' }, { type: 'string', enum: ['<5'] }], description: 'patients preferring it among those who applied in the last 12 months; "<5" under five' })
  patientsPreferring: number | '<5';
  @ApiProperty() activeInterpreters: number;
  @ApiProperty() interpreterRequests: number;
  @ApiProperty() interpreterRequestsFilled: number;
}

export class LanguagesDto {
  @ApiProperty({ type: [LanguageRowDto] }) rows: LanguageRowDto[];
}
