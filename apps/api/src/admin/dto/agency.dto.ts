import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { CreateAgencyRequest, UpdateAgencyRequest } from '@ctms/domain';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
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
import { AGENCY_CAPABILITIES, AGENCY_TYPES, type AgencyCapability, type AgencyType } from '@ctms/domain';
import { PageQueryDto, PROVINCE_CODE, Trim } from './common.dto';

export const AGENCY_CODE = /^[A-Z0-9_]+$/;
const SERVICE_TYPE_CODE = /^[A-Z0-9_]{1,40}$/;

export class ListAgenciesQueryDto extends PageQueryDto {}

export class CreateAgencyDto implements CreateAgencyRequest {
  @ApiProperty({ example: 'NGO_HAGAR', pattern: AGENCY_CODE.source, minLength: 2, maxLength: 40 })
  @IsString()
  @Length(2, 40)
  @Matches(AGENCY_CODE, { message: 'code may hold only A-Z, 0-9 and underscore' })
  code: string;

  @ApiProperty({ maxLength: 200 })
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  nameLo: string;

  @ApiProperty({ maxLength: 200 })
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  nameEn: string;

  @ApiProperty({ enum: AGENCY_TYPES })
  @IsIn(AGENCY_TYPES)
  type: AgencyType;

  @ApiProperty({ enum: AGENCY_CAPABILITIES, isArray: true })
  @IsArray()
  @ArrayUnique()
  @IsIn(AGENCY_CAPABILITIES, { each: true })
  capabilities: AgencyCapability[];

  @ApiProperty({ type: [String], description: 'codes from the service_type reference table' })
  @IsArray()
  @ArrayMaxSize(100)
  @ArrayUnique()
  @IsString({ each: true })
  @Matches(SERVICE_TYPE_CODE, { each: true, message: 'each service type must be a service type code' })
  serviceTypes: string[];

  @ApiProperty({ type: [String], example: ['01', '05'] })
  @IsArray()
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsString({ each: true })
  @Matches(PROVINCE_CODE, { each: true, message: 'each province must be a 2-digit province code' })
  provinces: string[];
}

export class UpdateAgencyDto implements UpdateAgencyRequest {
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
  nameLo?: string;

  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  nameEn?: string;

  @ApiPropertyOptional({ enum: AGENCY_TYPES })
  @IsOptional()
  @IsIn(AGENCY_TYPES)
  type?: AgencyType;

  @ApiPropertyOptional({ enum: AGENCY_CAPABILITIES, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsIn(AGENCY_CAPABILITIES, { each: true })
  capabilities?: AgencyCapability[];

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ArrayUnique()
  @IsString({ each: true })
  @Matches(SERVICE_TYPE_CODE, { each: true, message: 'each service type must be a service type code' })
  serviceTypes?: string[];

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsString({ each: true })
  @Matches(PROVINCE_CODE, { each: true, message: 'each province must be a 2-digit province code' })
  provinces?: string[];

  @ApiPropertyOptional({ description: 'false: every user of the agency is refused from their next request' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}
