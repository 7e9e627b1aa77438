import { Injectable } from '@angular/core';
import type { TokenPair } from '@ctms/domain';

/** sessionStorage: survives a reload inside the tab, ends when the tab closes. */
export const REFRESH_TOKEN_KEY = 'ctms.refreshToken';
/** Refresh this long before the access token expires, so no request goes out with a dying token. */
export const REFRESH_SKEW_MS = 60_000;

/**
 * Where the tokens live. The access token stays in memory only (never in storage, never in a URL);
 * the refresh token is in sessionStorage and is replaced on every rotation.
 */
@Injectable({ providedIn: 'root' })
export class TokenStore {
  private access: string | null = null;
  private expiresAt = 0;

  accessToken(): string | null {
    return this.access;
  }

  /** true when there is no usable access token or it expires within the skew. */
  accessTokenStale(now = Date.now()): boolean {
    return this.access === null || now >= this.expiresAt - REFRESH_SKEW_MS;
  }

  refreshToken(): string | null {
    try {
      return sessionStorage.getItem(REFRESH_TOKEN_KEY);
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
      sessionStorage.setItem(REFRESH_TOKEN_KEY, pair.refreshToken);
    } catch {
      /* without storage the session simply does not survive a reload */
    }
  }

  clear(): void {
    this.access = null;
    this.expiresAt = 0;
    try {
      sessionStorage.removeItem(REFRESH_TOKEN_KEY);
    } catch {
      /* nothing stored */
    }
  }
}
