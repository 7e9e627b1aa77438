/* Merge bridge (decision 0020): the contract lives in @ctms/domain; this module re-exports it so that
 * code importing the old path keeps compiling, and keeps the API-side split of identity and contact. */
import type { PersonContact, PersonIdentity, PersonIdentityInput } from '@ctms/domain';

export {
  DOB_PRECISIONS,
  type DobPrecision,
  type Guardian,
  type IdentityDocument,
  type PersonContact,
  type PersonIdentity,
  type PersonIdentityInput,
} from '@ctms/domain';

/** What goes to `contact_enc` (CONTACT_LOCATION) and what to `identity_enc` (everything else). */
export function splitIdentity(input: PersonIdentityInput): { identity: PersonIdentity; contact: PersonContact | null } {
  const { phone, safeContactMethod, ...identity } = input;
  const contact: PersonContact = {};
  if (phone !== undefined && phone !== null && phone !== '') contact.phone = phone;
  if (safeContactMethod !== undefined && safeContactMethod !== null && safeContactMethod !== '') contact.safeContactMethod = safeContactMethod;
  return { identity, contact: Object.keys(contact).length > 0 ? contact : null };
}
