import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type {
  ChargeHandoffRequest,
  ChargeRequest,
  CreateHandoffRequest,
  EvidenceItemRequest,
  HandoffPacketUpdate,
  HandoffReasonRequest,
  HandoffVersionRequest,
  RestitutionRequest,
  ResubmitHandoffRequest,
  SuspectRequest,
  TrialHandoffRequest,
  VerdictHandoffRequest,
} from '@ctms/domain';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import {
  HANDOFF_STATUSES,
  VERDICTS,
  type HandoffStatus,
  type Verdict,
  PERPETRATOR_RELATIONS,
  type PerpetratorRelation,
  CHARGE_ARTICLE,
  PROTECTION_MEASURES,
  SUSPECT_ROLES,
  SUSPECT_STATUSES,
  WILLINGNESS_TO_TESTIFY,
  type ProtectionMeasure,
  type SuspectRole,
  type SuspectStatus,
  type WillingnessToTestify,
} from '@ctms/domain';
import { IsCalendarDate, IsPastDate } from '../../platform/http/dates';
import { PageQueryDto, Trim } from '../../platform/http/pagination';
import { IdOf } from '../../platform/access/id-of';

const TEXT = 10_000;
const SHORT = 500;
const NAME = 200;
const ARTICLE_MESSAGE = 'article must be a code such as PENAL_CODE_215 or ANTI_TRAFFICKING_LAW_11';

// ---------------------------------------------------------------------------------------------
// Parts of the packet
// ---------------------------------------------------------------------------------------------

export class EvidenceItemDto implements EvidenceItemRequest {
  @ApiProperty({ minLength: 1, maxLength: 2000, description: 'what the item is (encrypted at rest)' })
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  description: string;

  @IdOf('attachment', { optional: true, description: 'an attachment of the same case' })
  attachmentId?: string;
}

export class SuspectDto implements SuspectRequest {
  @ApiPropertyOptional({ maxLength: NAME })
  @IsOptional()
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(NAME)
  name?: string;

  @ApiPropertyOptional({ maxLength: NAME })
  @IsOptional()
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(NAME)
  alias?: string;

  @ApiProperty({ enum: SUSPECT_ROLES })
  @IsIn(SUSPECT_ROLES)
  roleInProcess: SuspectRole;

  @ApiProperty({ enum: PERPETRATOR_RELATIONS })
  @IsIn(PERPETRATOR_RELATIONS)
  relationToVictim: PerpetratorRelation;

  @ApiPropertyOptional({ enum: SUSPECT_STATUSES, default: 'UNKNOWN' })
  @IsOptional()
  @IsIn(SUSPECT_STATUSES)
  status?: SuspectStatus;
}

export class ChargeDto implements ChargeRequest {
  @ApiProperty({ example: 'PENAL_CODE_215', pattern: CHARGE_ARTICLE.source })
  @IsString()
  @Matches(CHARGE_ARTICLE, { message: ARTICLE_MESSAGE })
  article: string;

  @ApiPropertyOptional({ maxLength: SHORT })
  @IsOptional()
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(SHORT)
  description?: string;
}

export class RestitutionDto implements RestitutionRequest {
  @ApiPropertyOptional({ minimum: 0 })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 2 })
  @Min(0)
  @Max(1e15)
  amount?: number;

  @ApiPropertyOptional({ example: 'LAK', description: 'ISO 4217' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code such as LAK' })
  currency?: string;

  @ApiPropertyOptional({ maxLength: SHORT })
  @IsOptional()
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(SHORT)
  description?: string;
}

// ---------------------------------------------------------------------------------------------
// Create and resubmit
// ---------------------------------------------------------------------------------------------

/** The investigator's packet. Absent fields of a resubmission keep their previous value. */
export class HandoffPacketUpdateDto implements HandoffPacketUpdate {
  @ApiPropertyOptional({ minLength: 1, maxLength: TEXT, description: "summary of the victim's statement (encrypted)" })
  @IsOptional()
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(TEXT)
  statementSummary?: string;

  @ApiPropertyOptional({ type: [EvidenceItemDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => EvidenceItemDto)
  evidence?: EvidenceItemDto[];

  @ApiPropertyOptional({ type: [SuspectDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => SuspectDto)
  suspects?: SuspectDto[];

  @ApiPropertyOptional({ type: [ChargeDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => ChargeDto)
  proposedCharges?: ChargeDto[];

  @ApiPropertyOptional({ enum: WILLINGNESS_TO_TESTIFY })
  @IsOptional()
  @IsIn(WILLINGNESS_TO_TESTIFY)
  willingToTestify?: WillingnessToTestify;

  @ApiPropertyOptional({ enum: PROTECTION_MEASURES, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(PROTECTION_MEASURES.length)
  @ArrayUnique()
  @IsIn(PROTECTION_MEASURES, { each: true })
  protectionMeasures?: ProtectionMeasure[];

  @ApiPropertyOptional({ maxLength: 2000, description: 'details of the protection asked for (encrypted)' })
  @IsOptional()
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  protectionNote?: string;
}

export class CreateHandoffDto implements CreateHandoffRequest {
  @IdOf('agency', { description: 'an active agency with the PROSECUTE capability (OSPP)' })
  toAgencyId: string;

  @ApiProperty({ minLength: 1, maxLength: TEXT, description: "summary of the victim's statement (encrypted)" })
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(TEXT)
  statementSummary: string;

  @ApiProperty({ type: [EvidenceItemDto] })
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => EvidenceItemDto)
  evidence: EvidenceItemDto[];

  @ApiProperty({ type: [SuspectDto] })
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => SuspectDto)
  suspects: SuspectDto[];

  @ApiProperty({ type: [ChargeDto] })
  @IsArray()
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => ChargeDto)
  proposedCharges: ChargeDto[];

  @ApiProperty({ enum: WILLINGNESS_TO_TESTIFY })
  @IsIn(WILLINGNESS_TO_TESTIFY)
  willingToTestify: WillingnessToTestify;

  @ApiProperty({ enum: PROTECTION_MEASURES, isArray: true })
  @IsArray()
  @ArrayMaxSize(PROTECTION_MEASURES.length)
  @ArrayUnique()
  @IsIn(PROTECTION_MEASURES, { each: true })
  protectionMeasures: ProtectionMeasure[];

  @ApiPropertyOptional({ maxLength: 2000, description: 'details of the protection asked for (encrypted)' })
  @IsOptional()
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  protectionNote?: string;
}

// ---------------------------------------------------------------------------------------------
// Transitions
// ---------------------------------------------------------------------------------------------

export class HandoffVersionDto implements HandoffVersionRequest {
  @ApiProperty({ minimum: 1, description: 'the version you read; a stale one answers 409 STALE_VERSION' })
  @IsInt()
  @Min(1)
  version: number;
}

export class HandoffReasonDto extends HandoffVersionDto implements HandoffReasonRequest {
  @ApiProperty({ minLength: 1, maxLength: 2000, description: 'encrypted; never in the timeline or the audit trail' })
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  reason: string;
}

export class ResubmitHandoffDto extends HandoffPacketUpdateDto implements ResubmitHandoffRequest {
  @ApiProperty({ minimum: 1, description: 'the version you read; a stale one answers 409 STALE_VERSION' })
  @IsInt()
  @Min(1)
  version: number;
}

export class ChargeHandoffDto extends HandoffVersionDto implements ChargeHandoffRequest {
  @ApiProperty({ type: [ChargeDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => ChargeDto)
  chargesFiled: ChargeDto[];

  @ApiPropertyOptional({ maxLength: SHORT })
  @IsOptional()
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(SHORT)
  court?: string;
}

export class TrialHandoffDto extends HandoffVersionDto implements TrialHandoffRequest {
  @ApiProperty({ maxLength: SHORT })
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(SHORT)
  court: string;

  @ApiProperty({
    type: [String],
    format: 'date',
    description: 'hearing dates, YYYY-MM-DD, none before the handoff was submitted',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsCalendarDate({ each: true, message: 'each of trialDates must be a real date written YYYY-MM-DD' })
  trialDates: string[];
}

export class VerdictHandoffDto extends HandoffVersionDto implements VerdictHandoffRequest {
  @ApiProperty({ enum: VERDICTS })
  @IsIn(VERDICTS)
  verdict: Verdict;

  @ApiPropertyOptional({ maxLength: SHORT, description: 'e.g. years of imprisonment and fine' })
  @IsOptional()
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(SHORT)
  sentence?: string;

  @ApiPropertyOptional({ type: RestitutionDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => RestitutionDto)
  restitutionOrdered?: RestitutionDto;

  @ApiProperty({
    format: 'date',
    description: 'YYYY-MM-DD, not in the future (Asia/Vientiane), not before the first hearing',
  })
  @IsPastDate()
  decidedOn: string;
}

// ---------------------------------------------------------------------------------------------
// Lists
// ---------------------------------------------------------------------------------------------

export const HANDOFF_BOXES = ['incoming', 'outgoing'] as const;
export type HandoffBox = (typeof HANDOFF_BOXES)[number];

export class ListHandoffsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: HANDOFF_STATUSES })
  @IsOptional()
  @IsIn(HANDOFF_STATUSES)
  status?: HandoffStatus;

  @ApiPropertyOptional({
    enum: HANDOFF_BOXES,
    description: 'incoming: sent to my agency; outgoing: sent by my agency; absent: both',
  })
  @IsOptional()
  @IsIn(HANDOFF_BOXES)
  box?: HandoffBox;
}
