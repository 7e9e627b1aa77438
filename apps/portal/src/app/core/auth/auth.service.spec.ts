import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { type ActivatedRouteSnapshot, type RouterStateSnapshot, UrlTree, provideRouter } from '@angular/router';
import type { LoginResponse, MeView } from '@ctms/domain';
import { AuthService, effectivePermissions, isMfaChallenge, profileOnly } from './auth.service';
import { profileFirstGuard } from './guards';
import { ACCESS_TOKEN_KEY, PROFILE_KEY, REFRESH_TOKEN_KEY } from './token-store';
import { authInterceptor } from '../http/auth.interceptor';
import { meView } from '../../testing/me-view';

@Component({ template: '' })
class Blank {}

const USER: MeView = meView({
  username: 'lwu.caseworker',
  agency: { id: 'a1', code: 'LWU', nameLo: 'ສະຫະພັນແມ່ຍິງລາວ', nameEn: "Lao Women's Union" },
  language: 'en',
  permissions: ['profile:read', 'profile:update', 'case:read'],
  mfaEnabled: true,
});

describe('login answers', () => {
  it('tells a challenge from a session', () => {
    expect(isMfaChallenge({ mfaRequired: true, mfaToken: 'm1' })).toBe(true);
    expect(isMfaChallenge({ mfaRequired: true, mfaToken: '' })).toBe(false);
    expect(isMfaChallenge({ mfaRequired: false, mfaToken: 'm1' })).toBe(false);
    expect(isMfaChallenge({ accessToken: 'a', refreshToken: 'r', expiresIn: 600, user: USER })).toBe(false);
    expect(isMfaChallenge(null)).toBe(false);
    expect(isMfaChallenge('mfa')).toBe(false);
  });
});

describe('profile-only restriction', () => {
  it('offers only the profile permissions while the password is temporary or a required MFA is not set up', () => {
    expect([...effectivePermissions(USER)]).toEqual(['profile:read', 'profile:update', 'case:read']);
    expect([...effectivePermissions({ ...USER, mustChangePassword: true })]).toEqual([
      'profile:read',
      'profile:update',
    ]);
    expect([...effectivePermissions({ ...USER, mfaSetupRequired: true })]).toEqual(['profile:read', 'profile:update']);
    expect(effectivePermissions(null).size).toBe(0);
    expect(profileOnly(USER)).toBe(false);
    expect(profileOnly({ ...USER, mfaSetupRequired: true })).toBe(true);
    expect(profileOnly({ ...USER, mustChangePassword: true })).toBe(true);
    expect(profileOnly(null)).toBe(false);
  });
});

describe('AuthService with MFA', () => {
  let backend: HttpTestingController;
  let auth: AuthService;

  beforeEach(() => {
    sessionStorage.clear();
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([
          { path: 'login', component: Blank },
          { path: '', component: Blank },
        ]),
      ],
    });
    backend = TestBed.inject(HttpTestingController);
    auth = TestBed.inject(AuthService);
  });

  afterEach(() => backend.verify());

  it('answers a challenge without starting a session or storing anything', async () => {
    const done = auth.login('lwu.caseworker', 'secret');
    backend.expectOne('/api/v1/auth/login').flush({ mfaRequired: true, mfaToken: 'mfa-1' });
    expect(await done).toEqual({ kind: 'mfa', mfaToken: 'mfa-1' });
    expect(auth.isAuthenticated()).toBe(false);
    expect(auth.hasSession()).toBe(false);
    expect(sessionStorage.length).toBe(0);
    expect(localStorage.getItem(REFRESH_TOKEN_KEY)).toBeNull();
  });

  it('starts the session with the code, posting the challenge in the body without a bearer', async () => {
    const done = auth.verifyMfa('mfa-1', '123456');
    const req = backend.expectOne('/api/v1/auth/mfa');
    expect(req.request.method).toBe('POST');
    expect(req.request.body).toEqual({ mfaToken: 'mfa-1', code: '123456' });
    expect(req.request.headers.has('Authorization')).toBe(false);
    const res: LoginResponse = { accessToken: 'access-1', refreshToken: 'refresh-1', expiresIn: 600, user: USER };
    req.flush(res);
    expect(await done).toEqual(USER);
    expect(auth.isAuthenticated()).toBe(true);
    expect(auth.accessToken()).toBe('access-1');
    expect(sessionStorage.getItem(REFRESH_TOKEN_KEY)).toBe('refresh-1');
  });

  it('signs in at once when the user has no MFA', async () => {
    const done = auth.login('lwu.caseworker', 'secret');
    backend
      .expectOne('/api/v1/auth/login')
      .flush({ accessToken: 'a', refreshToken: 'r', expiresIn: 600, user: { ...USER, mfaEnabled: false } });
    expect((await done).kind).toBe('session');
    expect(auth.isAuthenticated()).toBe(true);
  });

  it('sends every page but the profile to the profile while MFA must be set up, and reopens them once it is on', async () => {
    const login = auth.login('lwu.caseworker', 'secret');
    backend.expectOne('/api/v1/auth/login').flush({
      accessToken: 'a',
      refreshToken: 'r',
      expiresIn: 600,
      user: { ...USER, mfaEnabled: false, mfaSetupRequired: true },
    });
    await login;
    const guard = (url: string) =>
      TestBed.runInInjectionContext(() =>
        profileFirstGuard({} as ActivatedRouteSnapshot, { url } as RouterStateSnapshot),
      );
    expect(auth.can('case:read')).toBe(false);
    expect(guard('/cases')).toBeInstanceOf(UrlTree);
    expect(String(guard('/cases'))).toBe('/profile');
    expect(guard('/profile')).toBe(true);
    expect(guard('/profile?x=1')).toBe(true);

    const enabled = auth.enableMfa('123456');
    const req = backend.expectOne('/api/v1/me/mfa/enable');
    expect(req.request.body).toEqual({ code: '123456' });
    req.flush(null, { status: 204, statusText: 'No Content' });
    await Promise.resolve();
    await new Promise((r) => setTimeout(r, 0));
    backend.expectOne('/api/v1/me').flush({ ...USER, mfaEnabled: true, mfaSetupRequired: false });
    await enabled;
    expect(auth.user()?.mfaEnabled).toBe(true);
    expect(auth.can('case:read')).toBe(true);
    expect(guard('/cases')).toBe(true);
  });
});

describe('a reload restores the session kept in this tab (decision 0019)', () => {
  let backend: HttpTestingController;

  function start(): AuthService {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(withInterceptors([authInterceptor])),
        provideHttpClientTesting(),
        provideRouter([{ path: 'login', component: Blank }]),
      ],
    });
    backend = TestBed.inject(HttpTestingController);
    return TestBed.inject(AuthService);
  }

  beforeEach(() => {
    sessionStorage.clear();
    localStorage.clear();
    sessionStorage.setItem(REFRESH_TOKEN_KEY, 'refresh-1');
    sessionStorage.setItem(ACCESS_TOKEN_KEY, JSON.stringify({ token: 'access-1', expiresAt: Date.now() + 600_000 }));
    sessionStorage.setItem(PROFILE_KEY, JSON.stringify(USER));
  });

  afterEach(() => backend.verify());

  it('starts at once, without a refresh, and reads the profile again in parallel with the kept access token', async () => {
    const auth = start();
    await auth.restore(); // resolves before any answer: the first route and its data go out now
    expect(auth.isAuthenticated()).toBe(true);
    backend.expectNone('/api/v1/auth/refresh');
    const me = backend.expectOne('/api/v1/me');
    expect(me.request.headers.get('Authorization')).toBe('Bearer access-1');
    expect(me.request.headers.get('ngsw-bypass')).toBeNull(); // the auth interceptor alone here; the bypass is its own interceptor
    me.flush({ ...USER, displayName: 'Renamed' });
    await Promise.resolve();
    await Promise.resolve();
    expect(auth.user()?.displayName).toBe('Renamed');
    expect(JSON.parse(sessionStorage.getItem(PROFILE_KEY) ?? '{}').displayName).toBe('Renamed');
  });

  it('keeps the session when the link is down, and forgets all of it when the session ends', async () => {
    const auth = start();
    await auth.restore();
    backend.expectOne('/api/v1/me').error(new ProgressEvent('error'), { status: 0 });
    await Promise.resolve();
    expect(auth.isAuthenticated()).toBe(true);
    expect(sessionStorage.getItem(REFRESH_TOKEN_KEY)).toBe('refresh-1');
    auth.endSession(false);
    expect([REFRESH_TOKEN_KEY, ACCESS_TOKEN_KEY, PROFILE_KEY].map((k) => sessionStorage.getItem(k))).toEqual([
      null,
      null,
      null,
    ]);
  });

  it('with the kept access token about to expire, one refresh goes first', async () => {
    sessionStorage.setItem(ACCESS_TOKEN_KEY, JSON.stringify({ token: 'access-1', expiresAt: Date.now() + 10_000 }));
    const auth = start();
    await auth.restore();
    expect(auth.isAuthenticated()).toBe(true);
    backend
      .expectOne('/api/v1/auth/refresh')
      .flush({ accessToken: 'access-2', refreshToken: 'refresh-2', expiresIn: 600 });
    await new Promise((r) => setTimeout(r));
    expect(backend.expectOne('/api/v1/me').request.headers.get('Authorization')).toBe('Bearer access-2');
    expect(sessionStorage.getItem(REFRESH_TOKEN_KEY)).toBe('refresh-2');
  });
});
