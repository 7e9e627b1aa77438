import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { CreateUserRequest, UpdateUserRequest } from '@ctms/domain';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { LANGUAGES, ROLES, USER_STATUSES, type Language, type Role, type UserStatus } from '@ctms/domain';
import { PageQueryDto, PROVINCE_CODE, Trim } from './common.dto';
import { IdOf } from '../../platform/access/id-of';

export const USERNAME = /^[a-z0-9._-]+$/;

export class ListUsersQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: USER_STATUSES })
  @IsOptional()
  @IsIn(USER_STATUSES)
  status?: UserStatus;

  @IdOf('agency', {
    optional: true,
    description: 'system administrators only; an agency administrator always sees their own agency',
  })
  agencyId?: string;
}

export class CreateUserDto implements CreateUserRequest {
  @ApiProperty({
    minLength: 3,
    maxLength: 64,
    pattern: USERNAME.source,
    example: 'lwu.caseworker2',
    description: 'stored lower-case',
  })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value))
  @IsString()
  @Length(3, 64)
  @Matches(USERNAME, { message: 'username may hold only a-z, 0-9, dot, underscore and hyphen' })
  username: string;

  @ApiProperty({ maxLength: 200 })
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  displayName: string;

  @ApiProperty({
    maxLength: 254,
    example: 'noy@lwu.example.la',
    description: "the user's own address: the one-time activation link goes there, never to the administrator",
  })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value))
  @IsString()
  @MaxLength(254)
  @IsEmail({ allow_display_name: false, require_tld: true }, { message: 'email must be an e-mail address' })
  email: string;

  @ApiProperty({ enum: ROLES, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(ROLES.length)
  @ArrayUnique()
  @IsIn(ROLES, { each: true })
  roles: Role[];

  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @IsBoolean()
  allProvinces?: boolean;

  @ApiPropertyOptional({ type: [String], example: ['01'], description: 'province codes; empty when allProvinces' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsString({ each: true })
  @Matches(PROVINCE_CODE, { each: true, message: 'each province must be a 2-digit province code' })
  provinces?: string[];

  @ApiPropertyOptional({ enum: LANGUAGES, default: 'lo' })
  @IsOptional()
  @IsIn(LANGUAGES)
  language?: Language;

  @IdOf('agency', {
    optional: true,
    description: 'system administrators only (required for them); an agency administrator may not send it',
  })
  agencyId?: string;
}

export class UpdateUserDto implements UpdateUserRequest {
  @ApiProperty({ description: 'the version the change is based on; a stale one answers 409 STALE_VERSION' })
  @IsInt()
  @Min(1)
  version: number;

  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  displayName?: string;

  @ApiPropertyOptional({ enum: ROLES, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(ROLES.length)
  @ArrayUnique()
  @IsIn(ROLES, { each: true })
  roles?: Role[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  allProvinces?: boolean;

  @ApiPropertyOptional({ type: [String], example: ['01'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsString({ each: true })
  @Matches(PROVINCE_CODE, { each: true, message: 'each province must be a 2-digit province code' })
  provinces?: string[];

  @ApiPropertyOptional({ enum: LANGUAGES })
  @IsOptional()
  @IsIn(LANGUAGES)
  language?: Language;

  @ApiPropertyOptional({
    maxLength: 254,
    description: 'only while the account waits for approval or activation (409 EMAIL_FIXED afterwards)',
  })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value))
  @IsString()
  @MaxLength(254)
  @IsEmail({ allow_display_name: false, require_tld: true }, { message: 'email must be an e-mail address' })
  email?: string;
}
