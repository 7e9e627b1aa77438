/* Merge bridge (decision 0020): the contract lives in @ctms/domain; this module only re-exports it
 * so that code importing the old path keeps compiling until every import names @ctms/domain. */
export { DOB_PRECISIONS, type DobPrecision, type Guardian, type IdentityDocument, type PersonIdentityInput } from '@ctms/domain';
