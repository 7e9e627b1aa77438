import { Injectable } from '@angular/core';
import type { MeView, TokenPair } from '@ctms/domain';

/** sessionStorage: survives a reload inside the tab, ends when the tab closes. */
export const REFRESH_TOKEN_KEY = 'ctms.refreshToken';
/** sessionStorage: the access token and when it expires (decision 0019). */
export const ACCESS_TOKEN_KEY = 'ctms.accessToken';
/** sessionStorage: the signed-in user's own profile (GET /me), so a reload opens the page at once and offline (decision 0019). */
export const PROFILE_KEY = 'ctms.me';
/** Refresh this long before the access token expires, so no request goes out with a dying token. */
export const REFRESH_SKEW_MS = 60_000;

function storage(): Storage | null {
  try {
    return typeof sessionStorage === 'undefined' ? null : sessionStorage;
  } catch {
    return null;
  }
}

/**
 * Where the session lives: this tab's sessionStorage (it ends with the tab, and sign-out or the
 * server ending the session clears it). The refresh token is replaced on every rotation. Since
 * decision 0019 the access token (≤ 10 minutes, checked against the live session on every request,
 * so sign-out kills it at once) and the user's own profile sit next to it: a reload then sends the
 * page's first data request at once instead of after a refresh and a profile read, and works with
 * the link down. Never localStorage, never a URL, never Cache Storage.
 */
@Injectable({ providedIn: 'root' })
export class TokenStore {
  private access: string | null = null;
  private expiresAt = 0;

  constructor() {
    try {
      const saved = JSON.parse(storage()?.getItem(ACCESS_TOKEN_KEY) ?? 'null') as {
        token?: unknown;
        expiresAt?: unknown;
      } | null;
      if (saved && typeof saved.token === 'string' && typeof saved.expiresAt === 'number' && this.refreshToken()) {
        this.access = saved.token;
        this.expiresAt = saved.expiresAt;
      }
    } catch {
      /* nothing usable stored */
    }
  }

  accessToken(): string | null {
    return this.access;
  }

  /** true when there is no usable access token or it expires within the skew. */
  accessTokenStale(now = Date.now()): boolean {
    return this.access === null || now >= this.expiresAt - REFRESH_SKEW_MS;
  }

  refreshToken(): string | null {
    try {
      return storage()?.getItem(REFRESH_TOKEN_KEY) ?? null;
    } catch {
      return null;
    }
  }

  hasSession(): boolean {
    return this.access !== null || this.refreshToken() !== null;
  }

  set(pair: TokenPair, now = Date.now()): void {
    this.access = pair.accessToken;
    this.expiresAt = now + pair.expiresIn * 1000;
    try {
      storage()?.setItem(REFRESH_TOKEN_KEY, pair.refreshToken);
      storage()?.setItem(ACCESS_TOKEN_KEY, JSON.stringify({ token: this.access, expiresAt: this.expiresAt }));
    } catch {
      /* without storage the session simply does not survive a reload */
    }
  }

  /** The profile kept for the next reload of this tab, or null. */
  savedProfile(): MeView | null {
    try {
      const me = JSON.parse(storage()?.getItem(PROFILE_KEY) ?? 'null') as MeView | null;
      return me && typeof me === 'object' && typeof me.id === 'string' && Array.isArray(me.permissions) ? me : null;
    } catch {
      return null;
    }
  }

  saveProfile(me: MeView | null): void {
    try {
      if (me) storage()?.setItem(PROFILE_KEY, JSON.stringify(me));
      else storage()?.removeItem(PROFILE_KEY);
    } catch {
      /* the next reload reads the profile from the server */
    }
  }

  clear(): void {
    this.access = null;
    this.expiresAt = 0;
    try {
      for (const k of [REFRESH_TOKEN_KEY, ACCESS_TOKEN_KEY, PROFILE_KEY]) storage()?.removeItem(k);
    } catch {
      /* nothing stored */
    }
  }
}
