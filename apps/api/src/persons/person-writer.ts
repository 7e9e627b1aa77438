import type { PersonIdentityInput } from '@ctms/domain';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../platform/audit/audit.service';
import type { RequestContext } from '../platform/http/request-context';
import { PersonRepository } from './person.repository';

/**
 * Creates a person inside the caller's transaction (the repository encrypts the identity and
 * derives the matching keys) and returns the new id. Used by screening approval. Writes one
 * PERSON_CREATED audit row in the same transaction.
 */
@Injectable()
export class PersonWriter {
  constructor(
    private readonly persons: PersonRepository,
    private readonly audit: AuditService,
  ) {}

  async create(m: EntityManager, ctx: RequestContext, input: PersonIdentityInput): Promise<string> {
    const actor = ctx.actor;
    if (!actor) throw new Error('PersonWriter.create needs an authenticated actor');
    const id = await this.persons.insert(m, actor, input);
    await this.audit.record(
      ctx,
      { action: 'PERSON_CREATED', outcome: 'ALLOWED', objectType: 'person', objectId: id },
      m,
    );
    return id;
  }
}
