import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MESSAGE_LOCALES } from '@medjourney/platform';

export class NotificationDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'sla_warning', description: 'sla_warning, sla_escalation, sla_breach, sponsorship_requested, sponsorship_declined, supplement_requested, decision, application_lapsed, designation_sanctioned, designation_reinstated, designation_expired, designation_renewal_due' })
  kind: string;
  @ApiProperty() title: string;
  @ApiProperty({ description: 'What happened and what to do next, in plain words.' }) body: string;
  @ApiProperty({ enum: MESSAGE_LOCALES, example: 'ru', description: "The language title and body are written in: the recipient's when they are a patient or care provider and it has a catalogue, else English. Arabic (ar) reads right to left." })
  language: string;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' }, example: { applicationId: '7f0c1c8e-1f7a-4c1e-9a53-0d7e4c5b2a11' } }) refs: Record<string, string>;
  @ApiPropertyOptional({ nullable: true, description: 'The item under PUBLIC_BASE_URL.' }) link: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiPropertyOptional({ format: 'date-time', nullable: true }) readAt: string | null;
}

export class NotificationPageDto {
  @ApiProperty({ type: [NotificationDto] }) items: NotificationDto[];
  @ApiPropertyOptional({ nullable: true }) nextCursor: string | null;
  @ApiProperty({ description: 'Unread notifications of the caller, over all pages.' }) unreadCount: number;
}

export class ReadAllDto {
  @ApiProperty({ description: 'How many notifications this call marked read.' }) marked: number;
  @ApiProperty({ example: 0 }) unreadCount: number;
}

