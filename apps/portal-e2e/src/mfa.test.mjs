// Two-step sign-in (TOTP) against the real stack. lwu.caseworker sets it up on the profile (QR code
// and the secret in groups of four), turns it on with a code, signs out, and signs in again with
// the password and then a code (a wrong code is refused, "back" returns to the password step). Then
// lwu.admin resets it on the users page with a reason (a lost phone): the caseworker's session ends
// and they sign in with the password alone. English for the first half, Lao for the second. The
// challenge token and the secret never appear in a URL or in storage. axe-core on each step.
// Codes are computed with otplib (RFC 6238: HMAC-SHA1, 6 digits, 30 s), as any authenticator app does.
// Needs `nx build api portal` first:
//   node --test apps/portal-e2e/src/mfa.test.mjs
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import otplib from 'otplib';
import { artifacts, assertAccessible, LAO, launchBrowser, login, logout, newPage as openPage, PASSWORD } from './helpers.mjs';
import { startStack } from './stack.mjs';

const USER = 'lwu.caseworker';
const PERIOD = 30;

let stack;
let browser;
/** the caseworker's page, signed in with a code at the end of the first test: the reset must end its session */
let caseworker;
/** every URL the pages asked for or went to, and what the API answered to login, to check for leaks */
const urls = [];
const secrets = [];

before(async () => {
  mkdirSync(artifacts, { recursive: true });
  stack = await startStack();
  browser = await launchBrowser();
});

after(async () => {
  await caseworker?.context.close().catch(() => undefined);
  await browser?.close();
  await stack?.stop();
});

/**
 * A page that records its URLs, to check for leaks, and the challenges the API answers to a login.
 * The challenge is taken on its way to the page (route.fetch): a response listener can lose the
 * body when the page navigates meanwhile.
 */
async function newPage(viewport) {
  const p = await openPage(browser, viewport);
  p.page.on('request', (r) => urls.push(r.url()));
  p.page.on('framenavigated', (f) => urls.push(f.url()));
  await p.context.route('**/api/v1/auth/login', async (route) => {
    const response = await route.fetch();
    const body = await response.json().catch(() => null);
    if (typeof body?.mfaToken === 'string') secrets.push(body.mfaToken);
    await route.fulfill({ response });
  });
  return p;
}

/** Submits the password step of an account with MFA: the code step follows. */
async function submitPassword(page) {
  const before = secrets.length;
  await page.getByTestId('login-submit').click();
  await page.getByTestId('login-mfa-code').waitFor();
  assert.equal(secrets.length, before + 1, 'the API answered a challenge, not a session');
}

const stepAt = (ms) => Math.floor(ms / 1000 / PERIOD);

/** The RFC 6238 code of `secret` (base32) for a time step, as an authenticator app computes it. */
const totp = (secret, step) => otplib.authenticator.clone({ epoch: step * PERIOD * 1000 }).generate(secret);

/** A code that is right for none of the steps the API accepts now (one step of drift either way). */
function wrongCode(secret) {
  const now = stepAt(Date.now());
  const right = new Set([now - 2, now - 1, now, now + 1, now + 2].map((s) => totp(secret, s)));
  for (let n = 0; ; n++) {
    const c = String((123456 + n * 7919) % 1_000_000).padStart(6, '0');
    if (!right.has(c)) return c;
  }
}

/** Each code works once: wait until a time step later than `step` has begun (a little into it). */
async function nextStepAfter(step) {
  while (stepAt(Date.now() - 1000) <= step) await new Promise((r) => setTimeout(r, 500));
}

async function useLanguage(page, lang) {
  if ((await page.getAttribute('html', 'lang')) === lang) return;
  await page.getByTestId(`language-${lang}`).click();
  await page.waitForFunction((l) => document.documentElement.lang === l, lang);
}

async function shoot(page, name) {
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: join(artifacts, name), fullPage: true });
}

async function storageText(page) {
  return page.evaluate(() => JSON.stringify({ ...sessionStorage }) + JSON.stringify({ ...localStorage }));
}

test('caseworker: sets up two-step sign-in on the profile, then signs in with a code (English)', async () => {
  const { context, page, errors } = await newPage();
  let handedOver = false;
  try {
    await login(page, stack.baseUrl, USER, 'en');
    await page.getByTestId('nav-profile').click();
    const section = page.getByTestId('mfa-section');
    await section.waitFor();
    assert.equal((await page.getByTestId('mfa-status').innerText()).trim(), 'Off');
    assert.equal(await page.getByTestId('mfa-required').count(), 0, 'not required in development');
    await assertAccessible(page, 'profile, two-step sign-in off (en)');

    // the password is asked again first
    await page.getByTestId('mfa-password').fill('not-my-password');
    await page.getByTestId('mfa-start').click();
    await page.getByTestId('mfa-password-error').waitFor();
    assert.match(await page.getByTestId('mfa-password-error').innerText(), /not right/);

    const setupAnswer = page.waitForResponse((r) => r.url().endsWith('/api/v1/me/mfa/setup') && r.request().method() === 'POST');
    await page.getByTestId('mfa-password').fill(PASSWORD);
    await page.getByTestId('mfa-start').click();
    assert.equal((await setupAnswer).status(), 200);
    await page.getByTestId('mfa-secret').waitFor();
    const shown = (await page.getByTestId('mfa-secret').innerText()).trim();
    assert.match(shown, /^[A-Z2-7]{4}( [A-Z2-7]{1,4})+$/, 'the secret in groups of four');
    const secret = shown.replace(/\s+/g, '');
    secrets.push(secret);
    assert.equal(await page.getByTestId('mfa-secret').getAttribute('lang'), 'en');
    assert.equal(await page.getByTestId('mfa-secret').getAttribute('translate'), 'no');
    const qr = page.getByTestId('mfa-qr');
    assert.match((await qr.getAttribute('src')) ?? '', /^data:image\/svg\+xml/);
    assert.ok((await qr.getAttribute('alt'))?.length, 'the QR code has a text alternative');
    assert.ok(await qr.evaluate((img) => img.complete && img.naturalWidth > 0), 'the QR code is drawn (CSP allows data: images)');
    assert.equal(await page.getByTestId('mfa-code').getAttribute('inputmode'), 'numeric');
    assert.equal(await page.getByTestId('mfa-code').getAttribute('autocomplete'), 'one-time-code');
    await shoot(page, 'profile-mfa-setup-en.png');
    await assertAccessible(page, 'profile, two-step sign-in setup (en)');

    // a wrong code does not turn it on
    await page.getByTestId('mfa-code').fill(wrongCode(secret));
    await page.getByTestId('mfa-enable').click();
    await page.getByTestId('mfa-code-error').waitFor();
    assert.match(await page.getByTestId('mfa-code-error').innerText(), /not right/);
    assert.equal((await page.getByTestId('mfa-status').innerText()).trim(), 'Off');

    // the right one does
    const enabledStep = stepAt(Date.now());
    await page.getByTestId('mfa-code').fill(totp(secret, enabledStep));
    await page.getByTestId('mfa-enable').click();
    await page.getByTestId('mfa-enabled-notice').waitFor();
    assert.equal((await page.getByTestId('mfa-status').innerText()).trim(), 'On');
    assert.equal(await page.getByTestId('mfa-secret').count(), 0, 'the secret is gone once MFA is on');
    assert.equal(await page.getByTestId('mfa-qr').count(), 0);
    assert.ok(!(await page.evaluate(() => document.body.innerHTML)).includes(secret), 'nowhere in the page any more');
    await assertAccessible(page, 'profile, two-step sign-in on (en)');

    await logout(page);

    // password, then the code step; "back" returns to the password step and forgets the challenge
    await useLanguage(page, 'en');
    await page.getByTestId('login-username').fill(USER);
    await page.getByTestId('login-password').fill(PASSWORD);
    await submitPassword(page);
    await page.getByTestId('login-mfa-code').waitFor();
    await page.getByTestId('login-mfa-back').click();
    await page.getByTestId('login-password').waitFor();
    assert.equal(await page.getByTestId('login-password').inputValue(), '', 'the password is not kept');
    assert.equal(await page.getByTestId('login-username').inputValue(), USER);
    assert.equal(await page.getByTestId('login-mfa-code').count(), 0);

    await page.getByTestId('login-password').fill(PASSWORD);
    await submitPassword(page);
    const code = page.getByTestId('login-mfa-code');
    await code.waitFor();
    assert.equal(await code.evaluate((el) => el === document.activeElement), true, 'the code field has the focus');
    assert.equal(await code.getAttribute('inputmode'), 'numeric');
    assert.equal(await code.getAttribute('autocomplete'), 'one-time-code');
    assert.equal(await code.getAttribute('maxlength'), '6');
    assert.equal(new URL(page.url()).pathname, '/login');
    assert.equal(new URL(page.url()).search, '', 'nothing in the URL');
    const stored = await storageText(page);
    for (const s of secrets) assert.ok(!stored.includes(s), 'neither the challenge nor the secret is stored');
    await shoot(page, 'login-mfa-en.png');
    await assertAccessible(page, 'login, code step (en)');

    // a wrong code is refused, the code step stays
    await code.fill(wrongCode(secret));
    await page.getByTestId('login-mfa-submit').click();
    await page.getByTestId('login-mfa-error').waitFor();
    assert.match(await page.getByTestId('login-mfa-error').innerText(), /not right or has expired/);
    assert.equal(await code.inputValue(), '');
    await assertAccessible(page, 'login, wrong code (en)');

    // the code of the step used to turn MFA on cannot be used again: wait for the next one
    await nextStepAfter(enabledStep);
    const signedIn = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/mfa'));
    await code.fill(totp(secret, stepAt(Date.now())));
    await page.getByTestId('login-mfa-submit').click();
    assert.equal((await signedIn).status(), 200);
    await page.getByTestId('shell-user-name').waitFor();
    assert.equal(new URL(page.url()).pathname, '/');
    await page.getByTestId('nav-cases').waitFor();

    assert.deepEqual(errors, [], 'no uncaught errors in the page');
    caseworker = { context, page, errors };
    handedOver = true;
  } catch (e) {
    await page.screenshot({ path: join(artifacts, 'mfa-failure.png'), fullPage: true }).catch(() => undefined);
    throw e;
  } finally {
    if (!handedOver) await context.close();
  }
});

test('administrator resets two-step sign-in for a lost phone; the caseworker signs in with the password alone (Lao)', async () => {
  assert.ok(caseworker, 'the first test left the caseworker signed in with a code');
  const { context, page, errors } = await newPage();
  try {
    await login(page, stack.baseUrl, 'lwu.admin', 'lo');
    await page.getByTestId('nav-users').click();
    const row = page.getByTestId(`user-row-${USER}`);
    await row.waitFor();
    assert.equal((await row.getByTestId('user-mfa').innerText()).trim(), 'ເປີດ');
    assert.equal(await page.getByTestId('user-row-lwu.supervisor').getByTestId('user-reset-mfa').count(), 0, 'no reset for a user without MFA');
    await row.getByTestId('user-reset-mfa').click();
    await page.getByTestId('user-action-form').waitFor();
    assert.match(await page.getByTestId('user-action-form').innerText(), LAO);
    await assertAccessible(page, 'users, reset two-step sign-in (lo)');
    await page.getByTestId('user-action-reason').fill('ເສຍໂທລະສັບ');
    const reset = page.waitForResponse((r) => r.url().endsWith('/reset-mfa') && r.request().method() === 'POST');
    await page.getByTestId('user-action-submit').click();
    assert.equal((await reset).status(), 200);
    await row.getByTestId('user-reset-mfa').waitFor({ state: 'detached' });
    assert.equal((await row.getByTestId('user-mfa').innerText()).trim(), 'ປິດ');
    assert.match(await page.getByTestId('users-notice').innerText(), LAO);
    await shoot(page, 'users-mfa-reset-lo.png');
    assert.deepEqual(errors, [], "no uncaught errors in the administrator's page");
  } catch (e) {
    await page.screenshot({ path: join(artifacts, 'mfa-reset-failure.png'), fullPage: true }).catch(() => undefined);
    throw e;
  } finally {
    await context.close();
  }

  // the caseworker's session has ended: a reload cannot bring it back
  await caseworker.page.reload();
  await caseworker.page.getByTestId('login-username').waitFor();
  assert.deepEqual(caseworker.errors, [], "no uncaught errors in the caseworker's page");
  await caseworker.context.close();
  caseworker = undefined;

  const cw = await newPage();
  try {
    // the password alone again: no code step
    await login(cw.page, stack.baseUrl, USER, 'lo');
    assert.equal(await cw.page.getByTestId('login-mfa-code').count(), 0);
    await cw.page.setViewportSize({ width: 375, height: 740 });
    await cw.page.goto(`${stack.baseUrl}/profile`);
    await cw.page.getByTestId('mfa-section').waitFor();
    assert.equal((await cw.page.getByTestId('mfa-status').innerText()).trim(), 'ຍັງບໍ່ໄດ້ເປີດໃຊ້');
    assert.match(await cw.page.getByTestId('mfa-section').innerText(), LAO);
    await cw.page.getByTestId('mfa-start').waitFor();
    await shoot(cw.page, 'profile-mfa-off-lo-phone.png');
    await assertAccessible(cw.page, 'profile, two-step sign-in off (lo, phone)');
    assert.deepEqual(cw.errors, [], 'no uncaught errors in the page');
  } catch (e) {
    await cw.page.screenshot({ path: join(artifacts, 'mfa-password-alone-failure.png'), fullPage: true }).catch(() => undefined);
    throw e;
  } finally {
    await cw.context.close();
  }

  const leaks = urls.filter((u) => secrets.some((s) => u.includes(s) || u.includes(encodeURIComponent(s))));
  assert.ok(secrets.length >= 3, 'the secret and the challenges were seen');
  assert.deepEqual(leaks, [], 'no URL ever carried the challenge token or the secret');
});
