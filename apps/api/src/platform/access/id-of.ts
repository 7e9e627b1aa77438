import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';

/** The kinds of record an id in a request can name. */
export const ID_KINDS = [
  'agency',
  'user',
  'case',
  'screening',
  'person',
  'referral',
  'handoff',
  'attachment',
  'consent',
  'export',
  'notification',
  'match_request',
  'person_merge',
  'plan_goal',
  'visit',
] as const;
export type IdKind = (typeof ID_KINDS)[number];

/** The OpenAPI description of an id field starts with this, so the id-field walk test knows its kind. */
export const ID_OF_PREFIX = 'id of ';

/**
 * An id field of a request DTO: a UUID naming a record of `kind`, which the service resolves
 * through the access layer (AccessService, or the scoped query that loads it) before using it. The
 * kind is written into the OpenAPI description, where the id-field walk test finds every such
 * field and proves that a foreign id is refused exactly as a missing one.
 */
export function IdOf(
  kind: IdKind,
  opts: { optional?: boolean; each?: boolean; description?: string } = {},
): PropertyDecorator {
  const description = `${ID_OF_PREFIX}${kind}${opts.description ? `: ${opts.description}` : ''}`;
  const api = opts.each
    ? (opts.optional ? ApiPropertyOptional : ApiProperty)({
        type: 'string',
        format: 'uuid',
        isArray: true,
        description,
      })
    : (opts.optional ? ApiPropertyOptional : ApiProperty)({ type: 'string', format: 'uuid', description });
  return applyDecorators(api, ...(opts.optional ? [IsOptional()] : []), IsUUID('all', { each: !!opts.each }));
}
