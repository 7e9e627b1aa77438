import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { RequestContext } from '../platform/http/request-context';
import type { PersonIdentityInput } from './person.types';

/**
 * Creates a person inside the caller's transaction: encrypts the identity, derives the matching keys
 * (keyed trigram hashes, blind indexes) and returns the new id. Used by screening approval.
 * (Implemented by the persons feature.)
 */
@Injectable()
export class PersonWriter {
  async create(_m: EntityManager, _ctx: RequestContext, _identity: PersonIdentityInput): Promise<string> {
    throw new Error('PersonWriter.create is not implemented yet');
  }
}
