import {
  HttpErrorResponse,
  type HttpEvent,
  type HttpHandlerFn,
  type HttpInterceptorFn,
  type HttpRequest,
} from '@angular/common/http';
import { inject } from '@angular/core';
import { type Observable, catchError, defer, from, switchMap, throwError } from 'rxjs';
import { AuthService } from '../auth/auth.service';

/** Routes that carry no bearer: they hand out tokens (logout adds its own header). */
const TOKEN_ROUTES = ['/api/v1/auth/login', '/api/v1/auth/refresh', '/api/v1/auth/logout'];

function needsBearer(url: string): boolean {
  if (!url.startsWith('/api/')) return false;
  const path = url.split('?')[0];
  return !TOKEN_ROUTES.includes(path);
}

/**
 * Adds `Authorization: Bearer …` to the API's calls. Shortly before the access token expires it
 * refreshes first (silently, one shared call however many requests are waiting); a 401 gets one
 * refresh and one retry. When the refresh is refused, AuthService ends the session and sends the
 * user to the login page.
 */
export const authInterceptor: HttpInterceptorFn = (
  req: HttpRequest<unknown>,
  next: HttpHandlerFn,
): Observable<HttpEvent<unknown>> => {
  if (!needsBearer(req.url)) return next(req);
  const auth = inject(AuthService);
  if (!auth.hasSession()) return next(req);

  const send = (token: string) => next(req.clone({ setHeaders: { Authorization: `Bearer ${token}` } }));

  return defer(() => auth.freshAccessToken()).pipe(
    switchMap((token) =>
      send(token).pipe(
        catchError((err: unknown) => {
          if (err instanceof HttpErrorResponse && err.status === 401) {
            return from(auth.refreshAfterUnauthorized(token)).pipe(switchMap((fresh) => send(fresh)));
          }
          return throwError(() => err);
        }),
      ),
    ),
  );
};
