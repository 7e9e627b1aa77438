import { HttpBackend, HttpClient, HttpErrorResponse } from '@angular/common/http';
import { Injectable, computed, inject, signal } from '@angular/core';
import { Router } from '@angular/router';
import {
  heldToProfile,
  permittedInHold,
  type Language,
  type LoginResponse,
  type MeView,
  type MfaChallenge,
  type MfaLoginRequest,
  type MfaSetup,
  type Permission,
  type TokenPair,
} from '@ctms/domain';
import { firstValueFrom } from 'rxjs';
import { TokenStore } from './token-store';
import { API, I18n } from '@ctms/ui';

export { API };

/** The auth calls skip the interceptors, so they name the service-worker bypass themselves (sw-bypass.interceptor.ts). */
const PAST_SW = { 'ngsw-bypass': 'true' } as const;

/** Thrown when there is no session left to refresh. */
export class SessionEndedError extends Error {
  constructor() {
    super('session ended');
    this.name = 'SessionEndedError';
  }
}

/** What a right password leads to: a session, or (the user has MFA) a second step with a code. */
export type LoginOutcome = { kind: 'session'; user: MeView } | { kind: 'mfa'; mfaToken: string };

/** The answer of POST /auth/login is a challenge (`{mfaRequired: true, mfaToken}`) rather than a session. */
export function isMfaChallenge(res: unknown): res is MfaChallenge {
  if (typeof res !== 'object' || res === null) return false;
  const r = res as Partial<MfaChallenge>;
  return r.mfaRequired === true && typeof r.mfaToken === 'string' && r.mfaToken.length > 0;
}

/**
 * Until a temporary password is replaced or a required MFA is set up, the API answers only the
 * profile routes (PermissionGuard, by the same rule from @ctms/domain).
 */
export function profileOnly(me: MeView | null): boolean {
  return me !== null && heldToProfile(me);
}

/** What the user may do now: only the profile permissions while `profileOnly`. */
export function effectivePermissions(me: MeView | null): ReadonlySet<Permission> {
  return new Set(me ? me.permissions.filter((p) => permittedInHold(me, p)) : []);
}

/**
 * The signed-in user and the session's tokens.
 *
 * Refresh tokens rotate and a reused one revokes the whole family server-side, so a refresh token
 * must never be sent twice: every caller shares the one refresh call in flight (`refresh()`).
 */
@Injectable({ providedIn: 'root' })
export class AuthService {
  /** Bypasses the interceptors: the auth endpoints manage their own headers. */
  private readonly raw = new HttpClient(inject(HttpBackend));
  /** Goes through the interceptors (bearer, silent refresh). */
  private readonly http = inject(HttpClient);
  private readonly tokens = inject(TokenStore);
  private readonly i18n = inject(I18n);
  private readonly router = inject(Router);

  private readonly me = signal<MeView | null>(null);
  private inflight: Promise<string> | null = null;

  readonly user = this.me.asReadonly();
  readonly isAuthenticated = computed(() => this.me() !== null);
  /**
   * What the user may do now. Until a temporary password is replaced or a required MFA is set up,
   * the API answers only the profile routes (PermissionGuard), so the portal offers only those too.
   */
  readonly permissions = computed(() => effectivePermissions(this.me()));
  /** Every page but the profile is closed for now (temporary password, or MFA to set up). */
  readonly profileOnly = computed(() => profileOnly(this.me()));

  can(permission: Permission): boolean {
    return this.permissions().has(permission);
  }

  accessToken(): string | null {
    return this.tokens.accessToken();
  }

  accessTokenStale(): boolean {
    return this.tokens.accessTokenStale();
  }

  hasSession(): boolean {
    return this.tokens.hasSession();
  }

  /**
   * Checks the password. Either the session starts, or (the user has MFA) the answer is a challenge
   * whose `mfaToken` the caller keeps in memory, never in a URL or storage, for `verifyMfa`.
   */
  async login(username: string, password: string): Promise<LoginOutcome> {
    const res = await firstValueFrom(
      this.raw.post<LoginResponse | MfaChallenge>(`${API}/auth/login`, { username, password }, { headers: PAST_SW }),
    );
    if (isMfaChallenge(res)) return { kind: 'mfa', mfaToken: res.mfaToken };
    return { kind: 'session', user: this.begin(res) };
  }

  /** The second step: the code of the authenticator app with the challenge's token starts the session. */
  async verifyMfa(mfaToken: string, code: string): Promise<MeView> {
    const body: MfaLoginRequest = { mfaToken, code };
    return this.begin(
      await firstValueFrom(this.raw.post<LoginResponse>(`${API}/auth/mfa`, body, { headers: PAST_SW })),
    );
  }

  private begin(res: LoginResponse | null): MeView {
    if (!res?.accessToken || !res.refreshToken || !res.user) throw new Error('unsupported login response');
    this.tokens.set(res);
    this.startSession(res.user);
    return res.user;
  }

  /**
   * Rotates the refresh token and resolves with the new access token. Concurrent callers get the
   * same promise: one network call, one rotation. A refused refresh ends the session.
   */
  refresh(): Promise<string> {
    if (this.inflight) return this.inflight;
    const refreshToken = this.tokens.refreshToken();
    if (!refreshToken) return Promise.reject(new SessionEndedError());
    this.inflight = firstValueFrom(
      this.raw.post<TokenPair>(`${API}/auth/refresh`, { refreshToken }, { headers: PAST_SW }),
    )
      .then(
        (pair) => {
          this.tokens.set(pair);
          return pair.accessToken;
        },
        (err: unknown) => {
          // 4xx: the token is gone (expired, revoked, reused). A network failure leaves it in place.
          if (err instanceof HttpErrorResponse && err.status >= 400 && err.status < 500) this.endSession(true);
          throw err;
        },
      )
      .finally(() => {
        this.inflight = null;
      });
    return this.inflight;
  }

  /**
   * After a 401 for a request sent with `usedToken`: if another caller has refreshed meanwhile, use
   * its token; otherwise refresh (joining any refresh in flight).
   */
  refreshAfterUnauthorized(usedToken: string | null): Promise<string> {
    if (this.inflight) return this.inflight;
    const current = this.tokens.accessToken();
    if (current && current !== usedToken && !this.tokens.accessTokenStale()) return Promise.resolve(current);
    return this.refresh();
  }

  /** A usable access token, refreshing first when it is missing or about to expire. */
  async freshAccessToken(): Promise<string> {
    if (this.inflight) return this.inflight;
    const token = this.tokens.accessToken();
    if (token && !this.tokens.accessTokenStale()) return token;
    return this.refresh();
  }

  /**
   * On start-up: the session kept in this tab's sessionStorage comes back after a reload.
   *
   * With the profile kept from the last load (decision 0019) nothing waits for the network: the
   * session starts at once, the first route and its data request go out immediately (with the kept
   * access token, or after one refresh shared with every other caller when it is about to expire),
   * and the profile is read again in parallel. With the link down the kept profile is used as it is.
   * Without a kept profile (the first load after an update): refresh, then read the profile, as before.
   */
  async restore(): Promise<void> {
    if (!this.tokens.refreshToken()) return;
    const kept = this.tokens.savedProfile();
    if (kept) {
      this.startSession(kept);
      void this.revalidate();
      return;
    }
    try {
      await this.refresh();
      const me = await firstValueFrom(this.http.get<MeView>(`${API}/me`));
      this.startSession(me);
    } catch {
      this.tokens.clear();
      this.me.set(null);
    }
  }

  /**
   * Reads the profile again after a restore, in parallel with the page's own first request. A
   * refused session ends (refresh() does it); with the link down the kept profile stays.
   */
  private async revalidate(): Promise<void> {
    try {
      const me = await firstValueFrom(this.http.get<MeView>(`${API}/me`));
      // the server's profile wins, its language included (changed in another tab, or a change this
      // tab made just before the reload)
      if (this.me()) this.startSession(me);
    } catch (err) {
      if (err instanceof HttpErrorResponse && (err.status === 401 || err.status === 403) && this.me())
        this.endSession(true);
    }
  }

  async logout(): Promise<void> {
    try {
      const access = await this.freshAccessToken();
      const refreshToken = this.tokens.refreshToken();
      if (refreshToken) {
        await firstValueFrom(
          this.raw.post<void>(
            `${API}/auth/logout`,
            { refreshToken },
            { headers: { ...PAST_SW, Authorization: `Bearer ${access}` } },
          ),
        );
      }
    } catch {
      /* the local session ends whatever the server said */
    } finally {
      this.endSession(false);
      await this.router.navigateByUrl('/login');
    }
  }

  /** Replaces the user's password (the API checks the current one and the policy), then reloads the profile. */
  async changePassword(currentPassword: string, newPassword: string): Promise<void> {
    await firstValueFrom(this.http.post<void>(`${API}/me/password`, { currentPassword, newPassword }));
    await this.reloadMe();
  }

  /** Starts setting MFA up (the API checks the password): the new secret, shown once. */
  startMfaSetup(currentPassword: string): Promise<MfaSetup> {
    return firstValueFrom(this.http.post<MfaSetup>(`${API}/me/mfa/setup`, { currentPassword }));
  }

  /** Turns MFA on with a first code from the app, then reloads the profile (mfaEnabled, no restriction). */
  async enableMfa(code: string): Promise<void> {
    await firstValueFrom(this.http.post<void>(`${API}/me/mfa/enable`, { code }));
    await this.reloadMe();
  }

  /** Reads the profile again (e.g. after a refusal saying the state changed elsewhere). */
  async reloadMe(): Promise<void> {
    this.setMe(await firstValueFrom(this.http.get<MeView>(`${API}/me`)));
  }

  /**
   * Changes the UI language at once. Signed in, the choice is saved on the user's profile; before
   * sign-in it is remembered on this device. Resolves false if the profile could not be updated.
   */
  async setLanguage(language: Language): Promise<boolean> {
    this.i18n.use(language);
    const current = this.me();
    if (!current) return true;
    if (current.language === language) return true;
    // a reload before the server has answered opens in the chosen language too
    this.tokens.saveProfile({ ...current, language });
    try {
      const me = await firstValueFrom(this.http.patch<MeView>(`${API}/me`, { language }));
      this.setMe(me);
      return true;
    } catch {
      return false;
    }
  }

  private startSession(user: MeView): void {
    this.setMe(user);
    this.i18n.use(user.language);
  }

  /** The signed-in user, kept in this tab's sessionStorage for the next reload (decision 0019). */
  private setMe(user: MeView): void {
    this.me.set(user);
    this.tokens.saveProfile(user);
  }

  /** Forgets the session; `redirect` sends the user to the login page with a "session ended" note. */
  endSession(redirect: boolean): void {
    const wasSignedIn = this.me() !== null;
    this.tokens.clear();
    this.me.set(null);
    if (redirect && wasSignedIn) void this.router.navigate(['/login'], { queryParams: { ended: 1 } });
  }
}
