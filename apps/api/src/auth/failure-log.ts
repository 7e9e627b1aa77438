import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../platform/audit/audit.service';
import type { RequestContext } from '../platform/http/request-context';
import { LoginFailureRepository } from './login-failure.repository';

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

/** How long refusals are gathered in memory before they are written (one statement per account and action). */
export const REFUSAL_FLUSH_MS = 500;

interface PendingRefusals {
  ctx: RequestContext;
  key: string;
  action: FailedCheck['action'];
  user: FailedCheck['user'];
  count: number;
  reason: string;
}

/**
 * Failed and refused credential checks, aggregated per account and minute (decision 0011): the
 * counts go to `login_failure` (one row per account key, minute and action, plain counters, no
 * username), and only the first event of each minute writes an audit row. A flood of anonymous
 * guesses therefore leaves one append-only row per account and minute (and all unknown usernames
 * share one account), not one per guess.
 *
 * A failure (something was verified) is written before the answer: there are at most as many as
 * argon2 can verify. A refusal (throttled, in flight, queue full: nothing verified) must stay as
 * cheap as the 429 it answers: refusals are counted in memory and written every
 * REFUSAL_FLUSH_MS, one statement per account and action. Writing each one at once made every
 * refused guess of a flood queue on the same row lock (`unknown`, this minute) while holding a
 * database connection, and a real login waited for a connection behind them (bench:login: 37 s).
 * The price: a refusal is in `login_failure` (and the first of a minute in the audit trail) up to
 * REFUSAL_FLUSH_MS later, counted in the minute it is written, and lost if the process dies
 * within that time.
 */
@Injectable()
export class FailureLog implements OnModuleDestroy {
  private readonly logger = new Logger('FailureLog');
  private pending = new Map<string, PendingRefusals>();
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly ds: DataSource,
    private readonly counters: LoginFailureRepository,
    private readonly audit: AuditService,
  ) {}

  async record(ctx: RequestContext, f: FailedCheck): Promise<void> {
    const key = f.user ? f.accountKey : UNKNOWN_ACCOUNT;
    if (!f.refused) return this.write(ctx, key, f.action, f.user, { failures: 1, refused: 0 }, f.reason);
    const id = `${key}|${f.action}`;
    const p = this.pending.get(id);
    if (p) {
      p.count++;
      p.reason = f.reason;
    } else this.pending.set(id, { ctx, key, action: f.action, user: f.user, count: 1, reason: f.reason });
    if (!this.timer) {
      this.timer = setTimeout(() => void this.flush(), REFUSAL_FLUSH_MS);
      this.timer.unref();
    }
  }

  /** Writes the refusals gathered so far (flushes run one after another). */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const batch = [...this.pending.values()];
    this.pending = new Map();
    this.flushing = this.flushing.then(async () => {
      for (const p of batch) {
        try {
          await this.write(p.ctx, p.key, p.action, p.user, { failures: 0, refused: p.count }, p.reason);
        } catch (e) {
          this.logger.error(
            `refused credential checks not recorded (${p.count}): ${e instanceof Error ? e.message : String(e)}`,
          );
        }
      }
    });
    return this.flushing;
  }

  async onModuleDestroy(): Promise<void> {
    await this.flush();
  }

  private async write(
    ctx: RequestContext,
    key: string,
    action: FailedCheck['action'],
    user: FailedCheck['user'],
    n: { failures: number; refused: number },
    reason: string,
  ): Promise<void> {
    await this.ds.transaction(async (m) => {
      const row = await this.counters.count(m, key, action, user?.id ?? null, n, reason);
      if (!row?.first) return;
      await this.audit.record(
        ctx,
        {
          action,
          outcome: n.failures === 0 ? 'DENIED' : 'FAILED',
          reason,
          actorUserId: user?.id ?? null,
          actorUsername: user?.username ?? null,
          actorAgencyId: user?.agencyId ?? null,
          details: { aggregated: 'per account and minute', minute: row.minute.toISOString() },
        },
        m,
      );
    });
  }
}
