import { ApiProperty } from '@nestjs/swagger';
import type { ReasonRequest } from '@ctms/domain';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { Trim } from '../../platform/http/pagination';

export { DEFAULT_PAGE, MAX_PAGE, PageQueryDto, Trim } from '../../platform/http/pagination';

export const PROVINCE_CODE = /^[0-9]{2}$/;

/** Why an administrator disables, enables or resets an account: kept in the audit row. */
export class ReasonDto implements ReasonRequest {
  @ApiProperty({ minLength: 3, maxLength: 500 })
  @Trim()
  @IsString()
  @MinLength(3)
  @MaxLength(500)
  reason: string;
}
