import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ALL_ASSESSMENT_ITEMS,
  DISTRICT_CODES,
  MAX_ASSESSMENT_SCORE,
  MIN_ASSESSMENT_SCORE,
  PROVINCE_CODES,
  VISIT_KINDS,
  VISIT_OUTCOMES,
  VISIT_WITH,
  type AssessmentItem,
  type RecordAssessmentRequest,
  type RecordVisitRequest,
  type UpdateAssessmentRequest,
  type UpdateVisitRequest,
  type VisitKind,
  type VisitOutcome,
  type VisitWith,
} from '@ctms/domain';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  MaxLength,
  Min,
} from 'class-validator';
import { IdOf } from '../../platform/access/id-of';
import { IsCalendarDate, IsPastDate } from '../../platform/http/dates';
import { Trim } from '../../platform/http/pagination';

const TEXT = 10_000;

/** A visit or contact: codes, the place as province and district codes, the worker's words (encrypted). */
export class RecordVisitDto implements RecordVisitRequest {
  @ApiProperty({ format: 'date', description: 'YYYY-MM-DD, not in the future (Lao time)' })
  @IsPastDate()
  visitedOn: string;

  @ApiProperty({ enum: PROVINCE_CODES })
  @IsIn(PROVINCE_CODES)
  provinceCode: string;

  @ApiPropertyOptional({ description: 'a district code of the province (4 digits)', nullable: true })
  @IsOptional()
  @IsIn(DISTRICT_CODES)
  districtCode?: string | null;

  @ApiProperty({ enum: VISIT_KINDS })
  @IsIn(VISIT_KINDS)
  kind: VisitKind;

  @ApiProperty({ enum: VISIT_WITH, isArray: true, minItems: 1 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(VISIT_WITH.length)
  @ArrayUnique()
  @IsIn(VISIT_WITH, { each: true })
  withWhom: VisitWith[];

  @ApiProperty({ enum: VISIT_OUTCOMES })
  @IsIn(VISIT_OUTCOMES)
  outcome: VisitOutcome;

  @ApiPropertyOptional({
    maxLength: TEXT,
    nullable: true,
    description: 'the outcome in the worker’s words; encrypted at rest',
  })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(TEXT)
  outcomeNote?: string | null;

  @ApiPropertyOptional({ format: 'date', nullable: true, description: 'YYYY-MM-DD, after visitedOn' })
  @IsOptional()
  @IsCalendarDate()
  nextVisitDue?: string | null;
}

export class UpdateVisitDto extends RecordVisitDto implements UpdateVisitRequest {
  @ApiProperty({ minimum: 1, description: 'the version you read; a stale one answers 409 STALE_VERSION' })
  @IsInt()
  @Min(1)
  version: number;
}

/** A reintegration assessment: each item scored on the scale, an item left out not assessed this time. */
export class RecordAssessmentDto implements RecordAssessmentRequest {
  @ApiProperty({ format: 'date', description: 'YYYY-MM-DD, not in the future (Lao time)' })
  @IsPastDate()
  assessedOn: string;

  @IdOf('visit', { optional: true, description: 'a visit of the same case that you see' })
  visitId?: string | null;

  @ApiProperty({
    type: 'object',
    description: `item code → score ${MIN_ASSESSMENT_SCORE}–${MAX_ASSESSMENT_SCORE}; items: ${ALL_ASSESSMENT_ITEMS.join(', ')}`,
    additionalProperties: { type: 'integer', minimum: MIN_ASSESSMENT_SCORE, maximum: MAX_ASSESSMENT_SCORE },
  })
  @IsObject()
  scores: Partial<Record<AssessmentItem, number>>;

  @ApiPropertyOptional({ maxLength: TEXT, nullable: true, description: 'encrypted at rest' })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(TEXT)
  notes?: string | null;
}

export class UpdateAssessmentDto extends RecordAssessmentDto implements UpdateAssessmentRequest {
  @ApiProperty({ minimum: 1, description: 'the version you read; a stale one answers 409 STALE_VERSION' })
  @IsInt()
  @Min(1)
  version: number;
}
