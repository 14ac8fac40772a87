import { ApiProperty } from '@nestjs/swagger';

export class AuditRecordDto {
  @ApiProperty({ example: '42' }) seq: string;
  @ApiProperty() occurredAt: Date;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) actorId: string | null;
  @ApiProperty({ nullable: true, type: String }) actorRole: string | null;
  @ApiProperty({ example: 'user.created' }) action: string;
  @ApiProperty({ example: 'user' }) entityType: string;
  @ApiProperty({ nullable: true, type: String }) entityId: string | null;
  @ApiProperty({ nullable: true, type: 'object', additionalProperties: true }) before: Record<string, unknown> | null;
  @ApiProperty({ nullable: true, type: 'object', additionalProperties: true }) after: Record<string, unknown> | null;
  @ApiProperty({ nullable: true, type: String }) requestId: string | null;
  @ApiProperty({ nullable: true, type: String }) ip: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Null until the chainer links the record, shortly after it commits' }) chainPosition: string | null;
  @ApiProperty({ nullable: true, type: Date }) linkedAt: Date | null;
  @ApiProperty({ nullable: true, type: String }) prevHash: string | null;
  @ApiProperty({ nullable: true, type: String }) hash: string | null;
}

export class AuditPageDto {
  @ApiProperty({ type: [AuditRecordDto] }) items: AuditRecordDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class AuditUnlinkedTailDto {
  @ApiProperty({ description: 'Committed records not linked into the chain yet' }) count: number;
  @ApiProperty({ nullable: true, type: String }) oldestSeq: string | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Age of the oldest unlinked record, in seconds' }) oldestAgeSeconds: number | null;
}

export class AuditVerificationDto {
  @ApiProperty() valid: boolean;
  @ApiProperty({ description: 'Linked records checked' }) checked: number;
  @ApiProperty({ nullable: true, type: String, description: 'The record where the chain breaks (null when the end of the chain was removed)' }) firstInvalidSeq: string | null;
  @ApiProperty({ nullable: true, type: String }) firstInvalidPosition: string | null;
  @ApiProperty({ nullable: true, type: String }) reason: string | null;
  @ApiProperty({ type: AuditUnlinkedTailDto }) unlinked: AuditUnlinkedTailDto;
}
