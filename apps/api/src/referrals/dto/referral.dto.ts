import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type {
  AcceptReferralRequest,
  AddReferralNoteRequest,
  ReassignReferralRequest,
  CancelReferralRequest,
  CompleteReferralRequest,
  CreateReferralRequest,
  DeclineReferralRequest,
  RecordServiceRequest,
} from '@ctms/domain';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  MaxLength,
  MinLength,
} from 'class-validator';
import {
  DATA_CATEGORIES,
  DECLINE_REASONS,
  PROVINCE_CODES,
  REFERRAL_OUTCOMES,
  REFERRAL_STATUSES,
  SERVICE_TYPES,
  URGENCIES,
  type DataCategory,
  type DeclineReason,
  type ProvinceCode,
  type ReferralOutcome,
  type ReferralStatus,
  type ServiceType,
  type Urgency,
} from '@ctms/domain';
import { VersionDto } from '../../cases/dto/case.dto';
import { IsPastDate } from '../../platform/http/dates';
import { PageQueryDto, Trim } from '../../platform/http/pagination';
import { IdOf } from '../../platform/access/id-of';

const TEXT = 10_000;

export class CreateReferralDto implements CreateReferralRequest {
  @IdOf('agency', { description: 'the receiving agency (an inbox, not a person)' })
  toAgencyId: string;

  @ApiProperty({ enum: SERVICE_TYPES, isArray: true, minItems: 1 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(SERVICE_TYPES.length)
  @ArrayUnique()
  @IsIn(SERVICE_TYPES, { each: true })
  serviceTypes: ServiceType[];

  @ApiProperty({ enum: URGENCIES, description: 'sets acknowledgeBy: EMERGENCY 24 h, HIGH 72 h, ROUTINE 7 days' })
  @IsIn(URGENCIES)
  urgency: Urgency;

  @ApiProperty({ maxLength: TEXT, description: 'why the person is referred (stored encrypted)' })
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(TEXT)
  reason: string;

  @ApiProperty({
    enum: DATA_CATEGORIES,
    isArray: true,
    description:
      'the data packet; CASE_SUMMARY is always implied. Each category must be covered by an active REFERRAL_SHARING consent for the receiving agency',
  })
  @IsArray()
  @ArrayMaxSize(DATA_CATEGORIES.length)
  @ArrayUnique()
  @IsIn(DATA_CATEGORIES, { each: true })
  categories: DataCategory[];
}

export const REFERRAL_BOXES = ['incoming', 'outgoing'] as const;
export type ReferralBox = (typeof REFERRAL_BOXES)[number];

export class ListReferralsQueryDto extends PageQueryDto {
  @ApiProperty({ enum: REFERRAL_BOXES, description: "incoming: sent to the caller's agency; outgoing: sent by it" })
  @IsIn(REFERRAL_BOXES)
  box: ReferralBox;

  @ApiPropertyOptional({ enum: REFERRAL_STATUSES })
  @IsOptional()
  @IsIn(REFERRAL_STATUSES)
  status?: ReferralStatus;
}

export class AcceptReferralDto extends VersionDto implements AcceptReferralRequest {
  @IdOf('user', { optional: true, description: 'an active user of the receiving agency; defaults to the caller' })
  assigneeId?: string;
}

export class DeclineReferralDto extends VersionDto implements DeclineReferralRequest {
  @ApiProperty({ enum: DECLINE_REASONS })
  @IsIn(DECLINE_REASONS)
  reason: DeclineReason;

  @ApiPropertyOptional({ maxLength: TEXT, description: 'required when reason is OTHER; stored encrypted' })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(TEXT)
  note?: string;
}

export class RecordServiceDto extends VersionDto implements RecordServiceRequest {
  @ApiProperty({ enum: SERVICE_TYPES })
  @IsIn(SERVICE_TYPES)
  serviceType: ServiceType;

  @ApiProperty({
    format: 'date',
    description: 'YYYY-MM-DD, not in the future (Lao time), not before the referral was made',
  })
  @IsPastDate()
  deliveredOn: string;

  @ApiPropertyOptional({ maxLength: 200, description: 'the facility or programme (an organisation, not a person)' })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(200)
  provider?: string;

  @ApiPropertyOptional({ maxLength: TEXT, description: 'stored encrypted' })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(TEXT)
  notes?: string;
}

export class CompleteReferralDto extends VersionDto implements CompleteReferralRequest {
  @ApiProperty({ enum: REFERRAL_OUTCOMES })
  @IsIn(REFERRAL_OUTCOMES)
  outcome: ReferralOutcome;

  @ApiPropertyOptional({ maxLength: TEXT, description: 'required when outcome is OTHER; stored encrypted' })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(TEXT)
  note?: string;
}

export class CancelReferralDto extends VersionDto implements CancelReferralRequest {
  @ApiProperty({ maxLength: TEXT, description: 'stored encrypted' })
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(TEXT)
  reason: string;
}

export class ServiceDirectoryQueryDto {
  @ApiProperty({ enum: SERVICE_TYPES })
  @IsIn(SERVICE_TYPES)
  serviceType: ServiceType;

  @ApiProperty({ enum: PROVINCE_CODES })
  @IsIn(PROVINCE_CODES)
  province: ProvinceCode;
}

export class ReassignReferralDto extends VersionDto implements ReassignReferralRequest {
  @IdOf('user', { description: 'an active caseworker, investigator or supervisor of the receiving agency' })
  assigneeId: string;
}

export class AddReferralNoteDto implements AddReferralNoteRequest {
  @ApiProperty({ maxLength: TEXT, description: 'read by both agencies; stored encrypted' })
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(TEXT)
  body: string;
}

export class ListReferralNotesQueryDto extends PageQueryDto {}
