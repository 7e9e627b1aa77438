import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  CLOSURE_REASONS,
  IDENTIFICATION_REQUEST_STATUSES,
  SETTABLE_CASE_FLAGS,
  type CancelIdentificationRequest,
  type CaseFlagRequest,
  type ClosureReason,
  type DecideClosureRequest,
  type DecideIdentificationRequest,
  type IdentificationRequestListQuery,
  type IdentificationRequestStatus,
  type RequestClosureRequest,
  type SendIdentificationRequest,
  type SettableCaseFlag,
} from '@ctms/domain';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { IdOf } from '../../platform/access/id-of';
import { Trim } from '../../platform/http/pagination';
import { IdentificationDecisionDto, VersionDto } from './case.dto';

const TEXT = 10_000;

export class SendIdentificationDto implements SendIdentificationRequest {
  @IdOf('agency', { description: 'an active agency with the FORMAL_IDENTIFICATION capability (MoPS ATD)' })
  toAgencyId: string;
}

export class DecideIdentificationDto extends IdentificationDecisionDto implements DecideIdentificationRequest {
  @ApiProperty({ minimum: 1, description: 'the version you read; a stale one answers 409 STALE_VERSION' })
  @IsInt()
  @Min(1)
  version: number;
}

export class CancelIdentificationDto extends VersionDto implements CancelIdentificationRequest {
  @ApiProperty({ minLength: 3, maxLength: TEXT, description: 'encrypted at rest' })
  @Trim()
  @IsString()
  @MinLength(3)
  @MaxLength(TEXT)
  reason: string;
}

export class IdentificationRequestListQueryDto implements IdentificationRequestListQuery {
  @ApiPropertyOptional({ enum: IDENTIFICATION_REQUEST_STATUSES })
  @IsOptional()
  @IsIn(IDENTIFICATION_REQUEST_STATUSES)
  status?: IdentificationRequestStatus;
}

export class RequestClosureDto implements RequestClosureRequest {
  @ApiProperty({ enum: CLOSURE_REASONS })
  @IsIn(CLOSURE_REASONS)
  reason: ClosureReason;

  @ApiPropertyOptional({ maxLength: TEXT, description: 'required when reason is OTHER; encrypted at rest' })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(TEXT)
  note?: string;
}

export class DecideClosureDto extends VersionDto implements DecideClosureRequest {
  @ApiPropertyOptional({ maxLength: TEXT, description: 'required to return the request; encrypted at rest' })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(TEXT)
  comment?: string;
}

export class CaseFlagDto extends VersionDto implements CaseFlagRequest {
  @ApiProperty({ enum: SETTABLE_CASE_FLAGS })
  @IsIn(SETTABLE_CASE_FLAGS)
  flag: SettableCaseFlag;

  @ApiProperty({ description: 'true sets the flag, false lifts it' })
  @IsBoolean()
  set: boolean;

  @ApiProperty({ minLength: 3, maxLength: TEXT, description: 'kept as an encrypted note' })
  @Trim()
  @IsString()
  @MinLength(3)
  @MaxLength(TEXT)
  reason: string;

  @IdOf('user', {
    optional: true,
    each: true,
    description:
      'RESTRICTED: active users of the lead agency in scope who may open the case (the actor is always named)',
  })
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(50)
  userIds?: string[];
}
