import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { CreateExportRequest, ExportFiltersRequest } from '@ctms/domain';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, ValidateNested } from 'class-validator';
import {
  CASE_STATUSES,
  PROVINCE_CODES,
  type CaseStatus,
  type ProvinceCode,
  EXPORT_KINDS,
  type ExportKind,
} from '@ctms/domain';
import { PageQueryDto } from '../platform/http/pagination';
import { IdOf } from '../platform/access/id-of';

export class ExportFiltersDto implements ExportFiltersRequest {
  @ApiPropertyOptional({ enum: CASE_STATUSES })
  @IsOptional()
  @IsIn(CASE_STATUSES)
  status?: CaseStatus;

  @ApiPropertyOptional({ enum: PROVINCE_CODES })
  @IsOptional()
  @IsIn(PROVINCE_CODES)
  province?: ProvinceCode;
}

export class CreateExportDto implements CreateExportRequest {
  @ApiProperty({ enum: EXPORT_KINDS })
  @IsIn(EXPORT_KINDS)
  kind: ExportKind;

  @ApiPropertyOptional({ type: ExportFiltersDto, description: 'case lists only' })
  @IsOptional()
  @ValidateNested()
  @Type(() => ExportFiltersDto)
  filters?: ExportFiltersDto;

  @IdOf('case', { optional: true, description: 'CASE_FILE_PDF only: the case' })
  caseId?: string;

  @ApiPropertyOptional({
    description: "the person's identity in the file; needs a second supervisor's approval before it runs",
  })
  @IsOptional()
  @IsBoolean()
  includeIdentity?: boolean;
}

export class ListExportsQueryDto extends PageQueryDto {}
