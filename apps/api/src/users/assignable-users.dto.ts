import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { PROVINCE_CODES, type ProvinceCode, type Role } from '@ctms/domain';

export class AssignableUsersQueryDto {
  @ApiPropertyOptional({ enum: PROVINCE_CODES, description: "only users whose province scope covers this province (a case's province)" })
  @IsOptional()
  @IsIn(PROVINCE_CODES)
  province?: ProvinceCode;
}

/** A colleague a supervisor may assign work to: no e-mail, no scope, no status (all are ACTIVE). */
export interface AssignableUserView {
  id: string;
  displayName: string;
  username: string;
  roles: Role[];
}

export interface AssignableUsersView {
  items: AssignableUserView[];
}
