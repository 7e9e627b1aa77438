import { HttpClient, HttpErrorResponse, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import type { LoginResponse, MeView } from '@ctms/domain';
import { firstValueFrom } from 'rxjs';
import { AuthService } from '../auth/auth.service';
import { REFRESH_TOKEN_KEY } from '../auth/token-store';
import { authInterceptor } from './auth.interceptor';
import { meView } from '../../testing/me-view';

@Component({ template: '' })
class Blank {}

const USER: MeView = meView();

/** Let promise continuations and the test backend's synchronous emissions run. */
const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

describe('authInterceptor', () => {
  let http: HttpClient;
  let backend: HttpTestingController;
  let auth: AuthService;

  async function signIn(expiresIn: number): Promise<void> {
    const done = auth.login('atd.caseworker', 'secret');
    const res: LoginResponse = { accessToken: 'access-1', refreshToken: 'refresh-1', expiresIn, user: USER };
    backend.expectOne('/api/v1/auth/login').flush(res);
    await done;
  }

  beforeEach(() => {
    sessionStorage.clear();
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(withInterceptors([authInterceptor])),
        provideHttpClientTesting(),
        provideRouter([
          { path: 'login', component: Blank },
          { path: '', component: Blank },
        ]),
      ],
    });
    http = TestBed.inject(HttpClient);
    backend = TestBed.inject(HttpTestingController);
    auth = TestBed.inject(AuthService);
  });

  afterEach(() => backend.verify());

  it('adds the bearer to API calls only', async () => {
    await signIn(600);
    const api = firstValueFrom(http.get('/api/v1/me'));
    const other = firstValueFrom(http.get('/assets/x.json'));
    await settle();
    const apiReq = backend.expectOne('/api/v1/me');
    expect(apiReq.request.headers.get('Authorization')).toBe('Bearer access-1');
    apiReq.flush({});
    const otherReq = backend.expectOne('/assets/x.json');
    expect(otherReq.request.headers.has('Authorization')).toBe(false);
    otherReq.flush({});
    await Promise.all([api, other]);
  });

  it('refreshes once, shortly before expiry, for many concurrent requests', async () => {
    await signIn(10); // inside the refresh skew: stale
    const calls = [http.get('/api/v1/a'), http.get('/api/v1/b'), http.get('/api/v1/c')].map((o) => firstValueFrom(o));
    await settle();

    const refreshes = backend.match('/api/v1/auth/refresh');
    expect(refreshes).toHaveLength(1);
    expect(refreshes[0].request.body).toEqual({ refreshToken: 'refresh-1' });
    expect(refreshes[0].request.headers.has('Authorization')).toBe(false);
    // nothing goes out with the dying token
    expect(backend.match((r) => r.url !== '/api/v1/auth/refresh')).toHaveLength(0);

    refreshes[0].flush({ accessToken: 'access-2', refreshToken: 'refresh-2', expiresIn: 600 });
    await settle();

    for (const url of ['/api/v1/a', '/api/v1/b', '/api/v1/c']) {
      const req = backend.expectOne(url);
      expect(req.request.headers.get('Authorization')).toBe('Bearer access-2');
      req.flush({ ok: url });
    }
    await Promise.all(calls);
    // rotation: the stored refresh token is always the newest one
    expect(sessionStorage.getItem(REFRESH_TOKEN_KEY)).toBe('refresh-2');
  });

  it('on 401s from concurrent requests refreshes once and retries each once', async () => {
    await signIn(600);
    const a = firstValueFrom(http.get('/api/v1/a'));
    const b = firstValueFrom(http.get('/api/v1/b'));
    const c = firstValueFrom(http.get('/api/v1/c'));
    await settle();
    backend.expectOne('/api/v1/a').flush(null, { status: 401, statusText: 'Unauthorized' });
    backend.expectOne('/api/v1/b').flush(null, { status: 401, statusText: 'Unauthorized' });
    await settle();

    const refresh = backend.expectOne('/api/v1/auth/refresh');
    expect(refresh.request.body).toEqual({ refreshToken: 'refresh-1' });
    refresh.flush({ accessToken: 'access-2', refreshToken: 'refresh-2', expiresIn: 600 });
    await settle();

    // a 401 that arrives after the refresh reuses the new token instead of refreshing again
    backend.expectOne('/api/v1/c').flush(null, { status: 401, statusText: 'Unauthorized' });
    await settle();
    backend.expectNone('/api/v1/auth/refresh');

    for (const url of ['/api/v1/a', '/api/v1/b', '/api/v1/c']) {
      const retry = backend.expectOne(url);
      expect(retry.request.headers.get('Authorization')).toBe('Bearer access-2');
      retry.flush({ ok: url });
    }
    expect(await Promise.all([a, b, c])).toEqual([{ ok: '/api/v1/a' }, { ok: '/api/v1/b' }, { ok: '/api/v1/c' }]);
  });

  it('retries only once: a second 401 reaches the caller', async () => {
    await signIn(600);
    const call = firstValueFrom(http.get('/api/v1/a'));
    await settle();
    backend.expectOne('/api/v1/a').flush(null, { status: 401, statusText: 'Unauthorized' });
    await settle();
    backend
      .expectOne('/api/v1/auth/refresh')
      .flush({ accessToken: 'access-2', refreshToken: 'refresh-2', expiresIn: 600 });
    await settle();
    backend.expectOne('/api/v1/a').flush(null, { status: 401, statusText: 'Unauthorized' });
    await expect(call).rejects.toBeInstanceOf(HttpErrorResponse);
    backend.expectNone('/api/v1/auth/refresh');
  });

  it('ends the session and goes to the login page when the refresh is refused', async () => {
    await signIn(10);
    const router = TestBed.inject(Router);
    const a = firstValueFrom(http.get('/api/v1/a'));
    const b = firstValueFrom(http.get('/api/v1/b'));
    await settle();
    backend.expectOne('/api/v1/auth/refresh').flush(null, { status: 401, statusText: 'Unauthorized' });
    await expect(a).rejects.toBeInstanceOf(HttpErrorResponse);
    await expect(b).rejects.toBeInstanceOf(HttpErrorResponse);
    await settle();
    expect(auth.isAuthenticated()).toBe(false);
    expect(sessionStorage.getItem(REFRESH_TOKEN_KEY)).toBeNull();
    expect(auth.accessToken()).toBeNull();
    expect(router.url).toBe('/login?ended=1');
  });

  it('never sends the same refresh token twice', async () => {
    await signIn(10);
    const first = firstValueFrom(http.get('/api/v1/a'));
    await settle();
    backend
      .expectOne('/api/v1/auth/refresh')
      .flush({ accessToken: 'access-2', refreshToken: 'refresh-2', expiresIn: 10 });
    await settle();
    backend.expectOne('/api/v1/a').flush({});
    await first;

    // still stale: the next call refreshes again, with the rotated token
    const second = firstValueFrom(http.get('/api/v1/b'));
    await settle();
    const refresh = backend.expectOne('/api/v1/auth/refresh');
    expect(refresh.request.body).toEqual({ refreshToken: 'refresh-2' });
    refresh.flush({ accessToken: 'access-3', refreshToken: 'refresh-3', expiresIn: 600 });
    await settle();
    backend.expectOne('/api/v1/b').flush({});
    await second;
  });
});
