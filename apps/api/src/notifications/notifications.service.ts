import { Injectable } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';
import { DataSource } from 'typeorm';
import { NotificationRepository, notificationKeyset } from './notification.repository';
import type { NotificationPageView, NotificationReadView, NotificationsReadAllView } from '@ctms/domain';
import { NotFound } from '../platform/http/errors';
import { PageQueryDto } from '../platform/http/pagination';
import type { RequestContext } from '../platform/http/request-context';

export class ListNotificationsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'true: only unread ones' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  unread?: boolean;
}

/** The caller's own notifications, newest first; never anyone else's (a foreign id is a 404). */
@Injectable()
export class NotificationsService {
  constructor(
    private readonly ds: DataSource,
    private readonly repo: NotificationRepository,
  ) {}

  async list(ctx: RequestContext, q: ListNotificationsQueryDto): Promise<NotificationPageView> {
    const actor = ctx.actor;
    if (!actor) throw new NotFound();
    const page = notificationKeyset.page(
      await this.repo.list(this.ds, actor, q.unread === true, q.cursor, q.limit),
      q.limit,
    );
    const unreadCount = await this.repo.unreadCount(this.ds, actor);
    return {
      items: page.items.map((r) => ({
        id: r.id,
        kind: r.kind,
        objectType: r.object_type,
        objectId: r.object_id,
        caseNumber: r.case_number,
        ...(r.item_count === null ? {} : { count: r.item_count }),
        createdAt: r.created_at.toISOString(),
        readAt: r.read_at ? r.read_at.toISOString() : null,
      })),
      nextCursor: page.nextCursor,
      unreadCount,
    };
  }

  /** Marks one of the caller's notifications read (again: no change). */
  async markRead(ctx: RequestContext, id: string): Promise<NotificationReadView> {
    const actor = ctx.actor;
    if (!actor) throw new NotFound();
    const readAt = await this.repo.markRead(this.ds, actor, id);
    if (!readAt) throw new NotFound();
    return { id, readAt: readAt.toISOString() };
  }

  /**
   * Marks every unread notification of the caller read, and nobody else's (the same ownership
   * predicate as the single mark); answers how many changed. Calling it again changes nothing.
   */
  async markAllRead(ctx: RequestContext): Promise<NotificationsReadAllView> {
    const actor = ctx.actor;
    if (!actor) throw new NotFound();
    return { marked: await this.repo.markAllRead(this.ds, actor), unreadCount: 0 };
  }
}
