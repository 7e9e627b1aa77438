import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuditAs } from '../platform/audit/denial-audit';
import { IdParam } from '../platform/http/params';
import { Ctx, RequirePermission } from '../platform/auth/decorators';
import { NoBodyPipe } from '../platform/http/pagination';
import type { RequestContext } from '../platform/http/request-context';
import type { NotificationPageView, NotificationsReadAllView } from '@ctms/domain';
import { ListNotificationsQueryDto, NotificationsService } from './notifications.service';

/** In-app notifications: kinds, object ids and case numbers only; the portal polls for the unread count. */
@ApiTags('notifications')
@Controller({ path: 'notifications', version: '1' })
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @RequirePermission('notification:read')
  @Get()
  @ApiOperation({ summary: "The caller's notifications, newest first, with the unread count" })
  list(@Ctx() ctx: RequestContext, @Query() q: ListNotificationsQueryDto): Promise<NotificationPageView> {
    return this.notifications.list(ctx, q);
  }

  @RequirePermission('notification:read')
  @Post('read-all')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Mark every unread notification of the caller read (only the caller’s own); answers how many changed',
  })
  markAllRead(@Ctx() ctx: RequestContext, @Body(NoBodyPipe) _body: unknown): Promise<NotificationsReadAllView> {
    return this.notifications.markAllRead(ctx);
  }

  @AuditAs('REQUEST_DENIED', 'notification')
  @RequirePermission('notification:read')
  @Post(':id/read')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark one of the caller’s notifications read' })
  @ApiNotFoundResponse({ description: 'no such notification for this user' })
  markRead(
    @Ctx() ctx: RequestContext,
    @IdParam() id: string,
    @Body(NoBodyPipe) _body: unknown,
  ): Promise<{ id: string; readAt: string }> {
    return this.notifications.markRead(ctx, id);
  }
}
