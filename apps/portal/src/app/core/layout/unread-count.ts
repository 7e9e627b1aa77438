import { HttpClient, HttpParams } from '@angular/common/http';
import { DestroyRef, Injectable, inject, signal } from '@angular/core';
import { toObservable } from '@angular/core/rxjs-interop';
import { NavigationEnd, Router } from '@angular/router';
import type { NotificationPageView } from '@ctms/domain';
import {
  EMPTY,
  type Subscription,
  debounceTime,
  filter,
  firstValueFrom,
  from,
  startWith,
  switchMap,
  timer,
} from 'rxjs';
import { API, AuthService } from '../auth/auth.service';

/** Not faster than once a minute. */
export const UNREAD_POLL_MS = 60_000;
/** Navigations in quick succession (a redirect, a query-parameter update) fetch once. */
export const NAVIGATION_SETTLE_MS = 200;

/**
 * The signed-in user's unread notifications count (GET /notifications?unread=true&limit=1 answers
 * `unreadCount`). Refreshed on every navigation and once a minute while a session is open; stops
 * at sign-out. The timed poll never refreshes an expired access token by itself, so that an
 * unattended tab still reaches the session's idle timeout: only the user's own navigation does.
 */
@Injectable({ providedIn: 'root' })
export class UnreadCount {
  private readonly http = inject(HttpClient);
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  private readonly value = signal<number | null>(null);
  private watching: Subscription | null = null;
  private readonly signedIn = toObservable(this.auth.isAuthenticated);

  readonly count = this.value.asReadonly();

  /** Starts polling for as long as `destroyRef` lives (the shell); a second call is ignored. */
  watch(destroyRef: DestroyRef): void {
    if (this.watching) return;
    const navigations = this.router.events.pipe(filter((e) => e instanceof NavigationEnd));
    this.watching = this.signedIn
      .pipe(
        switchMap((signedIn) => {
          if (!signedIn) {
            this.value.set(null);
            return EMPTY;
          }
          // each navigation fetches at once and restarts the one-minute timer (the first navigation,
          // which builds the shell, and the start coincide: one fetch for both)
          return navigations.pipe(
            startWith(null),
            debounceTime(NAVIGATION_SETTLE_MS),
            switchMap(() => timer(0, UNREAD_POLL_MS).pipe(switchMap((tick) => from(this.fetch(tick > 0))))),
          );
        }),
      )
      .subscribe();
    destroyRef.onDestroy(() => {
      this.watching?.unsubscribe();
      this.watching = null;
      this.value.set(null);
    });
  }

  /** Fetches the count now (e.g. after marking one read). */
  refresh(): Promise<void> {
    return this.fetch(false);
  }

  /** Sets the count from an answer that carries it (the notifications page's own list call). */
  set(n: number): void {
    this.value.set(n);
  }

  private async fetch(timed: boolean): Promise<void> {
    if (!this.auth.isAuthenticated() || !this.auth.can('notification:read')) return;
    if (timed && this.auth.accessTokenStale()) return;
    try {
      const params = new HttpParams().set('unread', 'true').set('limit', 1);
      const page = await firstValueFrom(
        this.http.get<Pick<NotificationPageView, 'unreadCount'>>(`${API}/notifications`, { params }),
      );
      if (this.auth.isAuthenticated()) this.value.set(page.unreadCount);
    } catch {
      /* keep the last count: a failed poll is not worth a message */
    }
  }
}
