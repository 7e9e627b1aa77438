import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../platform/audit/audit.service';
import { FieldCipher } from '../platform/crypto/field-cipher';
import type { RequestContext } from '../platform/http/request-context';
import { searchColumns } from './name-index';
import type { PersonIdentityInput } from './person.types';

/** What goes to `contact_enc` (CONTACT_LOCATION); everything else of the identity goes to `identity_enc`. */
export interface PersonContact {
  phone?: string;
  safeContactMethod?: string;
}

export type PersonIdentity = Omit<PersonIdentityInput, 'phone' | 'safeContactMethod'>;

export function splitIdentity(input: PersonIdentityInput): { identity: PersonIdentity; contact: PersonContact | null } {
  const { phone, safeContactMethod, ...identity } = input;
  const contact: PersonContact = {};
  if (phone !== undefined && phone !== null && phone !== '') contact.phone = phone;
  if (safeContactMethod !== undefined && safeContactMethod !== null && safeContactMethod !== '') contact.safeContactMethod = safeContactMethod;
  return { identity, contact: Object.keys(contact).length > 0 ? contact : null };
}

/**
 * Creates a person inside the caller's transaction: encrypts the identity, derives the matching keys
 * (keyed trigram hashes, blind indexes) and returns the new id. Used by screening approval.
 * Writes one PERSON_CREATED audit row in the same transaction.
 */
@Injectable()
export class PersonWriter {
  constructor(
    private readonly cipher: FieldCipher,
    private readonly audit: AuditService,
  ) {}

  async create(m: EntityManager, ctx: RequestContext, input: PersonIdentityInput): Promise<string> {
    const actor = ctx.actor;
    if (!actor) throw new Error('PersonWriter.create needs an authenticated actor');
    const id = randomUUID();
    const { identity, contact } = splitIdentity(input);
    const identityEnc = this.cipher.encryptJson(identity, { table: 'person', column: 'identity_enc', rowId: id });
    const contactEnc = this.cipher.encryptJson(contact, { table: 'person', column: 'contact_enc', rowId: id });
    const cols = searchColumns(this.cipher, input);
    await m.query(
      `INSERT INTO person (id, identity_enc, contact_enc, sex, citizenship, presumed_minor, name_grams, name_bidx,
         document_bidx, phone_bidx, created_by_agency_id)
       VALUES ($1, $2, $3, $4, $5::text[], $6, $7::int[], $8::text[], $9::text[], $10::text[], $11)`,
      [
        id,
        identityEnc,
        contactEnc,
        input.sex ?? null,
        [...new Set(input.citizenship ?? [])],
        input.presumedMinor === true,
        cols.nameGrams,
        cols.nameBidx,
        cols.documentBidx,
        cols.phoneBidx,
        actor.agencyId,
      ],
    );
    await this.audit.record(ctx, { action: 'PERSON_CREATED', outcome: 'ALLOWED', objectType: 'person', objectId: id }, m);
    return id;
  }
}
