import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { PROVINCE_CODES, type ProvinceCode } from '@ctms/domain';

export class AssignableUsersQueryDto {
  @ApiPropertyOptional({
    enum: PROVINCE_CODES,
    description: "only users whose province scope covers this province (a case's province)",
  })
  @IsOptional()
  @IsIn(PROVINCE_CODES)
  province?: ProvinceCode;
}

/* The views live in @ctms/domain (decision 0020); re-exported here as a merge bridge. */
