import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../platform/audit/audit.service';
import type { RequestContext } from '../platform/http/request-context';

/** The bucket all attempts naming an account that does not exist share: a typed username (often a mistyped password) is kept nowhere. */
export const UNKNOWN_ACCOUNT = 'unknown';

export interface FailedCheck {
  /** LOGIN_FAILED at sign-in; CREDENTIAL_CHECK_FAILED for a current password or code asked again (/me, activation) */
  action: 'LOGIN_FAILED' | 'CREDENTIAL_CHECK_FAILED';
  /** the account's keyed hash (CredentialThrottle.accountKey), or UNKNOWN_ACCOUNT */
  accountKey: string;
  /** the account, when it exists */
  user: { id: string; username: string; agencyId: string } | null;
  /** WRONG_PASSWORD, WRONG_MFA_CODE, ACCOUNT_NOT_ACTIVE, UNKNOWN_USER, THROTTLED, IN_FLIGHT, BUSY … */
  reason: string;
  /** refused before anything was verified (throttled, in flight, queue full) */
  refused: boolean;
}

/**
 * Failed and refused credential checks, aggregated per account and minute (decision 0011): the
 * counts go to `login_failure` (one row per account key, minute and action, plain counters, no
 * username), and only the first event of each minute writes an audit row. A flood of anonymous
 * guesses therefore leaves one append-only row per account and minute (and all unknown usernames
 * share one account), not one per guess.
 */
@Injectable()
export class FailureLog {
  constructor(
    private readonly ds: DataSource,
    private readonly audit: AuditService,
  ) {}

  async record(ctx: RequestContext, f: FailedCheck): Promise<void> {
    const key = f.user ? f.accountKey : UNKNOWN_ACCOUNT;
    await this.ds.transaction(async (m) => {
      const rows: { first: boolean; minute: Date }[] = await m.query(
        `INSERT INTO login_failure (account_key, action, minute, user_id, failures, refused, last_reason, first_at, last_at)
         VALUES ($1, $2, date_trunc('minute', now()), $3, $4, $5, $6, now(), now())
         ON CONFLICT (account_key, action, minute) DO UPDATE
           SET failures = login_failure.failures + EXCLUDED.failures, refused = login_failure.refused + EXCLUDED.refused,
               last_reason = EXCLUDED.last_reason, last_at = now()
         RETURNING (xmax = 0) AS first, minute`,
        [key, f.action, f.user?.id ?? null, f.refused ? 0 : 1, f.refused ? 1 : 0, f.reason],
      );
      const row = rows[0];
      if (!row?.first) return;
      await this.audit.record(
        ctx,
        {
          action: f.action,
          outcome: f.refused ? 'DENIED' : 'FAILED',
          reason: f.reason,
          actorUserId: f.user?.id ?? null,
          actorUsername: f.user?.username ?? null,
          actorAgencyId: f.user?.agencyId ?? null,
          details: { aggregated: 'per account and minute', minute: row.minute.toISOString() },
        },
        m,
      );
    });
  }
}
