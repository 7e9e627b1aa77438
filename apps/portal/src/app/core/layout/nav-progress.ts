import { type HttpEvent, type HttpHandlerFn, type HttpInterceptorFn, type HttpRequest } from '@angular/common/http';
import { Injectable, computed, inject, signal } from '@angular/core';
import { NavigationCancel, NavigationEnd, NavigationError, NavigationStart, Router } from '@angular/router';
import { type Observable, defer, finalize } from 'rxjs';

/**
 * Navigation progress (issue 17 item 7): a thin bar at the top of the page from the moment a
 * navigation starts until its lazy route has loaded AND the API calls the new page started have
 * answered (its first data). Calls started while nothing is navigating (a background poll, an
 * autosave) never show it.
 */
@Injectable({ providedIn: 'root' })
export class NavProgress {
  private readonly navigating = signal(false);
  /** after NavigationEnd, until the page's first calls have answered */
  private readonly settling = signal(false);
  private readonly pending = signal(0);

  readonly active = computed(() => this.navigating() || (this.settling() && this.pending() > 0));

  constructor() {
    inject(Router).events.subscribe((e) => {
      if (e instanceof NavigationStart) {
        this.navigating.set(true);
        this.settling.set(true);
      } else if (e instanceof NavigationEnd || e instanceof NavigationCancel || e instanceof NavigationError) {
        this.navigating.set(false);
        // the new page's constructor has run: what it asked for is pending now (or nothing was)
        if (this.pending() === 0) this.settling.set(false);
      }
    });
  }

  /** Counts an API call that starts during a navigation or its settling; answers whether it counted. */
  track(): (() => void) | null {
    if (!this.navigating() && !this.settling()) return null;
    this.pending.update((n) => n + 1);
    let done = false;
    return () => {
      if (done) return;
      done = true;
      this.pending.update((n) => Math.max(0, n - 1));
      if (this.pending() === 0 && !this.navigating()) this.settling.set(false);
    };
  }
}

/** Lets NavProgress see the API calls a page makes while it opens (first in the chain: counted from subscription). */
export const navProgressInterceptor: HttpInterceptorFn = (
  req: HttpRequest<unknown>,
  next: HttpHandlerFn,
): Observable<HttpEvent<unknown>> => {
  if (!req.url.startsWith('/api/')) return next(req);
  const progress = inject(NavProgress);
  return defer(() => {
    const done = progress.track();
    return done ? next(req).pipe(finalize(done)) : next(req);
  });
};
