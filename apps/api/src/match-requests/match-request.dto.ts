import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { LinkMatchRequestRequest, MatchRequestVersionRequest, NoMatchRequestRequest } from '@ctms/domain';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, MaxLength, Min, MinLength } from 'class-validator';
import { MATCH_REQUEST_STATUSES, type MatchRequestStatus } from '@ctms/domain';
import { IdOf } from '../platform/access/id-of';
import { PageQueryDto, Trim } from '../platform/http/pagination';

export class ListMatchRequestsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    enum: ['incoming', 'outgoing'],
    description: 'incoming: asked of the caller’s agency; outgoing: asked by it (default)',
  })
  @IsOptional()
  @IsIn(['incoming', 'outgoing'])
  box?: 'incoming' | 'outgoing';

  @ApiPropertyOptional({ enum: MATCH_REQUEST_STATUSES })
  @IsOptional()
  @IsIn(MATCH_REQUEST_STATUSES)
  status?: MatchRequestStatus;
}

export class MatchRequestVersionDto implements MatchRequestVersionRequest {
  @ApiProperty({ minimum: 1 })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  version: number;
}

export class LinkMatchRequestDto extends MatchRequestVersionDto implements LinkMatchRequestRequest {
  @IdOf('person', { description: "the asked agency's person who is the same person as the asking agency's" })
  personId: string;
}

export class NoMatchRequestDto extends MatchRequestVersionDto implements NoMatchRequestRequest {
  @ApiPropertyOptional({ maxLength: 500, description: 'kept encrypted, shown to the asking side' })
  @IsOptional()
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  comment?: string;
}
