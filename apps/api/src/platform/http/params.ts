import { Param, ParseUUIDPipe } from '@nestjs/common';
import { NotFound } from './errors';

/**
 * A record id in the path. A malformed id is just another id that is not there: the same 404 (and,
 * like every refusal, one DENIED audit row). The record is then loaded through the access layer.
 */
export const IdParam = (name = 'id') => Param(name, new ParseUUIDPipe({ exceptionFactory: () => new NotFound() }));
