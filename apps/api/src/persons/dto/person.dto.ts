import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { MergePersonRequest, MergeReasonRequest, PersonSearchRequest } from '@ctms/domain';
import { Type } from 'class-transformer';
import {
  IsInt,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateBy,
  ValidationOptions,
} from 'class-validator';
import { MAX_SEARCH_NAME_LENGTH, MAX_SEARCH_WORD_LENGTH, MAX_SEARCH_WORDS, searchNameProblem } from '@ctms/domain';
import { Trim } from '../../platform/http/pagination';
import { IdOf } from '../../platform/access/id-of';

export const MAX_SEARCH_RESULTS = 20;
export const DEFAULT_SEARCH_RESULTS = 10;

const YEAR_OR_DATE_RE = /^([0-9]{4})(?:-([0-9]{2})-([0-9]{2}))?$/;

/** 'YYYY' or a real calendar date 'YYYY-MM-DD' (2026-02-30 is refused), year 1900 to next year. */
export function isYearOrDate(v: unknown): boolean {
  if (typeof v !== 'string') return false;
  const m = YEAR_OR_DATE_RE.exec(v);
  if (!m) return false;
  const year = Number(m[1]);
  if (year < 1900 || year > new Date().getUTCFullYear() + 1) return false;
  if (m[2] === undefined) return true;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}

export const IsSearchableName = (options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'isSearchableName',
      validator: {
        validate: (v: unknown) => searchNameProblem(v) === null,
        defaultMessage: (a) => searchNameProblem(a?.value) ?? 'name is not searchable',
      },
    },
    options,
  );

const IsYearOrDate = (options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'isYearOrDate',
      validator: {
        validate: isYearOrDate,
        defaultMessage: () => '$property must be a year (YYYY) or a real date (YYYY-MM-DD)',
      },
    },
    options,
  );

/** Duplicate search: names, birth date and document travel only in this POST body, never in a URL. */
export class PersonSearchDto implements PersonSearchRequest {
  @ApiProperty({
    minLength: 1,
    maxLength: MAX_SEARCH_NAME_LENGTH,
    description: `a name in Lao script or Latin letters (full name, given name, nickname…): at most ${MAX_SEARCH_WORDS} words of at most ${MAX_SEARCH_WORD_LENGTH} characters`,
  })
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(MAX_SEARCH_NAME_LENGTH)
  @IsSearchableName()
  name: string;

  @ApiPropertyOptional({ example: '1998', description: 'YYYY or YYYY-MM-DD' })
  @IsOptional()
  @IsYearOrDate()
  dateOfBirth?: string;

  @ApiPropertyOptional({ maxLength: 64, description: 'any identity document number; spaces and dashes are ignored' })
  @IsOptional()
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  documentNumber?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_SEARCH_RESULTS, default: DEFAULT_SEARCH_RESULTS })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_SEARCH_RESULTS)
  limit?: number;
}

export class MergeReasonDto implements MergeReasonRequest {
  @ApiProperty({ minLength: 3, maxLength: 500, description: 'why; kept in the audit row' })
  @Trim()
  @IsString()
  @MinLength(3)
  @MaxLength(500)
  reason: string;
}

export class MergePersonDto extends MergeReasonDto implements MergePersonRequest {
  @IdOf('person', { description: 'the duplicate, merged INTO the person of the URL (which survives)' })
  mergeId: string;
}
