import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { CreateExportRequest, DeclineExportRequest, ExportFiltersRequest } from '@ctms/domain';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, MaxLength, MinLength, ValidateNested } from 'class-validator';
import {
  EXPORT_REASON_MAX,
  EXPORT_REASON_MIN,
  CASE_STATUSES,
  PROVINCE_CODES,
  type CaseStatus,
  type ProvinceCode,
  EXPORT_KINDS,
  type ExportKind,
} from '@ctms/domain';
import { PageQueryDto, Trim } from '../platform/http/pagination';
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

  @ApiProperty({
    minLength: EXPORT_REASON_MIN,
    maxLength: EXPORT_REASON_MAX,
    description: 'why the export is needed (required); the approver reads it; audited and stored encrypted',
  })
  @Trim()
  @IsString()
  @MinLength(EXPORT_REASON_MIN)
  @MaxLength(EXPORT_REASON_MAX)
  reason: string;
}

export class DeclineExportDto implements DeclineExportRequest {
  @ApiProperty({
    minLength: EXPORT_REASON_MIN,
    maxLength: EXPORT_REASON_MAX,
    description: 'why the export is declined; the requester reads it; audited and stored encrypted',
  })
  @Trim()
  @IsString()
  @MinLength(EXPORT_REASON_MIN)
  @MaxLength(EXPORT_REASON_MAX)
  reason: string;
}

export class ListExportsQueryDto extends PageQueryDto {}
