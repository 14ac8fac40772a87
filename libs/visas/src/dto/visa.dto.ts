import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsString, Length, Matches } from 'class-validator';
import { CATEGORIES, ENTRIES } from '../domain/vocabulary.js';

const upper = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toUpperCase() : value);

export class VisaDto {
  @ApiProperty({ example: 'K7Q2M9X4TB' }) number: string;
  @ApiProperty({ format: 'uuid' }) personId: string;
  @ApiProperty({ enum: CATEGORIES }) category: string;
  @ApiProperty({ enum: ENTRIES }) entries: string;
  @ApiProperty({ format: 'date-time' }) issuedAt: string;
  @ApiProperty({ format: 'date' }) enterBy: string;
  @ApiProperty() maxStayDays: number;
  @ApiProperty({ enum: ['issued', 'used', 'expired', 'cancelled'] }) status: string;
}

export class VerifyVisaQuery {
  @ApiProperty({ example: 'K7Q2M9X4TB' }) @Transform(upper) @IsString() @Length(1, 20) number: string;
  @ApiProperty({ example: 'N12345678' }) @Transform(upper) @Matches(/^[A-Z0-9]{1,9}$/) passportNumber: string;
}

export class VerificationDto {
  @ApiProperty() valid: boolean;
  @ApiProperty({ enum: ['issued', 'used', 'expired', 'cancelled', 'not_found'] }) status: string;
  @ApiProperty({ required: false, enum: CATEGORIES }) category?: string;
  @ApiProperty({ required: false, format: 'date' }) enterBy?: string;
  @ApiProperty({ required: false, example: 'KIM M*** (RUS)' }) holder?: string;
}
