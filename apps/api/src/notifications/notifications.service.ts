import { Injectable } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';
import { DataSource } from 'typeorm';
import { NotFound } from '../platform/http/errors';
import { DEFAULT_PAGE, PageQueryDto, decodeTupleCursor, encodeTupleCursor, pageOf } from '../platform/http/pagination';
import type { RequestContext } from '../platform/http/request-context';

export class ListNotificationsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'true: only unread ones' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  unread?: boolean;
}

export interface NotificationView {
  id: string;
  kind: string;
  objectType: string;
  objectId: string;
  caseNumber: string | null;
  createdAt: string;
  readAt: string | null;
}

export interface NotificationPage {
  items: NotificationView[];
  nextCursor: string | null;
  unreadCount: number;
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
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The caller's own notifications, newest first; never anyone else's (a foreign id is a 404). */
@Injectable()
export class NotificationsService {
  constructor(private readonly ds: DataSource) {}

  async list(ctx: RequestContext, q: ListNotificationsQueryDto): Promise<NotificationPage> {
    const userId = ctx.actor?.userId;
    if (!userId) throw new NotFound();
    const limit = q.limit ?? DEFAULT_PAGE;
    const params: unknown[] = [userId, limit + 1];
    let where = `n.recipient_user_id = $1`;
    if (q.unread) where += ` AND n.read_at IS NULL`;
    if (q.cursor) {
      const [ts, id] = decodeTupleCursor(q.cursor, [TS_RE, UUID_RE]);
      params.push(ts, id);
      where += ` AND (n.created_at, n.id) < (($3::timestamp) AT TIME ZONE 'UTC', $4::uuid)`;
    }
    const rows: Row[] = await this.ds.query(
      `SELECT n.id, n.kind, n.object_type, n.object_id, n.case_number, n.created_at, n.read_at,
              to_char(n.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') AS ck
         FROM notification n WHERE ${where} ORDER BY n.created_at DESC, n.id DESC LIMIT $2`,
      params,
    );
    const page = pageOf(rows, limit, (r) => encodeTupleCursor([r.ck, r.id]));
    const counted: { n: number }[] = await this.ds.query(`SELECT count(*)::int AS n FROM notification WHERE recipient_user_id = $1 AND read_at IS NULL`, [userId]);
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
  async markRead(ctx: RequestContext, id: string): Promise<{ id: string; readAt: string }> {
    const userId = ctx.actor?.userId;
    if (!userId) throw new NotFound();
    // TypeORM answers UPDATE … RETURNING with [rows, count]
    const [rows] = (await this.ds.query(`UPDATE notification SET read_at = coalesce(read_at, now()) WHERE id = $1 AND recipient_user_id = $2 RETURNING read_at`, [id, userId])) as [{ read_at: Date }[], number];
    const r = rows[0];
    if (!r) throw new NotFound();
    return { id, readAt: r.read_at.toISOString() };
  }
}
