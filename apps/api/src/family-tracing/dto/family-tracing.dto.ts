import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  CROSSING_POINTS,
  FAMILY_TRACING_ANSWERS,
  FAMILY_TRACING_BOXES,
  FAMILY_TRACING_CATEGORIES,
  FAMILY_TRACING_STATUSES,
  PROVINCE_CODES,
  RECEPTION_PLACES,
  RETURN_ESCORTS,
  type AnswerFamilyTracingRequest,
  type CloseFamilyTracingRequest,
  type CrossingPoint,
  type FamilyTracingAnswer,
  type FamilyTracingBox,
  type FamilyTracingCategory,
  type FamilyTracingListQuery,
  type FamilyTracingStatus,
  type ReceptionPlace,
  type RecordReturnRequest,
  type ReturnEscort,
  type SendFamilyTracingRequest,
} from '@ctms/domain';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { IdOf } from '../../platform/access/id-of';
import { IsPastDate } from '../../platform/http/dates';
import { PageQueryDto, Trim } from '../../platform/http/pagination';

const TEXT = 10_000;

export class SendFamilyTracingDto implements SendFamilyTracingRequest {
  @IdOf('agency', {
    description: 'an active agency that offers FAMILY_TRACING and covers provinceCode (MoLSW social welfare)',
  })
  toAgencyId: string;

  @ApiProperty({
    enum: PROVINCE_CODES,
    description: "the province whose social welfare office is asked (the family's)",
  })
  @IsIn(PROVINCE_CODES)
  provinceCode: string;

  @ApiProperty({
    enum: FAMILY_TRACING_CATEGORIES,
    isArray: true,
    description: 'the packet (CASE_SUMMARY implied), each covered by an active REFERRAL_SHARING consent for the agency',
  })
  @IsArray()
  @ArrayMaxSize(FAMILY_TRACING_CATEGORIES.length)
  @ArrayUnique()
  @IsIn(FAMILY_TRACING_CATEGORIES, { each: true })
  categories: FamilyTracingCategory[];

  @ApiPropertyOptional({
    maxLength: TEXT,
    description: 'CONTACT_LOCATION: family members, village, phone; required with that category; encrypted at rest',
  })
  @IsOptional()
  @Trim()
  @IsString()
  @MinLength(3)
  @MaxLength(TEXT)
  familyContact?: string;

  @ApiProperty({ minLength: 3, maxLength: TEXT, description: 'CASE_SUMMARY: what to find out; encrypted at rest' })
  @Trim()
  @IsString()
  @MinLength(3)
  @MaxLength(TEXT)
  questions: string;
}

export class AnswerFamilyTracingDto implements AnswerFamilyTracingRequest {
  @ApiProperty({ minimum: 1, description: 'the version you read; a stale one answers 409 STALE_VERSION' })
  @IsInt()
  @Min(1)
  version: number;

  @ApiProperty({ enum: FAMILY_TRACING_ANSWERS })
  @IsIn(FAMILY_TRACING_ANSWERS)
  answer: FamilyTracingAnswer;

  @ApiProperty({ minLength: 3, maxLength: TEXT, description: 'the family assessment; encrypted at rest' })
  @Trim()
  @IsString()
  @MinLength(3)
  @MaxLength(TEXT)
  assessment: string;
}

export class CloseFamilyTracingDto implements CloseFamilyTracingRequest {
  @ApiProperty({ minimum: 1, description: 'the version you read; a stale one answers 409 STALE_VERSION' })
  @IsInt()
  @Min(1)
  version: number;

  @ApiProperty({ minLength: 3, maxLength: TEXT, description: 'encrypted at rest' })
  @Trim()
  @IsString()
  @MinLength(3)
  @MaxLength(TEXT)
  reason: string;
}

export class FamilyTracingListQueryDto extends PageQueryDto implements FamilyTracingListQuery {
  @ApiProperty({
    enum: FAMILY_TRACING_BOXES,
    description:
      "incoming: asked of the caller's province office; outgoing: sent for the cases the caller's agency leads",
  })
  @IsIn(FAMILY_TRACING_BOXES)
  box: FamilyTracingBox;

  @ApiPropertyOptional({ enum: FAMILY_TRACING_STATUSES })
  @IsOptional()
  @IsIn(FAMILY_TRACING_STATUSES)
  status?: FamilyTracingStatus;
}

export class RecordReturnDto implements RecordReturnRequest {
  @ApiProperty({ format: 'date', description: 'YYYY-MM-DD, not in the future (Asia/Vientiane)' })
  @IsPastDate()
  returnedOn: string;

  @ApiProperty({ enum: CROSSING_POINTS })
  @IsIn(CROSSING_POINTS)
  crossingPoint: CrossingPoint;

  @ApiProperty({ enum: RETURN_ESCORTS })
  @IsIn(RETURN_ESCORTS)
  escort: ReturnEscort;

  @ApiProperty({ enum: RECEPTION_PLACES })
  @IsIn(RECEPTION_PLACES)
  receptionPlace: ReceptionPlace;

  @ApiProperty({ enum: PROVINCE_CODES, description: 'the home province the person is handed over to' })
  @IsIn(PROVINCE_CODES)
  handoverProvinceCode: string;

  @ApiPropertyOptional({ maxLength: TEXT, description: 'required when a code is OTHER; encrypted at rest' })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(TEXT)
  note?: string;
}
