import { ApiPropertyOptional } from '@nestjs/swagger';
import type { AuditQuery } from '@ctms/domain';
import { IsIn, IsISO8601, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { AUDIT_OUTCOMES, type AuditOutcome } from '@ctms/domain';
import { PageQueryDto } from '../platform/http/pagination';

/** Filters carry codes, ids and staff usernames only: never a victim's name. */
export class AuditQueryDto extends PageQueryDto implements AuditQuery {
  @ApiPropertyOptional({ example: 'case' })
  @IsOptional()
  @Matches(/^[a-z_]{2,40}$/, { message: 'objectType must be a lower-case type such as case or referral' })
  objectType?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(/^[A-Za-z0-9-]{1,64}$/, { message: 'objectId must be an id' })
  objectId?: string;

  @ApiPropertyOptional({ description: 'staff username' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  @Matches(/^[a-z0-9._-]+$/, { message: 'actor must be a username' })
  actor?: string;

  @ApiPropertyOptional({ example: 'CASE_READ' })
  @IsOptional()
  @Matches(/^[A-Z_]{2,64}$/, { message: 'action must be an action code' })
  action?: string;

  @ApiPropertyOptional({ enum: AUDIT_OUTCOMES })
  @IsOptional()
  @IsIn(AUDIT_OUTCOMES)
  outcome?: AuditOutcome;

  @ApiPropertyOptional({ format: 'date-time' })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  from?: string;

  @ApiPropertyOptional({ format: 'date-time' })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  to?: string;
}
