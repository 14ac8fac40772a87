import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional } from 'class-validator';

export class SlaViewDto {
  @ApiProperty({ example: 'P3D', description: 'the track\'s target (counted hours in business mode)' }) target: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: 'recomputed on each resumption; null while paused or stopped' }) dueAt: string | null;
  @ApiProperty({ description: 'time that counts toward the target' }) countedSeconds: number;
  @ApiProperty({ description: 'wall-clock time since submission' }) actualSeconds: number;
  @ApiProperty() remainingSeconds: number;
  @ApiProperty() paused: boolean;
  @ApiProperty({ enum: ['on_track', 'at_risk', 'breached', 'met', 'stopped'] }) state: string;
  @ApiProperty({ description: '0 none, 1 escalated (at risk), 2 breached' }) escalationLevel: number;
}

export class ClockCauseDto {
  @ApiProperty({ example: 'request_supplement', description: 'the history action that moved the clock' }) action: string;
  @ApiProperty({ nullable: true, type: String, example: 'officer', description: '`system` for a job (a lapse)' }) actorRole: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'never shown to patients' }) actorId: string | null;
}

export class ClockSegmentDto {
  @ApiProperty({ enum: ['running', 'paused'] }) kind: string;
  @ApiProperty({ type: String, format: 'date-time' }) from: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: 'null while the clock is still in this state' }) to: string | null;
  @ApiProperty({ description: 'the part that counts toward the target; 0 while paused' }) countedSeconds: number;
  @ApiProperty({ type: ClockCauseDto }) startedBy: ClockCauseDto;
  @ApiProperty({ type: ClockCauseDto, nullable: true }) endedBy: ClockCauseDto | null;
}

export class StageExplanationDto {
  @ApiProperty({ enum: ['warning', 'escalation', 'breach'] }) stage: string;
  @ApiProperty({ example: 0.5, description: 'share of the target at which it falls due' }) share: number;
  @ApiProperty({ enum: ['fired', 'scheduled', 'held', 'cancelled'], description: 'held: the clock is paused; cancelled: it stopped before the stage' }) status: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) dueAt: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) firedAt: string | null;
  @ApiProperty({ nullable: true, type: Number }) latenessSeconds: number | null;
}

export class SlaExplanationDto {
  @ApiProperty({ nullable: true, type: String, example: 'P3D', description: 'null before the track is fixed at submission' }) target: string | null;
  @ApiProperty({ enum: ['business', 'calendar'] }) calendar: string;
  @ApiProperty({ example: 'Asia/Seoul', description: 'whose days count in business mode' }) timeZone: string;
  @ApiProperty({ type: SlaViewDto, nullable: true }) sla: SlaViewDto | null;
  @ApiProperty({ type: [ClockSegmentDto] }) segments: ClockSegmentDto[];
  @ApiProperty({ type: [StageExplanationDto] }) stages: StageExplanationDto[];
}

export class EscalationDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() reference: string;
  @ApiProperty() status: string;
  @ApiProperty({ description: '1 at risk, 2 breached' }) escalationLevel: number;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) dueAt: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) assignedOfficerId: string | null;
}

export class SummaryQuery {
  @ApiProperty({ example: '2026-11-01T00:00:00Z' }) @IsISO8601({ strict: true }) from: string;
  @ApiProperty({ example: '2026-12-01T00:00:00Z' }) @IsISO8601({ strict: true }) to: string;
}

export class ChartQuery extends SummaryQuery {
  @ApiPropertyOptional({ enum: ['e_visa', 'certificate'], description: 'only this track; both when absent' }) @IsOptional() @IsIn(['e_visa', 'certificate']) track?: 'e_visa' | 'certificate';
}

export class ProcessingTimesQuery extends SummaryQuery {
  @ApiPropertyOptional({ enum: ['e_visa', 'certificate'], default: 'e_visa', description: 'the track whose target sets the buckets' }) @IsOptional() @IsIn(['e_visa', 'certificate']) track?: 'e_visa' | 'certificate';
}

export class WeekFiguresDto {
  @ApiProperty({ type: String, format: 'date', example: '2026-11-23', description: 'the Monday that starts the week, in Korean time' }) week: string;
  @ApiProperty({ type: String, format: 'date-time', description: 'the part of the week inside the window: from' }) from: string;
  @ApiProperty({ type: String, format: 'date-time', description: '… to (exclusive)' }) to: string;
  @ApiProperty({ description: 'applications decided in the week' }) decided: number;
  @ApiProperty({ description: 'of which within their target' }) onTime: number;
  @ApiProperty({ nullable: true, type: Number, example: 0.9333, description: 'onTime / decided; null without decisions' }) onTimeShare: number | null;
}

export class OnTimeWeeklyDto {
  @ApiProperty({ type: String, format: 'date-time' }) from: string;
  @ApiProperty({ type: String, format: 'date-time' }) to: string;
  @ApiProperty({ nullable: true, enum: ['e_visa', 'certificate'], type: String }) track: string | null;
  @ApiProperty({ type: [WeekFiguresDto], description: 'every Korean week (Monday 00:00 KST) overlapping the window, oldest first' }) weeks: WeekFiguresDto[];
}

export class HistogramBucketDto {
  @ApiProperty({ example: 12, description: 'counted hours, from (inclusive)' }) fromHours: number;
  @ApiProperty({ nullable: true, type: Number, example: 24, description: 'to (exclusive); null for the last bucket: at or over the target' }) toHours: number | null;
  @ApiProperty() count: number;
}

export class ProcessingTimesDto {
  @ApiProperty({ type: String, format: 'date-time' }) from: string;
  @ApiProperty({ type: String, format: 'date-time' }) to: string;
  @ApiProperty({ enum: ['e_visa', 'certificate'] }) track: string;
  @ApiProperty({ example: 'P3D' }) target: string;
  @ApiProperty({ description: 'applications of the track decided in the window' }) decided: number;
  @ApiProperty({ type: [HistogramBucketDto], description: 'six equal parts of the target, then one bucket for decisions that reached it' }) buckets: HistogramBucketDto[];
}

export class OfficerBreachesDto {
  @ApiProperty({ format: 'uuid' }) officerId: string;
  @ApiProperty() name: string;
  @ApiProperty() active: boolean;
  @ApiProperty({ description: 'breaches fired in the window while the officer held the application' }) breaches: number;
}

export class BreachesByOfficerDto {
  @ApiProperty({ type: String, format: 'date-time' }) from: string;
  @ApiProperty({ type: String, format: 'date-time' }) to: string;
  @ApiProperty({ type: [OfficerBreachesDto], description: 'every officer, most breaches first' }) officers: OfficerBreachesDto[];
  @ApiProperty({ description: 'breaches of applications nobody held' }) unassigned: number;
}

export class OpenLoadDto {
  @ApiProperty({ description: 'open applications (submitted, in review, waiting for a supplement)' }) open: number;
  @ApiProperty({ description: 'of which escalated (at risk)' }) atRisk: number;
  @ApiProperty({ description: 'of which past their target' }) breached: number;
  @ApiProperty({ description: 'of which waiting for the applicant (clock paused)' }) waiting: number;
  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: 'the earliest due time among them' }) nextDueAt: string | null;
}

export class OfficerLoadDto extends OpenLoadDto {
  @ApiProperty({ format: 'uuid' }) officerId: string;
  @ApiProperty() name: string;
  @ApiProperty({ description: 'an inactive officer is listed only while still holding open applications' }) active: boolean;
}

export class OfficerLoadReportDto {
  @ApiProperty({ type: [OfficerLoadDto], description: 'most open applications first' }) officers: OfficerLoadDto[];
  @ApiProperty({ type: OpenLoadDto, description: 'open applications no officer holds yet' }) unassigned: OpenLoadDto;
}

export class OfficerSummaryDto {
  @ApiProperty({ format: 'uuid' }) officerId: string;
  @ApiProperty() name: string;
  @ApiProperty({ description: 'open applications assigned now' }) open: number;
  @ApiProperty({ description: 'of them, past the warning stage' }) atRisk: number;
  @ApiProperty({ description: 'of them, past their target' }) breached: number;
  @ApiProperty({ description: 'decided in the window' }) decided: number;
}

export class SlaSummaryDto {
  @ApiProperty({ format: 'date-time' }) from: string;
  @ApiProperty({ format: 'date-time' }) to: string;
  @ApiProperty({ description: 'applications submitted in the window' }) submitted: number;
  @ApiProperty({ description: 'applications decided in the window' }) decided: number;
  @ApiProperty({ type: Number, nullable: true, description: 'share of the decided ones that never breached (0-1); null when none was decided' }) decidedOnTimeShare: number | null;
  @ApiProperty({ description: 'breaches recorded in the window' }) breaches: number;
  @ApiProperty({ type: Number, nullable: true, description: 'median counted processing hours of the decided ones' }) processingHoursP50: number | null;
  @ApiProperty({ type: Number, nullable: true, description: '90th percentile of the counted processing hours' }) processingHoursP90: number | null;
  @ApiProperty({ description: 'open applications past their warning stage now' }) currentlyAtRisk: number;
  @ApiProperty({ description: 'open applications past their target now' }) currentlyBreached: number;
  @ApiProperty({ type: [OfficerSummaryDto], description: 'every officer, with none held as zeros' }) perOfficer: OfficerSummaryDto[];
}
