// Portal smoke: the real login page against the real API (fresh, migrated, demo-seeded database),
// the shell in Lao then in English, navigation limited to the user's permissions, and axe-core on
// the login page and the shell. Needs `nx build api portal` first.
//   node --test apps/portal-e2e/src/
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { artifacts, assertAccessible, CHROMIUM_ARGS, LAO, root } from './helpers.mjs';
import { startStack } from './stack.mjs';

const axePath = join(root, 'node_modules/axe-core/axe.min.js');

let stack;
let browser;

before(async () => {
  mkdirSync(artifacts, { recursive: true });
  stack = await startStack();
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
});

after(async () => {
  await browser?.close();
  await stack?.stop();
});

/**
 * The API's Content-Security-Policy (script-src 'self') refuses inline scripts, which is what
 * `addScriptTag({ path })` injects. So axe-core is served under a same-origin URL by a route of the
 * test itself, and the policy stays on for the whole journey.
 */
const AXE_URL = '/__e2e__/axe.min.js';

async function focusedTestId(page) {
  return page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? null);
}

/** Presses Tab until the element with this test id has the focus (fails after 15 presses). */
async function tabTo(page, testId) {
  for (let i = 0; i < 15; i++) {
    await page.keyboard.press('Tab');
    if ((await focusedTestId(page)) === testId) return;
  }
  assert.fail(`Tab never reached ${testId}`);
}

/** Every request the page makes must stay on the same origin: no CDN, no Google Fonts. */
function recordForeignRequests(page, origin) {
  const foreign = [];
  page.on('request', (req) => {
    const url = req.url();
    if (!url.startsWith(origin) && !url.startsWith('data:')) foreign.push(url);
  });
  return foreign;
}

test('caseworker signs in, sees the Lao shell, switches to English, sees only permitted navigation', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, reducedMotion: 'reduce' });
  await context.route(`**${AXE_URL}`, (route) => route.fulfill({ path: axePath, contentType: 'text/javascript' }));
  const page = await context.newPage();
  const foreign = recordForeignRequests(page, stack.baseUrl);
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) errors.push(m.text());
  });

  try {
    // login page, in Lao by default
    await page.goto(`${stack.baseUrl}/`);
    await page.waitForURL(/\/login/);
    await page.getByTestId('login-username').waitFor();
    assert.equal(await page.getAttribute('html', 'lang'), 'lo');
    assert.match(await page.getByTestId('login-submit').innerText(), /ເຂົ້າສູ່ລະບົບ/);
    await page.evaluate(() => document.fonts.ready);
    await page.screenshot({ path: join(artifacts, 'login-lo.png'), fullPage: true });
    await assertAccessible(page, 'login page');

    // keyboard only: Tab reaches the username field, Enter submits. A wrong password gets the one
    // generic, translated message.
    await tabTo(page, 'login-username');
    await page.keyboard.type('atd.caseworker');
    await page.keyboard.press('Tab');
    assert.equal(await focusedTestId(page), 'login-password');
    await page.keyboard.type('not-the-password');
    await page.keyboard.press('Enter');
    const error = page.getByTestId('login-error');
    await error.waitFor();
    assert.match(await error.innerText(), /ຊື່ຜູ້ໃຊ້ ຫຼື ລະຫັດຜ່ານບໍ່ຖືກຕ້ອງ/);

    // the real sign-in
    await page.getByTestId('login-username').fill('atd.caseworker');
    await page.getByTestId('login-password').fill('demo-password-2026');
    await page.getByTestId('login-submit').click();
    const userName = page.getByTestId('shell-user-name');
    await userName.waitFor();
    assert.ok((await userName.innerText()).trim().length > 0, 'the shell shows the user name');

    // the shell in Lao
    assert.equal(await page.getAttribute('html', 'lang'), 'lo');
    assert.equal((await page.getByTestId('nav-cases').innerText()).trim(), 'ກໍລະນີ');
    assert.match(await page.getByTestId('logout').innerText(), /ອອກຈາກລະບົບ/);
    assert.match(await page.getByTestId('home-greeting').innerText(), /^ສະບາຍດີ/);

    // the first Tab in the shell offers the skip link, which moves focus to the page content
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.textContent?.trim()), 'ຂ້າມໄປຫາເນື້ອຫາຫຼັກ');
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'main');

    // only what a caseworker may: case work yes, administration and statistics no
    const shown = [
      'nav-home',
      'nav-screenings',
      'nav-cases',
      'nav-referrals',
      'nav-handoffs',
      'nav-family-tracing',
      'nav-exports',
      'nav-profile',
    ];
    for (const id of shown) {
      assert.equal(await page.getByTestId(id).count(), 1, `${id} is shown`);
    }
    for (const id of ['nav-users', 'nav-agencies', 'nav-audit', 'nav-statistics', 'nav-caseload']) {
      assert.equal(await page.getByTestId(id).count(), 0, `${id} is hidden`);
    }
    const navTexts = (await page.getByTestId('nav').innerText())
      .split('\n')
      .map((s) => s.trim())
      .filter(Boolean);
    assert.equal(navTexts.length, shown.length, `one entry each: ${navTexts.join(' | ')}`);
    for (const t of navTexts) assert.match(t, LAO, `nav entry "${t}" is in Lao`);

    await page.evaluate(() => document.fonts.ready);
    assert.ok(
      await page.evaluate(() => document.fonts.check('16px "Noto Sans Lao"', 'ກໍລະນີ')),
      'the bundled Noto Sans Lao is loaded',
    );
    await page.screenshot({ path: join(artifacts, 'shell-lo.png'), fullPage: true });
    await assertAccessible(page, 'shell (lo)');

    // switch to English: instant, and saved on the profile
    const saved = page.waitForResponse((r) => r.url().endsWith('/api/v1/me') && r.request().method() === 'PATCH');
    await page.getByTestId('language-en').click();
    assert.equal((await saved).status(), 200);
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    assert.equal((await page.getByTestId('nav-cases').innerText()).trim(), 'Cases');
    assert.match(await page.getByTestId('logout').innerText(), /Sign out/);
    assert.match(await page.getByTestId('home-greeting').innerText(), /^Welcome/);
    await page.screenshot({ path: join(artifacts, 'shell-en.png'), fullPage: true });
    await assertAccessible(page, 'shell (en)');

    // a reload inside the tab keeps the session (this tab's sessionStorage) and the saved language
    await page.reload();
    await page.getByTestId('shell-user-name').waitFor();
    assert.equal(await page.getByTestId('splash').count(), 0, 'the splash is gone once the app has booted');
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    // decision 0019: the access token waits in this tab's sessionStorage next to the refresh token
    // (a reload sends its first data request at once), never in localStorage
    assert.equal(
      await page.evaluate(() => Object.keys(localStorage).some((k) => /access|refresh|token/i.test(k))),
      false,
      'no token in localStorage',
    );

    // the profile page, on a phone-sized screen
    await page.setViewportSize({ width: 375, height: 740 });
    await page.locator('mat-sidenav').waitFor({ state: 'hidden' });
    await page.getByTestId('menu-toggle').click();
    await page.getByTestId('nav-profile').waitFor();
    await page.screenshot({ path: join(artifacts, 'menu-en-phone.png') });
    await page.getByTestId('nav-profile').click();
    await page.getByTestId('profile-username').waitFor();
    await page.locator('mat-sidenav').waitFor({ state: 'hidden' });
    assert.equal((await page.getByTestId('profile-username').innerText()).trim(), 'atd.caseworker');
    assert.match(await page.getByTestId('profile-roles').innerText(), /Caseworker/);
    assert.match(await page.getByTestId('profile-provinces').innerText(), /01 Vientiane Capital/);
    await page.screenshot({ path: join(artifacts, 'profile-en-phone.png'), fullPage: true });
    await assertAccessible(page, 'profile (phone)');

    // a route the caseworker may not open goes home
    await page.goto(`${stack.baseUrl}/users`);
    await page.getByTestId('home-greeting').waitFor();
    assert.equal(new URL(page.url()).pathname, '/');

    // sign out ends the session
    await page.getByTestId('logout').click();
    await page.waitForURL(/\/login/);
    await page.getByTestId('login-username').waitFor();
    assert.equal(await page.evaluate(() => sessionStorage.length), 0);

    assert.deepEqual(foreign, [], 'no request leaves the origin (no CDN fonts or icons)');
    assert.deepEqual(errors, [], 'no uncaught errors in the page');
  } catch (e) {
    await page.screenshot({ path: join(artifacts, 'failure.png'), fullPage: true }).catch(() => undefined);
    throw e;
  } finally {
    await context.close();
  }
});

test('the portal files go out gzipped, hashed ones cached for good; API answers are never compressed', async () => {
  const index = await fetch(`${stack.baseUrl}/`, { headers: { 'accept-encoding': 'gzip' } });
  assert.equal(index.headers.get('cache-control'), 'no-cache');
  const html = await index.text();
  const main = /<script[^>]+src="(main-[A-Z0-9]+\.js)"/.exec(html)?.[1];
  assert.ok(main, 'index.html loads a hashed main script');
  const js = await fetch(`${stack.baseUrl}/${main}`, { headers: { 'accept-encoding': 'gzip' } });
  assert.equal(js.status, 200);
  assert.equal(js.headers.get('content-encoding'), 'gzip');
  assert.equal(js.headers.get('cache-control'), 'public, max-age=31536000, immutable');
  // a login answer carries tokens: never compressed, whatever the client accepts
  const login = await fetch(`${stack.baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'accept-encoding': 'gzip' },
    body: JSON.stringify({ username: 'atd.caseworker', password: 'demo-password-2026' }),
  });
  assert.equal(login.status, 200);
  assert.equal(login.headers.get('content-encoding'), null);

  // decision 0019: the splash is in index.html itself, styled inline, with no script of its own;
  // the stylesheet does not block the first paint (its onload is the one handler the CSP allows)
  assert.match(html, /data-testid="splash"/);
  assert.doesNotMatch(html, /<script(?![^>]*\ssrc=)[^>]*>/, 'no inline script');
  assert.match(html, /<link rel="stylesheet" href="styles-[A-Z0-9]+\.css" media="print" onload="this\.media='all'">/);
  const csp = index.headers.get('content-security-policy') ?? '';
  assert.match(csp, /script-src 'self'(;|$)/);
  assert.match(csp, /script-src-attr 'unsafe-hashes' 'sha256-MhtPZXr7\+LpJUY5qtMutB\+qWfQtMaPccfe7QXtCcEYc='/);
  // the service worker and its manifest are always revalidated, so a deployment is seen at once
  for (const f of ['ngsw-worker.js', 'ngsw.json']) {
    const r = await fetch(`${stack.baseUrl}/${f}`);
    assert.equal(r.status, 200, f);
    assert.equal(r.headers.get('cache-control'), 'no-cache', f);
  }
  const manifest = await (await fetch(`${stack.baseUrl}/ngsw.json`)).json();
  assert.deepEqual(manifest.dataGroups ?? [], [], 'the service worker caches no API answer');
});
