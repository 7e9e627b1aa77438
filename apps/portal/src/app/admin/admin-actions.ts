import { actionState, type ActionState } from '@ctms/ui';
import { ADMIN_ERROR_LABELS } from '../core/i18n/dict-admin';

/**
 * The save state of an administration page: the administration's refusal codes in words (a username
 * or agency code taken, a change to one's own account); after a stale version, `reload` closes the
 * form and shows the list again.
 */
export function adminActions(reload: () => Promise<void>): ActionState {
  return actionState({ codeLabels: ADMIN_ERROR_LABELS, onStale: reload });
}
