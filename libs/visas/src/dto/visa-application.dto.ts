import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize, ArrayMinSize, IsArray, IsEmail, IsIn, IsOptional, IsString, IsUUID, Length, Matches, MaxLength, ValidateNested,
} from 'class-validator';
import { PageQuery, IsDateOnly } from '@medjourney/platform';
import { SlaViewDto } from '@medjourney/sla';
import {
  APPLICATION_STATUSES, CATEGORIES, DOCUMENT_TYPES, ENTRIES, REASON_CODES, RELATIONSHIPS, TRACKS,
  type ApplicationStatus, type Category, type DocumentType, type Entries, type ReasonCode, type Relationship, type Track,
} from '../domain/vocabulary.js';

const upper = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toUpperCase() : value);

export class PersonInputDto {
  @ApiProperty({ example: 'NURLANOVA' }) @IsString() @Length(1, 100) surname: string;
  @ApiProperty({ example: 'AIGERIM' }) @IsString() @Length(1, 100) givenNames: string;
  @ApiProperty({ enum: ['M', 'F', 'X'] }) @IsIn(['M', 'F', 'X']) sex: 'M' | 'F' | 'X';
  @ApiProperty({ format: 'date', example: '1988-03-14' }) @IsDateOnly() dateOfBirth: string;
  @ApiProperty({ example: 'KAZ', description: 'ISO 3166-1 alpha-3' }) @Transform(upper) @Matches(/^[A-Z]{3}$/, { message: 'nationality must be ISO 3166-1 alpha-3' }) nationality: string;
  @ApiProperty({ example: 'N12345678', description: 'letters and digits, at most 9' })
  @Transform(upper) @Matches(/^[A-Z0-9]{1,9}$/, { message: 'passportNumber must be 1 to 9 letters and digits' }) passportNumber: string;
  @ApiProperty({ format: 'date' }) @IsDateOnly() passportExpiry: string;
  @ApiPropertyOptional({ type: [String], description: 'the two 44-character TD3 lines' })
  @IsOptional() @IsArray() @ArrayMinSize(2) @ArrayMaxSize(2) @IsString({ each: true }) @Length(44, 44, { each: true }) mrz?: string[];
}

export class PatientInputDto extends PersonInputDto {
  @ApiProperty({ example: 'aigerim@example.kz' }) @Transform(({ value }) => (typeof value === 'string' ? value.trim().toLowerCase() : value)) @IsEmail() @MaxLength(254) email: string;
}

export class CompanionInputDto extends PersonInputDto {
  @ApiProperty({ enum: RELATIONSHIPS }) @IsIn(RELATIONSHIPS) relationship: Relationship;
}

export class TreatmentDto {
  @ApiProperty({ example: 'oncology' }) @IsString() @Length(1, 50) specialty: string;
  @ApiProperty({ example: 'Proton therapy, 6 weeks' }) @IsString() @Length(1, 2000) summary: string;
  @ApiProperty({ format: 'date' }) @IsDateOnly() plannedStart: string;
  @ApiProperty({ format: 'date' }) @IsDateOnly() plannedEnd: string;
}

export class CreateApplicationDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'patients only: the hospital chosen in the directory (a coordinator\'s own hospital sponsors theirs)' })
  @IsOptional() @IsUUID() sponsorHospitalId?: string;
  @ApiProperty({ enum: CATEGORIES }) @IsIn(CATEGORIES) category: Category;
  @ApiProperty({ enum: ENTRIES }) @IsIn(ENTRIES) entries: Entries;
  @ApiProperty({ format: 'date' }) @IsDateOnly() stayFrom: string;
  @ApiProperty({ format: 'date' }) @IsDateOnly() stayUntil: string;
  @ApiProperty({ type: TreatmentDto }) @ValidateNested() @Type(() => TreatmentDto) treatment: TreatmentDto;
  @ApiProperty({ type: PatientInputDto }) @ValidateNested() @Type(() => PatientInputDto) patient: PatientInputDto;
  @ApiProperty({ type: [CompanionInputDto] }) @IsArray() @ArrayMaxSize(20) @ValidateNested({ each: true }) @Type(() => CompanionInputDto) companions: CompanionInputDto[];
}

export class UpdateApplicationDto {
  @ApiPropertyOptional({ enum: CATEGORIES }) @IsOptional() @IsIn(CATEGORIES) category?: Category;
  @ApiPropertyOptional({ enum: ENTRIES }) @IsOptional() @IsIn(ENTRIES) entries?: Entries;
  @ApiPropertyOptional({ format: 'date' }) @IsOptional() @IsDateOnly() stayFrom?: string;
  @ApiPropertyOptional({ format: 'date' }) @IsOptional() @IsDateOnly() stayUntil?: string;
  @ApiPropertyOptional({ type: TreatmentDto }) @IsOptional() @ValidateNested() @Type(() => TreatmentDto) treatment?: TreatmentDto;
  @ApiPropertyOptional({ type: PersonInputDto, description: 'replaces the patient\'s passport data (the e-mail stays)' })
  @IsOptional() @ValidateNested() @Type(() => PersonInputDto) patient?: PersonInputDto;
  @ApiPropertyOptional({ type: [CompanionInputDto], description: 'replaces every companion' })
  @IsOptional() @IsArray() @ArrayMaxSize(20) @ValidateNested({ each: true }) @Type(() => CompanionInputDto) companions?: CompanionInputDto[];
}

export class ReasonDto {
  @ApiProperty() @IsString() @Length(1, 2000) reason: string;
}

export class SupplementItemDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() personId?: string;
  @ApiProperty({ enum: DOCUMENT_TYPES }) @IsIn(DOCUMENT_TYPES) documentType: DocumentType;
}

export class RequestSupplementDto extends ReasonDto {
  @ApiProperty({ type: [SupplementItemDto] }) @IsArray() @ArrayMinSize(1) @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => SupplementItemDto) items: SupplementItemDto[];
}

export class PersonDecisionDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() personId: string;
  @ApiProperty({ enum: ['approve', 'reject'] }) @IsIn(['approve', 'reject']) outcome: 'approve' | 'reject';
  @ApiPropertyOptional({ enum: REASON_CODES, description: 'required for a rejection' }) @IsOptional() @IsIn(REASON_CODES) reasonCode?: ReasonCode;
}

export class DecisionDto {
  @ApiProperty({ type: [PersonDecisionDto] }) @IsArray() @ArrayMinSize(1) @ArrayMaxSize(21) @ValidateNested({ each: true }) @Type(() => PersonDecisionDto) persons: PersonDecisionDto[];
}

export class AssignDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() officerId: string;
}

export class ListApplicationsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: APPLICATION_STATUSES }) @IsOptional() @IsIn(APPLICATION_STATUSES) status?: ApplicationStatus;
  @ApiPropertyOptional({ enum: TRACKS }) @IsOptional() @IsIn(TRACKS) track?: Track;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() hospitalId?: string;
  @ApiPropertyOptional({ description: 'an officer\'s id, or `me`' }) @IsOptional() @Matches(/^(me|[0-9a-f-]{36})$/) assignedOfficerId?: string;
  @ApiPropertyOptional({ enum: ['dueAt', '-submittedAt', '-createdAt'], default: '-createdAt', description: 'dueAt: the work queue, most urgent first (only applications whose clock runs)' })
  @IsOptional() @IsIn(['dueAt', '-submittedAt', '-createdAt']) sort?: 'dueAt' | '-submittedAt' | '-createdAt';
  @ApiPropertyOptional({ enum: ['on_track', 'at_risk', 'breached', 'met', 'stopped'], description: 'the processing clock\'s state' })
  @IsOptional() @IsIn(['on_track', 'at_risk', 'breached', 'met', 'stopped']) slaState?: 'on_track' | 'at_risk' | 'breached' | 'met' | 'stopped';
  @ApiPropertyOptional({ description: 'a reference (MV-2026-000042) or, for officers and supervisors, a passport number' }) @IsOptional() @IsString() @Length(1, 30) q?: string;
}

export class PersonViewDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['patient', 'companion'] }) role: string;
  @ApiProperty({ enum: RELATIONSHIPS, nullable: true }) relationship: string | null;
  @ApiProperty() surname: string;
  @ApiProperty() givenNames: string;
  @ApiProperty() sex: string;
  @ApiProperty({ description: 'masked (****-**-**) for roles that may not see it' }) dateOfBirth: string;
  @ApiProperty() nationality: string;
  @ApiProperty({ description: 'in full for officers, supervisors and the sponsor\'s coordinators; masked (M1234****) for others' }) passportNumber: string;
  @ApiProperty({ format: 'date' }) passportExpiry: string;
  @ApiProperty({ nullable: true, type: String }) email: string | null;
  @ApiProperty({ nullable: true, enum: ['approve', 'reject'] }) outcome: string | null;
  @ApiPropertyOptional({ nullable: true, enum: REASON_CODES, description: 'never shown to patients' }) reasonCode?: string | null;
}

export class ApplicationViewDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'MV-2026-000042' }) reference: string;
  @ApiProperty({ enum: APPLICATION_STATUSES }) status: string;
  @ApiProperty({ example: 'Under review' }) publicStatus: string;
  @ApiProperty({ enum: TRACKS, nullable: true }) track: string | null;
  @ApiProperty({ format: 'uuid' }) sponsorHospitalId: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'Null to the hospital while the application waits for the patient\'s consent: it is not linked to them yet.' }) patientId: string | null;
  @ApiProperty({
    enum: ['awaiting', 'accepted'],
    nullable: true,
    description: 'For an application a hospital filed for an existing patient account: `awaiting` until the patient accepts (`POST /visa-applications/:id/accept-sponsorship`), then `accepted`; null when no consent was needed.',
  })
  patientConsent: 'awaiting' | 'accepted' | null;
  @ApiProperty({ enum: CATEGORIES }) category: string;
  @ApiProperty({ enum: ENTRIES }) entries: string;
  @ApiProperty({ format: 'date' }) stayFrom: string;
  @ApiProperty({ format: 'date' }) stayUntil: string;
  @ApiProperty({ type: TreatmentDto }) treatment: TreatmentDto;
  @ApiProperty({ type: [PersonViewDto] }) persons: PersonViewDto[];
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) assignedOfficerId: string | null;
  @ApiProperty({ nullable: true, type: 'object', additionalProperties: true }) supplement: unknown;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) submittedAt: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: 'when the processing target falls due; null while paused or stopped' }) dueAt: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) decidedAt: string | null;
  @ApiProperty() version: number;
  @ApiPropertyOptional({ type: SlaViewDto, nullable: true, description: 'the processing clock; null before submission' })
  sla?: SlaViewDto | null;
}

export class ApplicationPageDto {
  @ApiProperty({ type: [ApplicationViewDto] }) items: ApplicationViewDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class HistoryEntryDto {
  @ApiProperty() action: string;
  @ApiProperty({ nullable: true, type: String }) fromStatus: string | null;
  @ApiProperty() toStatus: string;
  @ApiProperty({ nullable: true, type: String }) actorRole: string | null;
  @ApiProperty({ nullable: true, type: 'object', additionalProperties: true }) details: unknown;
  @ApiProperty({ format: 'date-time' }) occurredAt: string;
}
