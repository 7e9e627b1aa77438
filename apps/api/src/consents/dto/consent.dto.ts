import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { GrantConsentRequest, WithdrawConsentRequest } from '@ctms/domain';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsISO8601,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';
import {
  CONSENT_FORMS,
  CONSENT_GIVERS,
  CONSENT_TYPES,
  DATA_CATEGORIES,
  type ConsentForm,
  type ConsentGiver,
  type ConsentType,
  type DataCategory,
} from '@ctms/domain';
import { PageQueryDto, Trim } from '../../platform/http/pagination';
import { IdOf } from '../../platform/access/id-of';

/** A full ISO 8601 date-time with an explicit zone; `IsISO8601({strict})` also refuses 30 February. */
export const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;
/** A BCP 47-like language tag: lo, en, hnj, km, th, lo-LA … */
export const LANGUAGE_TAG = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8}){0,2}$/;

const MAX_AGENCIES = 50;

export class GrantConsentDto implements GrantConsentRequest {
  @ApiProperty({ enum: CONSENT_TYPES })
  @IsIn(CONSENT_TYPES)
  type: ConsentType;

  @IdOf('agency', {
    each: true,
    description: 'recipient agencies (active); may be empty for INTERVIEW and DATA_PROCESSING',
  })
  @IsArray()
  @ArrayMaxSize(MAX_AGENCIES)
  @ArrayUnique()
  agencyIds: string[];

  @ApiPropertyOptional({
    enum: CONSENT_TYPES,
    isArray: true,
    description: 'what the sharing is for; defaults to [type]',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(CONSENT_TYPES.length)
  @ArrayUnique()
  @IsIn(CONSENT_TYPES, { each: true })
  purposes?: ConsentType[];

  @ApiProperty({ enum: DATA_CATEGORIES, isArray: true })
  @IsArray()
  @ArrayMaxSize(DATA_CATEGORIES.length)
  @ArrayUnique()
  @IsIn(DATA_CATEGORIES, { each: true })
  categories: DataCategory[];

  @ApiProperty({ enum: CONSENT_GIVERS, description: "a child's consent: PARENT, LEGAL_GUARDIAN or SOCIAL_WORKER" })
  @IsIn(CONSENT_GIVERS)
  givenBy: ConsentGiver;

  @ApiProperty({ enum: CONSENT_FORMS })
  @IsIn(CONSENT_FORMS)
  form: ConsentForm;

  @ApiPropertyOptional({ example: 'lo', pattern: LANGUAGE_TAG.source })
  @IsOptional()
  @IsString()
  @MaxLength(16)
  @Matches(LANGUAGE_TAG, { message: 'language must be a language tag such as lo, en or hnj' })
  language?: string;

  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @IsBoolean()
  interpreterUsed?: boolean;

  @ApiPropertyOptional({
    maxLength: 200,
    description: 'required when givenBy is PARENT or LEGAL_GUARDIAN; stored encrypted',
  })
  @IsOptional()
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  guardianName?: string;

  @ApiPropertyOptional({ maxLength: 200, description: 'stored encrypted' })
  @IsOptional()
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  witnessName?: string;

  @ApiProperty({ format: 'date-time', description: 'not in the future' })
  @IsString()
  @Matches(ISO_DATE_TIME, { message: 'grantedAt must be an ISO 8601 date-time with a time zone' })
  @IsISO8601({ strict: true, strictSeparator: true })
  grantedAt: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'after grantedAt' })
  @IsOptional()
  @IsString()
  @Matches(ISO_DATE_TIME, { message: 'expiresAt must be an ISO 8601 date-time with a time zone' })
  @IsISO8601({ strict: true, strictSeparator: true })
  expiresAt?: string;
}

export class WithdrawConsentDto implements WithdrawConsentRequest {
  @ApiProperty({ minLength: 3, maxLength: 200 })
  @Trim()
  @IsString()
  @MinLength(3)
  @MaxLength(200)
  reason: string;
}

export class ListConsentsQueryDto extends PageQueryDto {}
