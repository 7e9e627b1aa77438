import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { SlaSettingView } from '@ctms/domain';
import { AuditAs } from '../platform/audit/denial-audit';
import { Ctx, RequirePermission } from '../platform/auth/decorators';
import type { RequestContext } from '../platform/http/request-context';
import { UpdateSlaSettingsDto } from './dto/sla-settings.dto';
import { SlaSettingsService } from './sla-settings.service';

/** The SLA hours per urgency: the system administrator (`system:settings`), no case content. */
@ApiTags('admin')
@Controller({ path: 'admin/sla-settings', version: '1' })
export class SlaSettingsController {
  constructor(private readonly settings: SlaSettingsService) {}

  @AuditAs('SLA_SETTINGS_READ', 'sla_setting')
  @RequirePermission('system:settings')
  @Get()
  @ApiOperation({ summary: 'The acknowledgement and services hours per urgency' })
  list(@Ctx() ctx: RequestContext): Promise<SlaSettingView[]> {
    return this.settings.list(ctx);
  }

  @AuditAs('SLA_SETTINGS_UPDATED', 'sla_setting')
  @RequirePermission('system:settings')
  @Put()
  @ApiOperation({
    summary: 'Change the hours of both clocks (every urgency at once); applies to the next clock started',
  })
  @ApiBadRequestResponse({
    description: 'settings (each urgency once), settings.N.acknowledgeHours or servicesHours (whole hours, 1 to 2160)',
  })
  update(@Ctx() ctx: RequestContext, @Body() dto: UpdateSlaSettingsDto): Promise<SlaSettingView[]> {
    return this.settings.update(ctx, dto);
  }
}
