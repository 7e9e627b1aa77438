import { Injectable } from '@nestjs/common';
import { selectOne, sql, type Runner, type Sql } from '../platform/database/sql';
import { col, table } from '../platform/database/table';
import type { FailedCheck } from './failure-log';

/**
 * Failed and refused credential checks, counted per account, action and minute (decision 0011;
 * primary key account_key, action, minute; IDX_login_failure_minute). The account is a keyed hash
 * of the username (FieldCipher blind index, purpose auth.username), or `unknown` for every name
 * that is no account: no username is stored in plaintext. Plain counters, deletable (unlike the
 * audit trail, which gets one row per account and minute).
 */
export const loginFailureTable = table('login_failure', {
  account_key: col('varchar'),
  action: col('varchar').of<FailedCheck['action']>(),
  minute: col('timestamptz'),
  user_id: col('uuid').nullable(),
  /** checks that were made and failed */
  failures: col('int4'),
  /** attempts refused before any check (throttled, one already in flight, argon2 queue full) */
  refused: col('int4'),
  last_reason: col('varchar'),
  first_at: col('timestamptz'),
  last_at: col('timestamptz'),
});

/** The statements, pure: login-failure.repository.spec.ts snapshots each one. */
export const loginFailureSql = {
  /** Adds to the account's counters of this minute; `first` when the row is new. */
  count: (
    key: string,
    action: FailedCheck['action'],
    userId: string | null,
    n: { failures: number; refused: number },
    reason: string,
  ): Sql =>
    sql`INSERT INTO login_failure (account_key, action, minute, user_id, failures, refused, last_reason, first_at, last_at)
        VALUES (${key}, ${action}, date_trunc('minute', now()), ${userId}::uuid, ${n.failures}::int, ${n.refused}::int, ${reason}, now(), now())
        ON CONFLICT (account_key, action, minute) DO UPDATE
          SET failures = login_failure.failures + EXCLUDED.failures, refused = login_failure.refused + EXCLUDED.refused,
              last_reason = EXCLUDED.last_reason, last_at = now()
        RETURNING (xmax = 0) AS first, minute`,
};

@Injectable()
export class LoginFailureRepository {
  async count(
    m: Runner,
    key: string,
    action: FailedCheck['action'],
    userId: string | null,
    n: { failures: number; refused: number },
    reason: string,
  ): Promise<{ first: boolean; minute: Date } | undefined> {
    return selectOne<{ first: boolean; minute: Date }>(m, loginFailureSql.count(key, action, userId, n, reason));
  }
}
