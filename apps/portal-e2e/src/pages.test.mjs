// Every page of every demo account's navigation (and the notifications page), at a phone, a tablet
// and a desktop size: axe-core finds no serious or critical violation, nothing overflows the page
// sideways, and the keyboard reaches the main navigation and then the page's first control.
// Also the dashboard cards and the unread notifications badge with real data (a referral sent to
// LWU, one of them overdue). Needs `nx build api portal` first.
//   node --test apps/portal-e2e/src/pages.test.mjs
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import {
  api,
  apiLogin,
  artifacts,
  assertAccessible,
  CONSENT_QUESTIONS,
  SUBMIT_MINIMUM_ANSWERS,
  launchBrowser,
  login,
  logout,
  newPage,
} from './helpers.mjs';
import { startStack } from './stack.mjs';

const VIEWPORTS = [
  { name: 'phone', width: 390, height: 844, handset: true },
  { name: 'tablet', width: 1024, height: 1366, handset: false },
  { name: 'desktop', width: 1280, height: 800, handset: false },
];

/** One account of each kind (docs/access.md "Demo accounts"), with the menu entries it must at least have. */
const ACCOUNTS = [
  {
    kind: 'caseworker',
    username: 'atd.caseworker',
    expect: ['/', '/screenings', '/cases', '/referrals', '/handoffs', '/profile'],
  },
  { kind: 'supervisor', username: 'atd.supervisor', expect: ['/', '/cases', '/match-requests', '/audit', '/profile'] },
  { kind: 'receiving agency', username: 'lwu.caseworker', expect: ['/', '/referrals', '/profile'] },
  { kind: 'investigator', username: 'atd.investigator', expect: ['/', '/cases', '/handoffs', '/profile'] },
  { kind: 'prosecutor', username: 'ospp.prosecutor', expect: ['/', '/handoffs', '/profile'] },
  { kind: 'agency admin', username: 'lwu.admin', expect: ['/', '/users', '/profile'] },
  { kind: 'system admin', username: 'sysadmin', expect: ['/', '/users', '/agencies', '/profile'] },
  { kind: 'analyst', username: 'analyst', expect: ['/', '/statistics', '/profile'] },
];

const SERVICE_TYPES = [
  'SHELTER',
  'PSYCHOSOCIAL',
  'LEGAL_AID',
  'MEDICAL',
  'REINTEGRATION',
  'VOCATIONAL_TRAINING',
  'OTHER',
];

let stack;
let browser;
/** the case numbers of the two referrals sent to LWU: one pending in time, one made overdue */
const seeded = { onTime: null, overdue: null };

before(async () => {
  mkdirSync(artifacts, { recursive: true });
  stack = await startStack({ worker: true });
  browser = await launchBrowser();
  await seedReferrals();
});

after(async () => {
  await browser?.close();
  await stack?.stop();
});

/** A screening approved into a case of atd.caseworker, with a REFERRAL_SHARING consent for LWU. */
async function caseForLwu(lwuId) {
  const cw = await apiLogin(stack.baseUrl, 'atd.caseworker');
  const sup = await apiLogin(stack.baseUrl, 'atd.supervisor');
  const past = new Date(Date.now() - 2 * 3600_000).toISOString();
  const consent = Object.fromEntries(CONSENT_QUESTIONS.map((q) => [q, 'YES']));
  let s = await api(stack.baseUrl, '/screenings', {
    token: cw.token,
    method: 'POST',
    body: {
      metadata: { provinceCode: '01', interviewAt: past },
      interviewConsent: { ...consent, givenBy: 'SELF', form: 'WRITTEN_SIGNATURE', recordedAt: past },
      bioData: {
        givenNameLo: 'ທົດສອບ',
        familyNameLo: 'ໜ້າຈໍ',
        dobPrecision: 'YEAR',
        dateOfBirth: '2000-01-01',
        sex: 'FEMININE',
      },
      indicatorAnswers: SUBMIT_MINIMUM_ANSWERS,
      interviewerAssessment: 'POSSIBLE_VICTIM',
    },
  });
  s = await api(stack.baseUrl, `/screenings/${s.id}/submit`, {
    token: cw.token,
    method: 'POST',
    body: { version: s.version },
  });
  s = await api(stack.baseUrl, `/screenings/${s.id}/approve`, {
    token: sup.token,
    method: 'POST',
    body: { version: s.version },
  });
  await api(stack.baseUrl, `/cases/${s.caseId}/consents`, {
    token: cw.token,
    method: 'POST',
    body: {
      type: 'REFERRAL_SHARING',
      agencyIds: [lwuId],
      purposes: ['REFERRAL_SHARING'],
      categories: ['CASE_SUMMARY'],
      givenBy: 'SELF',
      form: 'WRITTEN_SIGNATURE',
      grantedAt: new Date(Date.now() - 60_000).toISOString(),
    },
  });
  return { cw, caseId: s.caseId };
}

/** Two referrals ATD → LWU; the second one's acknowledge-by is moved into the past in the database. */
async function seedReferrals() {
  const cw0 = await apiLogin(stack.baseUrl, 'atd.caseworker');
  const agencies = await api(stack.baseUrl, '/reference/agencies', { token: cw0.token });
  const lwu = agencies.find((a) => a.code === 'LWU');
  let serviceType = null;
  for (const t of SERVICE_TYPES) {
    const dir = await api(stack.baseUrl, `/reference/service-directory?serviceType=${t}&province=01`, {
      token: cw0.token,
    });
    if (dir.some((d) => d.code === 'LWU')) {
      serviceType = t;
      break;
    }
  }
  assert.ok(serviceType, 'LWU offers a service in Vientiane Capital');
  const refs = [];
  for (let i = 0; i < 2; i++) {
    const { cw, caseId } = await caseForLwu(lwu.id);
    const r = await api(stack.baseUrl, `/cases/${caseId}/referrals`, {
      token: cw.token,
      method: 'POST',
      body: {
        toAgencyId: lwu.id,
        serviceTypes: [serviceType],
        urgency: 'HIGH',
        reason: 'Needs support',
        categories: ['CASE_SUMMARY'],
      },
    });
    refs.push(r);
  }
  const db = new pg.Client({ connectionString: stack.adminDatabaseUrl });
  await db.connect();
  try {
    await db.query(
      `UPDATE referral SET created_at = now() - interval '80 hours', acknowledge_by = now() - interval '8 hours' WHERE id = $1`,
      [refs[1].id],
    );
  } finally {
    await db.end();
  }
  seeded.onTime = refs[0].caseNumber;
  seeded.overdue = refs[1].caseNumber;
}

/** The menu's links (present in the DOM also while the phone menu is closed). */
async function navPaths(page) {
  return page.$$eval('nav[data-testid="nav"] a[href]', (links) => links.map((a) => a.getAttribute('href')));
}

/** Waits for the page's heading and for its requests to finish. */
async function settle(page) {
  await page.locator('main h1').first().waitFor({ timeout: 15_000 });
  await page.waitForLoadState('networkidle');
  await page.evaluate(() => document.fonts.ready);
}

/** How far the page, or the shell's scrolling content, is wider than the viewport, and what sticks out. */
async function horizontalOverflow(page) {
  return page.evaluate(() => {
    const de = document.documentElement;
    const content = document.querySelector('mat-sidenav-content');
    const vw = de.clientWidth;
    const clipped = (el) => {
      for (let p = el.parentElement; p && p !== content && p !== document.body; p = p.parentElement) {
        const ox = getComputedStyle(p).overflowX;
        if (ox === 'auto' || ox === 'scroll' || ox === 'hidden' || ox === 'clip') return true;
      }
      return false;
    };
    const describe = (el, r) =>
      `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}.${[...el.classList].slice(0, 2).join('.')} right=${Math.round(r.right)}`;
    const offenders = [];
    // first what no scroller clips; failing that (an absolutely positioned element escapes a
    // scroller that is not its containing block), anything past the right edge
    for (const strict of [true, false]) {
      for (const el of document.querySelectorAll('body *')) {
        const r = el.getBoundingClientRect();
        if (r.width === 0 || r.right <= vw + 1 || (strict && clipped(el))) continue;
        if (getComputedStyle(el).visibility === 'hidden') continue;
        offenders.push(describe(el, r));
        if (offenders.length >= 5) break;
      }
      if (offenders.length) break;
    }
    return {
      page: Math.max(de.scrollWidth - de.clientWidth, document.body.scrollWidth - document.body.clientWidth),
      content: content ? content.scrollWidth - content.clientWidth : 0,
      offenders,
    };
  });
}

/** Where the focus is: in the menu, on the menu button, in <main> on a control, or elsewhere. */
async function focusPlace(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return { where: 'none' };
    const testId = el.getAttribute('data-testid');
    if (el.closest('nav[data-testid="nav"]')) return { where: 'nav', testId };
    if (testId === 'menu-toggle') return { where: 'menu-toggle', testId };
    const main = el.closest('main');
    if (main && el !== main)
      return { where: 'main', testId, tag: el.tagName.toLowerCase(), text: (el.textContent ?? '').trim().slice(0, 40) };
    return { where: 'other', testId, tag: el.tagName.toLowerCase() };
  });
}

/**
 * From the top of the page, Tab reaches the main navigation (the menu itself when it is beside the
 * content, the menu button on a phone) and then the first control of the page's content.
 */
async function assertKeyboardReachable(page, name, handset) {
  await page.evaluate(() => {
    document.activeElement?.blur?.();
    window.scrollTo(0, 0);
  });
  let sawNav = false;
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab');
    const f = await focusPlace(page);
    if (f.where === (handset ? 'menu-toggle' : 'nav')) sawNav = true;
    if (f.where === 'main') {
      assert.ok(sawNav, `${name}: Tab reached the page content before the main navigation`);
      return f;
    }
  }
  assert.fail(`${name}: Tab never reached ${sawNav ? 'a control of the page content' : 'the main navigation'}`);
}

/** On a phone the menu opens from the keyboard and Tab then walks its links. */
async function assertPhoneMenuByKeyboard(page, name) {
  await page.getByTestId('menu-toggle').focus();
  await page.keyboard.press('Enter');
  await page.locator('nav[data-testid="nav"] a').first().waitFor({ state: 'visible' });
  let inNav = false;
  for (let i = 0; i < 5 && !inNav; i++) {
    inNav = (await focusPlace(page)).where === 'nav';
    if (!inNav) await page.keyboard.press('Tab');
  }
  assert.ok(inNav, `${name}: the opened phone menu is not reachable with Tab`);
  await page.keyboard.press('Escape');
  await page.locator('nav[data-testid="nav"] a').first().waitFor({ state: 'hidden' });
}

async function checkPage(page, name, viewport) {
  await settle(page);
  await assertAccessible(page, name);
  const o = await horizontalOverflow(page);
  assert.ok(
    o.page <= 0 && o.content <= 0,
    `${name}: horizontal overflow page=${o.page}px content=${o.content}px: ${o.offenders.join('; ')}`,
  );
  await assertKeyboardReachable(page, name, viewport.handset);
}

for (const account of ACCOUNTS) {
  test(`${account.kind} (${account.username}): every page at phone, tablet and desktop size`, async () => {
    const { context, page, errors } = await newPage(browser, VIEWPORTS[0]);
    const failures = [];
    try {
      await login(page, stack.baseUrl, account.username);
      const paths = await navPaths(page);
      for (const p of account.expect)
        assert.ok(paths.includes(p), `${account.username} has ${p} in the menu (${paths.join(' ')})`);
      const hasBadge = (await page.getByTestId('notifications-link').count()) > 0;
      assert.ok(hasBadge, 'every signed-in user has the notifications badge');
      const pages = [...paths, '/notifications'];
      for (const viewport of VIEWPORTS) {
        await page.setViewportSize({ width: viewport.width, height: viewport.height });
        for (const p of pages) {
          const name = `${account.username} ${p} ${viewport.name}`;
          await page.goto(`${stack.baseUrl}${p}`);
          try {
            await checkPage(page, name, viewport);
            if (viewport.handset && p === '/') await assertPhoneMenuByKeyboard(page, name);
          } catch (e) {
            // collect every page's problem in one run, then fail with all of them
            failures.push(e.message);
            await page.screenshot({
              path: join(
                artifacts,
                `pages-${account.username}-${viewport.name}-${p.replace(/\W+/g, '_') || 'home'}.png`,
              ),
              fullPage: true,
            });
          }
        }
      }
      await logout(page);
      assert.deepEqual(errors, [], 'no uncaught page errors');
      assert.deepEqual(failures, [], failures.join('\n'));
    } finally {
      await context.close();
    }
  });
}

test('dashboard: the receiving agency sees its incoming referrals with the clock, the overdue one clearly; the sender sees the deadline', async () => {
  const { context, page, errors } = await newPage(browser, { width: 390, height: 844 });
  try {
    await login(page, stack.baseUrl, 'lwu.caseworker', 'en');
    const incoming = page.getByTestId('dash-incoming');
    await incoming.getByTestId('dash-incoming-row').first().waitFor();
    const rows = incoming.getByTestId('dash-incoming-row');
    assert.equal(await rows.count(), 2);
    // earliest acknowledge-by first: the overdue one
    const first = rows.first();
    assert.equal(await first.getAttribute('data-state'), 'OVERDUE');
    assert.equal(await first.getByTestId('dash-referral-link').innerText(), seeded.overdue);
    assert.match(await first.innerText(), /Overdue by \d+ h \d+ min/);
    assert.match(await rows.nth(1).innerText(), /\d+ h \d+ min left/);
    const text = await incoming.innerText();
    assert.doesNotMatch(text, /ທົດສອບ|ໜ້າຈໍ/, 'no name on the dashboard');
    const deadlines = page.getByTestId('dash-deadlines');
    assert.equal(
      await deadlines.getByTestId('dash-deadline-row').count(),
      1,
      'only the overdue referral is near or past',
    );
    await page.screenshot({ path: join(artifacts, 'pages-dashboard-lwu-phone.png'), fullPage: true });
    await incoming.getByTestId('dash-incoming-open').click();
    await page.waitForURL(/\/referrals\?box=incoming&status=PENDING/);
    await logout(page);

    await login(page, stack.baseUrl, 'atd.caseworker', 'lo');
    await page.getByTestId('dash-my-cases').getByTestId('dash-case-link').first().waitFor();
    assert.ok(
      (await page.getByTestId('dash-my-cases').getByTestId('dash-case-link').count()) >= 2,
      'the two cases assigned to the caseworker',
    );
    const out = page.getByTestId('dash-deadlines').getByTestId('dash-deadline-row');
    await out.first().waitFor();
    assert.equal(await out.first().getByTestId('dash-deadline-link').innerText(), seeded.overdue);
    assert.match(await out.first().innerText(), /ກາຍກຳນົດ/);
    assert.equal(await page.getByTestId('dash-incoming').count(), 1);
    await assertAccessible(page, 'dashboard atd.caseworker (lo, phone)');
    await logout(page);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('unread badge: the receiving agency is notified of the referrals, marks one read, the count goes down; none after sign-out', async () => {
  const { context, page, errors } = await newPage(browser, { width: 1280, height: 800 });
  const polls = [];
  page.on('request', (r) => {
    if (new URL(r.url()).pathname === '/api/v1/notifications' && r.method() === 'GET') polls.push(Date.now());
  });
  try {
    // the worker turns the referrals' outbox rows into notifications: wait for them
    const lwu = await apiLogin(stack.baseUrl, 'lwu.caseworker');
    for (let i = 0; i < 60; i++) {
      const n = await api(stack.baseUrl, '/notifications?unread=true', { token: lwu.token });
      if (n.unreadCount >= 2) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    await login(page, stack.baseUrl, 'lwu.caseworker', 'en');
    const badge = page.getByTestId('notifications-badge');
    await badge.waitFor();
    const before = Number(await badge.innerText());
    assert.ok(before >= 2, `at least the two referrals are unread (${before})`);
    assert.match(
      await page.getByTestId('notifications-link').getAttribute('aria-label'),
      new RegExp(`Notifications: ${before} unread`),
    );

    await page.getByTestId('notifications-link').click();
    await page.getByTestId('notifications-page').waitFor();
    await page.getByTestId('notification').first().waitFor();
    const text = await page.getByTestId('notifications-list').innerText();
    assert.match(text, /New referral received/);
    assert.ok(text.includes(seeded.onTime) || text.includes(seeded.overdue), 'the case number is shown');
    assert.doesNotMatch(text, /ທົດສອບ|ໜ້າຈໍ/, 'no name in notifications');
    await page.getByTestId('notification-mark-read').first().click();
    await page.waitForFunction(
      (n) => document.querySelector('[data-testid="notifications-badge"]')?.textContent?.trim() === String(n),
      before - 1,
    );
    assert.equal(await page.getByTestId('notification').first().getAttribute('data-read'), 'yes');
    await assertAccessible(page, 'notifications lwu.caseworker (en, desktop)');
    await page.screenshot({ path: join(artifacts, 'pages-notifications-lwu-desktop.png'), fullPage: true });

    // the count follows navigation
    await page.getByTestId('nav-home').click();
    await page.getByTestId('home-greeting').waitFor();
    await page.waitForLoadState('networkidle');
    assert.equal(Number(await badge.innerText()), before - 1);

    await logout(page);
    const atLogout = polls.length;
    await new Promise((r) => setTimeout(r, 1500));
    assert.equal(polls.length, atLogout, 'no polling after sign-out');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});
