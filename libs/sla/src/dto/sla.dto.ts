import { ApiProperty } from '@nestjs/swagger';
import { IsISO8601 } from 'class-validator';

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
