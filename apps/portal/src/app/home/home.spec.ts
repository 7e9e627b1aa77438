import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component, DestroyRef, Injector } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import type { LoginResponse, MeView, Permission } from '@ctms/domain';
import { AuthService } from '../core/auth/auth.service';
import { authInterceptor } from '../core/http/auth.interceptor';
import { homeEn, homeLo } from '../core/i18n/dict-home';
import { NAVIGATION_SETTLE_MS, UNREAD_POLL_MS, UnreadCount } from '../core/layout/unread-count';
import { kindKey, notificationLink } from '../notifications/notification-links';
import { referralItem } from './dashboard-cards';
import type { DashReferral } from './dashboard-api';
import { clockOf, dueSoon, type DeadlineItem } from './deadlines';
import { meView } from '../testing/me-view';

@Component({ template: '' })
class Blank {}

const LAO = /[\u0E80-\u0EFF]/;

describe('dashboard and notifications words', () => {
  it('has the same keys in Lao and English, every Lao word in Lao script', () => {
    expect(Object.keys(homeLo).sort()).toEqual(Object.keys(homeEn).sort());
    for (const [k, v] of Object.entries(homeLo)) {
      if (k === 'dash.more') continue;
      expect(v, k).toMatch(LAO);
    }
  });

  it('names every notification kind the API sends, and an unknown one generically', () => {
    for (const kind of [
      'referral.received',
      'handoff.decided',
      'sla.breach',
      'sla.reminder',
      'consent.withdrawn',
      'job.dead',
      'match.received',
      'match.answered',
      'case.assigned',
    ]) {
      expect(homeEn[kindKey(kind) as keyof typeof homeEn]).not.toBe(homeEn['notif.kind.other']);
    }
    expect(kindKey('something.new')).toBe('notif.kind.other');
    expect(kindKey('__proto__')).toBe('notif.kind.other');
  });
});

describe('notification links', () => {
  const held = (...p: Permission[]) => new Set<Permission>(p);

  it('links to the page of the object when the user may open it', () => {
    expect(notificationLink('referral', 'r1', held('referral:read'))).toEqual(['/referrals', 'r1']);
    expect(notificationLink('handoff', 'h1', held('handoff:read'))).toEqual(['/handoffs', 'h1']);
    expect(notificationLink('case', 'c1', held('case:read'))).toEqual(['/cases', 'c1']);
    // a match request's page serves both sides: the supervisor asked and the caseworker who asked
    expect(notificationLink('match_request', 'm1', held('match:request'))).toEqual(['/match-requests', 'm1']);
    expect(notificationLink('match_request', 'm1', held('match:answer'))).toBeNull();
  });

  it('gives no link without the permission or without a portal page', () => {
    expect(notificationLink('referral', 'r1', held('handoff:read'))).toBeNull();
    expect(notificationLink('export', 'e1', held('export:create'))).toBeNull();
    expect(notificationLink('outbox', 'o1', held('system:queues'))).toBeNull();
    expect(notificationLink('constructor', 'x', held('case:read'))).toBeNull();
  });
});

describe('deadline clock', () => {
  const start = '2026-03-01T00:00:00Z';
  const due = '2026-03-02T00:00:00Z'; // a 24 h period: "near" in its last 6 h
  const at = (iso: string) => Date.parse(iso);

  it('is on time with more than a quarter of the period left', () => {
    expect(clockOf(start, due, at('2026-03-01T10:00:00Z'))).toEqual({ state: 'ON_TIME', h: 14, m: 0 });
  });

  it('is near in the last quarter, overdue once passed (with the time past)', () => {
    expect(clockOf(start, due, at('2026-03-01T18:00:00Z')).state).toBe('NEAR');
    expect(clockOf(start, due, at('2026-03-01T20:30:00Z'))).toEqual({ state: 'NEAR', h: 3, m: 30 });
    expect(clockOf(start, due, at('2026-03-02T00:00:00Z')).state).toBe('OVERDUE');
    expect(clockOf(start, due, at('2026-03-02T02:15:00Z'))).toEqual({ state: 'OVERDUE', h: 2, m: 15 });
  });

  it('never calls an unreadable deadline overdue', () => {
    expect(clockOf(start, 'nonsense', at('2030-01-01T00:00:00Z')).state).toBe('ON_TIME');
  });

  it('lists only near or passed deadlines, earliest first, each once', () => {
    const item = (id: string, dueAt: string, kind: DeadlineItem['kind'] = 'REFERRAL_IN'): DeadlineItem => ({
      kind,
      id,
      caseNumber: `C-${id}`,
      link: ['/referrals', id],
      startedAt: start,
      dueAt,
    });
    const now = at('2026-03-01T20:00:00Z');
    const list = dueSoon(
      [
        item('late', '2026-03-01T19:00:00Z'),
        item('near', '2026-03-01T23:00:00Z'),
        item('fine', '2026-03-05T00:00:00Z'),
        item('late', '2026-03-01T19:00:00Z'),
        item('h1', '2026-03-01T12:00:00Z', 'HANDOFF_IN'),
      ],
      now,
    );
    expect(list.map((d) => d.id)).toEqual(['h1', 'late', 'near']);
    expect(list.map((d) => d.clock.state)).toEqual(['OVERDUE', 'OVERDUE', 'NEAR']);
  });
});

describe('referral deadlines on the dashboard', () => {
  const ref = (id: string, status: string, servicesDueBy: string | null): DashReferral => ({
    id,
    caseNumber: `C-${id}`,
    fromAgency: { code: 'MOPS_ATD' },
    toAgency: { code: 'LWU' },
    urgency: 'HIGH',
    status: status as DashReferral['status'],
    acknowledgeBy: '2026-03-01T12:00:00Z',
    servicesDueBy,
    createdAt: '2026-03-01T00:00:00Z',
  });
  const now = Date.parse('2026-03-05T00:00:00Z');

  it('an accepted referral past its services date is overdue in both boxes; a served or closed one has no clock', () => {
    const accepted = ref('a', 'ACCEPTED', '2026-03-04T00:00:00Z');
    expect(referralItem(accepted, 'REFERRAL_IN')).toMatchObject({
      dueAt: '2026-03-04T00:00:00Z',
      referralClock: 'SERVICES',
    });
    expect(referralItem(ref('p', 'PENDING', null), 'REFERRAL_OUT')).toMatchObject({
      dueAt: '2026-03-01T12:00:00Z',
      referralClock: 'ACKNOWLEDGE',
    });
    for (const status of ['IN_PROGRESS', 'COMPLETED', 'DECLINED', 'CANCELLED'])
      expect(referralItem(ref('x', status, '2026-03-04T00:00:00Z'), 'REFERRAL_IN')).toBeNull();
    const items = [referralItem(accepted, 'REFERRAL_IN'), referralItem(accepted, 'REFERRAL_OUT')].filter(
      (i): i is DeadlineItem => i !== null,
    );
    expect(dueSoon(items, now).map((d) => [d.kind, d.clock.state])).toEqual([
      ['REFERRAL_IN', 'OVERDUE'],
      ['REFERRAL_OUT', 'OVERDUE'],
    ]);
  });
});

describe('unread notifications count', () => {
  const USER: MeView = meView({
    agency: { id: 'a1', code: 'MOPS_ATD', nameLo: 'ກົມ', nameEn: 'ATD' },
    language: 'en',
    permissions: ['profile:read', 'notification:read'],
  });
  const flushMicrotasks = async () => {
    for (let i = 0; i < 5; i++) await Promise.resolve();
  };

  afterEach(() => vi.useRealTimers());

  it('fetches at once, then once a minute (not sooner), and stops at sign-out', async () => {
    vi.useFakeTimers();
    sessionStorage.clear();
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(withInterceptors([authInterceptor])),
        provideHttpClientTesting(),
        provideRouter([
          { path: 'login', component: Blank },
          { path: 'elsewhere', component: Blank },
          { path: '', component: Blank },
        ]),
      ],
    });
    const backend = TestBed.inject(HttpTestingController);
    const auth = TestBed.inject(AuthService);
    const unread = TestBed.inject(UnreadCount);
    const login = auth.login('atd.caseworker', 'secret');
    const res: LoginResponse = { accessToken: 'a', refreshToken: 'r', expiresIn: 600, user: USER };
    backend.expectOne('/api/v1/auth/login').flush(res);
    await login;

    const destroy = TestBed.inject(Injector).get(DestroyRef);
    unread.watch(destroy);
    TestBed.tick();
    await vi.advanceTimersByTimeAsync(NAVIGATION_SETTLE_MS + 10);
    await flushMicrotasks();
    backend
      .expectOne((r) => r.url === '/api/v1/notifications' && r.params.get('unread') === 'true')
      .flush({ items: [], nextCursor: null, unreadCount: 3 });
    await flushMicrotasks();
    expect(unread.count()).toBe(3);

    await vi.advanceTimersByTimeAsync(UNREAD_POLL_MS - 1000);
    backend.expectNone('/api/v1/notifications?unread=true&limit=1');
    expect(backend.match((r) => r.url === '/api/v1/notifications')).toHaveLength(0);

    await vi.advanceTimersByTimeAsync(1000);
    await flushMicrotasks();
    backend.expectOne((r) => r.url === '/api/v1/notifications').flush({ items: [], nextCursor: null, unreadCount: 5 });
    await flushMicrotasks();
    expect(unread.count()).toBe(5);

    // a navigation fetches again at once
    await TestBed.inject(Router).navigateByUrl('/elsewhere');
    await vi.advanceTimersByTimeAsync(NAVIGATION_SETTLE_MS + 10);
    await flushMicrotasks();
    backend.expectOne((r) => r.url === '/api/v1/notifications').flush({ items: [], nextCursor: null, unreadCount: 4 });
    await flushMicrotasks();
    expect(unread.count()).toBe(4);

    auth.endSession(false);
    TestBed.tick();
    await vi.advanceTimersByTimeAsync(UNREAD_POLL_MS * 3);
    await flushMicrotasks();
    expect(backend.match((r) => r.url === '/api/v1/notifications')).toHaveLength(0);
    expect(unread.count()).toBeNull();
  });
});
