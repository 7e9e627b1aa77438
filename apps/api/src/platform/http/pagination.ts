import type { PipeTransform } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { ValidationFailed } from './errors';

/** Trims strings; leaves anything else alone so that the type validators can refuse it. */
export const Trim = () => Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));

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
  if (!valid.test(key)) throw new ValidationFailed([{ field: 'cursor', problems: ['cursor is not a cursor this API issued'] }]);
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
  if (!Array.isArray(parts) || parts.length !== valid.length || !parts.every((p, i) => typeof p === 'string' && valid[i]?.test(p))) {
    throw new ValidationFailed([{ field: 'cursor', problems: ['cursor is not a cursor this API issued'] }]);
  }
  return parts as string[];
}

/** Takes limit+1 rows, returns the page and the cursor of its last row when there is more. */
export function pageOf<T>(rows: T[], limit: number, cursorOf: (row: T) => string): { items: T[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last ? cursorOf(last) : null };
}

/** For actions that take no body: any property sent is refused with a 400 naming it, never ignored. */
export class NoBodyPipe implements PipeTransform {
  transform(value: unknown): Record<string, never> {
    const keys = value && typeof value === 'object' ? Object.keys(value) : [];
    if (keys.length) throw new ValidationFailed(keys.map((field) => ({ field, problems: [`property ${field} should not exist`] })));
    return {};
  }
}
