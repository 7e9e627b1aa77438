import { Injectable } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';
import { DataSource } from 'typeorm';
import type { NotificationPageView, NotificationReadView, NotificationsReadAllView } from '@ctms/domain';
import { ownNotification } from '../platform/access/access';
import { and, select, selectOne, sql, type Sql } from '../platform/database/sql';
import { NotFound } from '../platform/http/errors';
import { DEFAULT_PAGE, PageQueryDto, decodeTupleCursor, encodeTupleCursor, pageOf } from '../platform/http/pagination';
import type { RequestContext } from '../platform/http/request-context';
import { UUID_RE } from '../platform/http/params';

export class ListNotificationsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'true: only unread ones' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  unread?: boolean;
}


interface Row {
  id: string;
  kind: string;
  object_type: string;
  object_id: string;
  case_number: string | null;
  created_at: Date;
  read_at: Date | null;
  ck: string;
}

const TS_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}$/;

/** The caller's own notifications, newest first; never anyone else's (a foreign id is a 404). */
@Injectable()
export class NotificationsService {
  constructor(private readonly ds: DataSource) {}

  async list(ctx: RequestContext, q: ListNotificationsQueryDto): Promise<NotificationPageView> {
    const actor = ctx.actor;
    if (!actor) throw new NotFound();
    const limit = q.limit ?? DEFAULT_PAGE;
    const where: Sql[] = [ownNotification(actor, 'n')];
    if (q.unread) where.push(sql`n.read_at IS NULL`);
    if (q.cursor) {
      const [ts, id] = decodeTupleCursor(q.cursor, [TS_RE, UUID_RE]);
      where.push(sql`(n.created_at, n.id) < ((${ts}::timestamp) AT TIME ZONE 'UTC', ${id}::uuid)`);
    }
    const rows = await select<Row>(
      this.ds,
      sql`SELECT n.id, n.kind, n.object_type, n.object_id, n.case_number, n.created_at, n.read_at,
                 to_char(n.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') AS ck
            FROM notification n WHERE ${and(where)} ORDER BY n.created_at DESC, n.id DESC LIMIT ${limit + 1}`,
    );
    const page = pageOf(rows, limit, (r) => encodeTupleCursor([r.ck, r.id]));
    const counted = await select<{ n: number }>(this.ds, sql`SELECT count(*)::int AS n FROM notification n WHERE ${ownNotification(actor, 'n')} AND n.read_at IS NULL`);
    return {
      items: page.items.map((r) => ({
        id: r.id,
        kind: r.kind,
        objectType: r.object_type,
        objectId: r.object_id,
        caseNumber: r.case_number,
        createdAt: r.created_at.toISOString(),
        readAt: r.read_at ? r.read_at.toISOString() : null,
      })),
      nextCursor: page.nextCursor,
      unreadCount: counted[0]?.n ?? 0,
    };
  }

  /** Marks one of the caller's notifications read (again: no change). */
  async markRead(ctx: RequestContext, id: string): Promise<NotificationReadView> {
    const actor = ctx.actor;
    if (!actor) throw new NotFound();
    const r = await selectOne<{ read_at: Date }>(
      this.ds,
      sql`UPDATE notification n SET read_at = coalesce(n.read_at, now()) WHERE n.id = ${id}::uuid AND ${ownNotification(actor, 'n')} RETURNING n.read_at`,
    );
    if (!r) throw new NotFound();
    return { id, readAt: r.read_at.toISOString() };
  }

  /**
   * Marks every unread notification of the caller read, and nobody else's (the same ownership
   * predicate as the single mark); answers how many changed. Calling it again changes nothing.
   */
  async markAllRead(ctx: RequestContext): Promise<NotificationsReadAllView> {
    const actor = ctx.actor;
    if (!actor) throw new NotFound();
    const rows = await select<{ n: number }>(
      this.ds,
      sql`WITH done AS (UPDATE notification n SET read_at = now() WHERE ${ownNotification(actor, 'n')} AND n.read_at IS NULL RETURNING 1)
          SELECT count(*)::int AS n FROM done`,
    );
    return { marked: rows[0]?.n ?? 0, unreadCount: 0 };
  }
}
