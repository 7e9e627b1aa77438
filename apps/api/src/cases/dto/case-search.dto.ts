import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import {
  CASE_NUMBER_RE,
  MAX_SEARCH_NAME_LENGTH,
  MAX_SEARCH_WORDS,
  type CaseListQuery,
  type CaseSearchRequest,
  type SavedCaseFilterRequest,
} from '@ctms/domain';
import { Transform, Type } from 'class-transformer';
import { IsDefined, IsOptional, IsString, Matches, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { Trim } from '../../platform/http/pagination';
import { IsSearchableName } from '../../persons/dto/person.dto';
import { ListCasesQueryDto } from './case.dto';

/** POST /cases/search: the list's filters and page, and exactly one of a case number or a name (the service checks the "one"). */
export class CaseSearchDto extends ListCasesQueryDto implements CaseSearchRequest {
  @ApiPropertyOptional({ example: 'VT-2026-00042', description: 'an exact case number' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toUpperCase() : value))
  @IsString()
  @Matches(CASE_NUMBER_RE, { message: 'number must be a case number such as VT-2026-00042' })
  number?: string;

  @ApiPropertyOptional({
    maxLength: MAX_SEARCH_NAME_LENGTH,
    description: `a person's name in Lao script or Latin letters (at most ${MAX_SEARCH_WORDS} words), matched like the duplicate search`,
  })
  @IsOptional()
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(MAX_SEARCH_NAME_LENGTH)
  @IsSearchableName()
  name?: string;
}

/** The filters of a saved filter: the list's, without the page. */
export class CaseFiltersDto
  extends OmitType(ListCasesQueryDto, ['limit', 'cursor'] as const)
  implements CaseListQuery {}

/** POST /case-filters */
export class SavedCaseFilterDto implements SavedCaseFilterRequest {
  @ApiProperty({ minLength: 1, maxLength: 60, description: "the user's own name for the filter" })
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(60)
  label: string;

  @ApiProperty({ type: CaseFiltersDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => CaseFiltersDto)
  filters: CaseFiltersDto;
}
