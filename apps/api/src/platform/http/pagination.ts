import type { PipeTransform } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { raw, sql, EMPTY, type Sql } from '../database/sql';
import { ValidationFailed } from './errors';
import { UUID_RE } from './params';

/** Trims strings; leaves anything else alone so that the type validators can refuse it. */
export const Trim = () =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));

export const MAX_PAGE = 100;
export const DEFAULT_PAGE = 50;

/** Keyset pagination (docs/api.md "Lists and pagination"): `?limit=&cursor=` → `{items, nextCursor}`; the cursor is opaque. */
export class PageQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE, default: DEFAULT_PAGE })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE)
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(400)
  @Matches(/^[A-Za-z0-9_-]+$/, { message: 'cursor is not a cursor this API issued' })
  cursor?: string;
}

/** Opaque keyset cursors: base64url of the last sort key of the page. */
export function encodeCursor(key: string): string {
  return Buffer.from(key, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string, valid: RegExp): string {
  const key = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!valid.test(key))
    throw new ValidationFailed([{ field: 'cursor', problems: ['cursor is not a cursor this API issued'] }]);
  return key;
}

/** A cursor over a compound sort key such as (updated_at, id): base64url of a JSON array of strings. */
export function encodeTupleCursor(parts: string[]): string {
  return encodeCursor(JSON.stringify(parts));
}

export function decodeTupleCursor(cursor: string, valid: RegExp[]): string[] {
  let parts: unknown;
  try {
    parts = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parts = null;
  }
  if (
    !Array.isArray(parts) ||
    parts.length !== valid.length ||
    !parts.every((p, i) => typeof p === 'string' && valid[i]?.test(p))
  ) {
    throw new ValidationFailed([{ field: 'cursor', problems: ['cursor is not a cursor this API issued'] }]);
  }
  return parts as string[];
}

/** Takes limit+1 rows, returns the page and the cursor of its last row when there is more. */
export function pageOf<T>(
  rows: T[],
  limit: number,
  cursorOf: (row: T) => string,
): { items: T[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last ? cursorOf(last) : null };
}

/** A timestamp as a keyset cursor carries it: UTC with microseconds, so no two rows of a page collide. */
export const KEYSET_AT_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const IDENT = /^[a-z_][a-z0-9_]*\.[a-z_][a-z0-9_]*$/;

/** What a keyset row carries besides its columns: the sort key as text (`Keyset.key`). */
export interface KeysetRow {
  id: string;
  keyset_at: string;
}

/**
 * The one keyset pagination of the lists (docs/api.md "Lists and pagination"): newest first over (a timestamp column, the
 * id), the cursor an opaque base64url of the last row's key. Columns come from constants in the code.
 *
 *   const k = keyset('r.updated_at', 'r.id');
 *   sql`SELECT r.…, ${k.key} FROM referral r WHERE ${and([…, k.after(q.cursor)])} ORDER BY ${k.order} LIMIT ${k.limit(q.limit)}`
 *   const page = k.page(rows, q.limit);
 */
export class Keyset {
  /** `to_char(at) AS keyset_at`, for the SELECT list */
  readonly key: Sql;
  /** `at DESC, id DESC`, for the ORDER BY */
  readonly order: Sql;

  constructor(
    private readonly at: string,
    private readonly id: string,
    private readonly direction: 'newest' | 'oldest' = 'newest',
  ) {
    if (!IDENT.test(at) || !IDENT.test(id)) throw new Error(`keyset columns ${at}, ${id} are not alias.column`);
    this.key = raw(`to_char(${at} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS keyset_at`);
    this.order = raw(direction === 'newest' ? `${at} DESC, ${id} DESC` : `${at}, ${id}`);
  }

  /** The rows after the cursor (a 400 naming `cursor` when it is not one this API issued); nothing without one. */
  after(cursor: string | undefined): Sql {
    if (!cursor) return EMPTY;
    const [at, id] = decodeTupleCursor(cursor, [KEYSET_AT_RE, UUID_RE]);
    return sql`(${raw(this.at)}, ${raw(this.id)}) ${raw(this.direction === 'newest' ? '<' : '>')} (${at}::timestamptz, ${id}::uuid)`;
  }

  /** How many rows to read for a page: one more than it shows, to know whether there is a next one. */
  limit(limit: number | undefined): number {
    return (limit ?? DEFAULT_PAGE) + 1;
  }

  /** The page and the cursor of its last row when there is more. */
  page<T extends KeysetRow>(rows: T[], limit: number | undefined): { items: T[]; nextCursor: string | null } {
    return pageOf(rows, limit ?? DEFAULT_PAGE, (r) => encodeTupleCursor([r.keyset_at, r.id]));
  }
}

/** A keyset over (at, id): `newest` first (the default) or `oldest` first. */
export function keyset(at: string, id: string, direction: 'newest' | 'oldest' = 'newest'): Keyset {
  return new Keyset(at, id, direction);
}

const SEQ_RE = /^[0-9]{1,19}$/;

/** Keyset pagination over an increasing bigint (an event id, an audit seq), oldest first. */
export class SeqKeyset {
  constructor(private readonly column: string) {
    if (!IDENT.test(column)) throw new Error(`keyset column ${column} is not alias.column`);
  }

  /** `column > cursor` (a 400 naming `cursor` when it is not one this API issued); nothing without one. */
  after(cursor: string | undefined): Sql {
    if (!cursor) return EMPTY;
    return sql`${raw(this.column)} > ${decodeCursor(cursor, SEQ_RE)}::bigint`;
  }

  limit(limit: number | undefined): number {
    return (limit ?? DEFAULT_PAGE) + 1;
  }

  /** The page and the cursor of its last row (its sequence number as text) when there is more. */
  page<T>(rows: T[], limit: number | undefined, seqOf: (row: T) => string): { items: T[]; nextCursor: string | null } {
    return pageOf(rows, limit ?? DEFAULT_PAGE, (r) => encodeCursor(seqOf(r)));
  }
}

export function seqKeyset(column: string): SeqKeyset {
  return new SeqKeyset(column);
}

/** For actions that take no body: any property sent is refused with a 400 naming it, never ignored. */
export class NoBodyPipe implements PipeTransform {
  transform(value: unknown): Record<string, never> {
    const keys = value && typeof value === 'object' ? Object.keys(value) : [];
    if (keys.length)
      throw new ValidationFailed(keys.map((field) => ({ field, problems: [`property ${field} should not exist`] })));
    return {};
  }
}
