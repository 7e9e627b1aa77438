import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, Max, Min, ValidateNested } from 'class-validator';
import { SLA_HOURS_MAX, SLA_HOURS_MIN, URGENCIES, type UpdateSlaSettingsRequest, type Urgency } from '@ctms/domain';

export class SlaSettingDto {
  @ApiProperty({ enum: URGENCIES })
  @IsIn(URGENCIES)
  urgency: Urgency;

  @ApiProperty({
    minimum: SLA_HOURS_MIN,
    maximum: SLA_HOURS_MAX,
    description: 'accept or decline within this many hours of the referral being sent',
  })
  @IsInt()
  @Min(SLA_HOURS_MIN)
  @Max(SLA_HOURS_MAX)
  acknowledgeHours: number;

  @ApiProperty({
    minimum: SLA_HOURS_MIN,
    maximum: SLA_HOURS_MAX,
    description: 'the first service within this many hours of the acceptance',
  })
  @IsInt()
  @Min(SLA_HOURS_MIN)
  @Max(SLA_HOURS_MAX)
  servicesHours: number;
}

export class UpdateSlaSettingsDto implements UpdateSlaSettingsRequest {
  @ApiProperty({ type: () => SlaSettingDto, isArray: true, description: 'one entry per urgency, each urgency once' })
  @IsArray()
  @ArrayMinSize(URGENCIES.length)
  @ArrayMaxSize(URGENCIES.length)
  @ValidateNested({ each: true })
  @Type(() => SlaSettingDto)
  settings: SlaSettingDto[];
}
