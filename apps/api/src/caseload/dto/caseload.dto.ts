import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MAX_BULK_REASSIGN, type BulkReassignRequest, type CaseloadCasesQuery } from '@ctms/domain';
import { Transform } from 'class-transformer';
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
import { IdOf } from '../../platform/access/id-of';
import { PageQueryDto, Trim } from '../../platform/http/pagination';

const lower = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.toLowerCase() : value);

/** GET /caseload/cases: exactly one of a worker or `unassigned=true` (the service checks the "one"). */
export class CaseloadCasesQueryDto extends PageQueryDto implements CaseloadCasesQuery {
  @IdOf('user', {
    optional: true,
    description: 'an active caseworker, investigator or supervisor of your agency whose scope meets yours',
  })
  @Transform(lower)
  assignee?: string;

  @ApiPropertyOptional({ enum: ['true'], description: 'the open cases nobody active carries' })
  @IsOptional()
  @IsIn(['true'])
  unassigned?: 'true';
}

/** POST /caseload/reassign: all the cases, or none. */
export class BulkReassignDto implements BulkReassignRequest {
  // the assignee first: a plain field the fuzzer's nested-key probe nests under (a key set on an array is dropped by JSON)
  @IdOf('user', {
    description: 'an active caseworker, investigator or supervisor of the lead agency whose scope covers every case',
  })
  @Transform(lower)
  assigneeId: string;

  @IdOf('case', { each: true, description: `1 to ${MAX_BULK_REASSIGN} distinct cases your agency leads in your scope` })
  @Transform(({ value }: { value: unknown }) =>
    Array.isArray(value) ? value.map((v: unknown) => (typeof v === 'string' ? v.toLowerCase() : v)) : value,
  )
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_BULK_REASSIGN)
  @ArrayUnique()
  caseIds: string[];

  @ApiProperty({ minLength: 3, maxLength: 2000, description: 'why (encrypted in each case’s audit row)' })
  @Trim()
  @IsString()
  @MinLength(3)
  @MaxLength(2000)
  reason: string;
}
