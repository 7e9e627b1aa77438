import { Param, ParseUUIDPipe } from '@nestjs/common';
import { NotFound } from './errors';

/**
 * A record id in the path. A malformed id is just another id that is not there: the same 404 (and,
 * like every refusal, one DENIED audit row). The record is then loaded through the access layer.
 */
export const IdParam = (name = 'id') => Param(name, new ParseUUIDPipe({ exceptionFactory: () => new NotFound() }));

/** A canonical (lower-case) UUID: cursors and ids read from places a pipe does not see. */
export const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
