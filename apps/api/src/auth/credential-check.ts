import { Injectable } from '@nestjs/common';
import { HasherBusy } from '../platform/auth/password-hasher';
import type { RequestContext } from '../platform/http/request-context';
import { CredentialThrottle, TooManyAttempts, type Reservation } from './credential-throttle';
import { FailureLog, type FailedCheck } from './failure-log';

/** One check of a password or a code, under the credential throttle. */
export interface CredentialCheck {
  action: FailedCheck['action'];
  /** the normalised username the attempt names */
  username: string;
  user: { id: string; username: string; agency_id: string } | null;
  /** a success makes this client known to the account (a full sign-in only) */
  markKnown: boolean;
}

/**
 * Every check of a password or an MFA code (sign-in, the /me routes, account activation) runs
 * through here: under the account's throttle reservation, with each failure counted and logged.
 */
@Injectable()
export class CredentialChecker {
  constructor(
    private readonly throttle: CredentialThrottle,
    private readonly failures: FailureLog,
  ) {}

  /**
   * Runs `verify` (which answers null when the credential is right, else the failure's reason code)
   * only once the attempt holds its slot (CredentialThrottle.reserve, decision 0011). A refusal is a
   * 429; a failure counts and is logged aggregated per account and minute. Returns the failure
   * reason, or null. The argon2 queue being full is a 429 too, nothing counted against the account.
   */
  async check(
    ctx: RequestContext,
    c: CredentialCheck,
    verify: (priority: boolean) => Promise<string | null>,
  ): Promise<string | null> {
    const res: Reservation = await this.throttle.reserve({
      username: c.username,
      ip: ctx.sourceIp,
      device: ctx.device ?? null,
    });
    const user = c.user ? { id: c.user.id, username: c.user.username, agencyId: c.user.agency_id } : null;
    const log = (reason: string, refused: boolean) =>
      this.failures.record(ctx, { action: c.action, accountKey: res.accountKey, user, reason, refused });
    if (!res.ok) {
      await log(res.reason, true);
      throw new TooManyAttempts(res.retryAfterSeconds);
    }
    let failure: string | null;
    try {
      // a client the owner signed in from, and a signed-in user, take argon2's priority lane
      failure = await verify(res.known || !!ctx.actor);
    } catch (e) {
      await this.throttle.release(res);
      if (e instanceof HasherBusy) {
        await log('BUSY', true);
        throw new TooManyAttempts(1);
      }
      throw e;
    }
    if (failure) {
      await this.throttle.failed(res);
      await log(failure, false);
      return failure;
    }
    await this.throttle.succeeded(res, c.markKnown);
    return null;
  }
}
