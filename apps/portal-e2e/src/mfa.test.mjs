// Two-step sign-in (TOTP) against the real stack. lwu.caseworker sets it up on the profile (QR code
// and the secret in groups of four), turns it on with a code, signs out, and signs in again with
// the password and then a code (a wrong code is refused, "back" returns to the password step). Then
// lwu.admin resets it on the users page with a reason (a lost phone): the caseworker's session ends
// and they sign in with the password alone. English for the first half, Lao for the second. The
// challenge token and the secret never appear in a URL or in storage. axe-core on each step.
// Then, on a second stack where MFA is required (MFA_REQUIRED=true, with the worker): lwu.admin is
// held to the profile until they set it up; the account they create is activated from the e-mailed
// link, where the user chooses a password and enrols MFA (Lao, then English, on a phone) and then
// signs in with a code; a reset of that account asks for a current code on the link's page.
// Codes are computed with otplib (RFC 6238: HMAC-SHA1, 6 digits, 30 s), as any authenticator app does.
// Needs `nx build api portal` first:
//   node --test apps/portal-e2e/src/mfa.test.mjs
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import otplib from 'otplib';
import {
  activationLink,
  artifacts,
  assertAccessible,
  LAO,
  launchBrowser,
  login,
  logout,
  newPage as openPage,
  PASSWORD,
} from './helpers.mjs';
import { startStack } from './stack.mjs';

const USER = 'lwu.caseworker';
const PERIOD = 30;

let stack;
/** the stack where MFA is required (the last test's own) */
let required;
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
  await required?.stop();
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

    const setupAnswer = page.waitForResponse(
      (r) => r.url().endsWith('/api/v1/me/mfa/setup') && r.request().method() === 'POST',
    );
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
    assert.ok(
      await qr.evaluate((img) => img.complete && img.naturalWidth > 0),
      'the QR code is drawn (CSP allows data: images)',
    );
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
    assert.equal(
      await page.getByTestId('user-row-lwu.supervisor').getByTestId('user-reset-mfa').count(),
      0,
      'no reset for a user without MFA',
    );
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
    await cw.page
      .screenshot({ path: join(artifacts, 'mfa-password-alone-failure.png'), fullPage: true })
      .catch(() => undefined);
    throw e;
  } finally {
    await cw.context.close();
  }

  const leaks = urls.filter((u) => secrets.some((s) => u.includes(s) || u.includes(encodeURIComponent(s))));
  assert.ok(secrets.length >= 3, 'the secret and the challenges were seen');
  assert.deepEqual(leaks, [], 'no URL ever carried the challenge token or the secret');
});

/** Sets MFA up on the profile page (the password asked again, then a code): answers the secret and the step whose code turned it on. */
async function enrolOnProfile(page) {
  await page.getByTestId('mfa-password').fill(PASSWORD);
  await page.getByTestId('mfa-start').click();
  await page.getByTestId('mfa-secret').waitFor();
  const secret = (await page.getByTestId('mfa-secret').innerText()).replace(/\s+/g, '');
  secrets.push(secret);
  const step = stepAt(Date.now());
  await page.getByTestId('mfa-code').fill(totp(secret, step));
  await page.getByTestId('mfa-enable').click();
  // a user held to the profile goes home at once when MFA is on (with the shell served by the
  // service worker, often before the notice can be seen); one who was not held sees the notice
  await page.locator('[data-testid="mfa-enabled-notice"], [data-testid="home-greeting"]').first().waitFor();
  return { secret, step };
}

test('where MFA is required: the administrator is held to the profile until it is on; a new user enrols it on the activation page (Lao, then English, phone) and signs in with a code; a reset asks for a current code', async () => {
  required = await startStack({ worker: true, env: { MFA_REQUIRED: 'true' } });
  const base = required.baseUrl;
  const OFFICER = 'e2e.officer';
  const EMAIL = 'e2e.officer@demo.invalid';
  const first = 'ນ້ຳຂອງໄຫຼຜ່ານວຽງຈັນ ທຸກມື້';
  const second = 'the ferry crosses at dawn with rice and ducks';
  const seen = new Set();
  const own = [];

  // the administrator has no MFA yet: signed in, but held to the profile until it is on
  const admin = await newPage();
  try {
    await login(admin.page, base, 'lwu.admin', 'lo');
    await admin.page.getByTestId('mfa-required').waitFor();
    assert.equal(new URL(admin.page.url()).pathname, '/profile');
    assert.match(await admin.page.getByTestId('mfa-required').innerText(), LAO);
    assert.equal(await admin.page.getByTestId('nav-users').count(), 0, 'no administration while held');
    await admin.page.goto(`${base}/users`);
    await admin.page.getByTestId('mfa-required').waitFor();
    assert.equal(new URL(admin.page.url()).pathname, '/profile', 'every page leads back to the profile');
    await shoot(admin.page, 'profile-mfa-required-lo.png');
    await assertAccessible(admin.page, 'profile, held until two-step sign-in is on (lo)');
    await enrolOnProfile(admin.page);
    // released: home, and the whole menu
    await admin.page.waitForURL((u) => u.pathname === '/');
    await admin.page.getByTestId('nav-users').click();
    await admin.page.getByTestId('users-table').waitFor();

    // a new caseworker, with their own e-mail address
    await admin.page.getByTestId('user-new').click();
    await admin.page.getByTestId('user-form').waitFor();
    await admin.page.getByTestId('user-username').fill(OFFICER);
    await admin.page.getByTestId('user-display-name').fill('ທ້າວ ທົດລອງ');
    await admin.page.getByTestId('user-email').fill(EMAIL);
    await admin.page.getByTestId('user-role-CASEWORKER').locator('input').check();
    await admin.page.getByTestId('user-provinces').click();
    await admin.page.getByRole('option').first().click();
    await admin.page.keyboard.press('Escape');
    await admin.page.getByRole('listbox').waitFor({ state: 'detached' });
    const created = admin.page.waitForResponse(
      (r) => r.url().endsWith('/api/v1/admin/users') && r.request().method() === 'POST',
    );
    await admin.page.getByTestId('user-submit').click();
    assert.equal((await created).status(), 201);
    await admin.page.getByTestId(`user-row-${OFFICER}`).waitFor();

    // the link, on the user's phone
    const link = await activationLink(required.mailDir, EMAIL, seen);
    const token = new URL(link).hash.replace(/^#token=/, '');
    own.push(token);
    const officer = await newPage({ width: 375, height: 740 });
    try {
      const p = officer.page;
      await p.goto(link);
      await p.getByTestId('activation-form').waitFor();
      assert.equal(new URL(p.url()).hash, '', 'the token leaves the address bar at once');
      assert.equal(await p.getAttribute('html', 'lang'), 'lo');
      // enrolment on the same page: the QR code and the key in groups of four
      const qr = p.getByTestId('activation-qr');
      await qr.waitFor();
      assert.match((await qr.getAttribute('src')) ?? '', /^data:image\/svg\+xml/);
      assert.ok((await qr.getAttribute('alt'))?.length, 'the QR code has a text alternative');
      assert.ok(await qr.evaluate((img) => img.complete && img.naturalWidth > 0), 'the QR code is drawn');
      const shown = (await p.getByTestId('activation-secret').innerText()).trim();
      assert.match(shown, /^[A-Z2-7]{4}( [A-Z2-7]{1,4})+$/, 'the secret in groups of four');
      const secret = shown.replace(/\s+/g, '');
      own.push(secret);
      const code = p.getByTestId('activation-code');
      assert.equal(await code.getAttribute('inputmode'), 'numeric');
      assert.equal(await code.getAttribute('autocomplete'), 'one-time-code');
      await shoot(p, 'activation-mfa-lo-phone.png');
      await assertAccessible(p, 'activation with MFA enrolment (lo, phone)');

      // too short: refused by the policy, in Lao, before the code is looked at
      const refused = p.waitForResponse((r) => r.url().endsWith('/api/v1/auth/activation/complete'));
      await p.getByTestId('activation-password').fill('ສັ້ນໆ');
      await p.getByTestId('activation-repeat').fill('ສັ້ນໆ');
      await code.fill(totp(secret, stepAt(Date.now())));
      await p.getByTestId('activation-submit').click();
      assert.equal((await refused).status(), 400);
      await p.getByTestId('activation-password-error').waitFor();
      assert.match(await p.getByTestId('activation-password-error').innerText(), LAO, "the policy's answer, in Lao");
      assert.equal(await code.inputValue(), '', 'the code is asked again');

      // in English: a wrong code is refused, the right one enrols MFA with the password
      await p.getByTestId('language-en').click();
      await p.waitForFunction(() => document.documentElement.lang === 'en');
      await p.getByTestId('activation-password').fill(first);
      await p.getByTestId('activation-repeat').fill(first);
      await code.fill(wrongCode(secret));
      await p.getByTestId('activation-submit').click();
      await p.getByTestId('activation-code-error').waitFor();
      assert.match(await p.getByTestId('activation-code-error').innerText(), /not right/);
      await assertAccessible(p, 'activation, wrong code (en, phone)');
      const enrolStep = stepAt(Date.now());
      await code.fill(totp(secret, enrolStep));
      await p.getByTestId('activation-submit').click();
      await p.getByTestId('activation-done').waitFor();
      assert.match(await p.getByTestId('activation-done').innerText(), /Sign in with it now/);
      assert.equal(await p.getByTestId('activation-secret').count(), 0, 'the secret is gone');
      await p.getByTestId('activation-to-login').click();

      // sign in: the password, then a code of a later step (each code works once)
      await p.getByTestId('login-username').fill(OFFICER);
      await p.getByTestId('login-password').fill(first);
      await submitPassword(p);
      await nextStepAfter(enrolStep);
      const loginStep = stepAt(Date.now());
      await p.getByTestId('login-mfa-code').fill(totp(secret, loginStep));
      await p.getByTestId('login-mfa-submit').click();
      await p.getByTestId('home-greeting').waitFor();
      assert.equal(new URL(p.url()).pathname, '/', 'home: MFA is on, nothing holds the user');
      await p.getByTestId('menu-toggle').click();
      await p.getByTestId('nav-cases').waitFor();
      await shoot(p, 'menu-after-activation-en-phone.png');

      // the administrator resets the password: the session ends, a new link goes out
      const row = admin.page.getByTestId(`user-row-${OFFICER}`);
      await admin.page.reload();
      await row.waitFor();
      await row.getByTestId('user-reset').click();
      await admin.page.getByTestId('user-action-reason').fill('ລືມລະຫັດຜ່ານ');
      const reset = admin.page.waitForResponse((r) => r.url().endsWith('/reset') && r.request().method() === 'POST');
      await admin.page.getByTestId('user-action-submit').click();
      assert.equal((await reset).status(), 200);
      await p.reload();
      await p.getByTestId('login-username').waitFor();

      // the link of a reset asks for a current code, never a new enrolment: a reset does not bypass MFA
      const link2 = await activationLink(required.mailDir, EMAIL, seen);
      own.push(new URL(link2).hash.replace(/^#token=/, ''));
      await p.goto('about:blank');
      await p.goto(link2);
      await p.getByTestId('activation-form').waitFor();
      assert.equal(await p.getByTestId('activation-qr').count(), 0);
      assert.equal(await p.getByTestId('activation-secret').count(), 0);
      await assertAccessible(p, 'activation after a reset, code asked (en, phone)');
      await p.getByTestId('activation-password').fill(second);
      await p.getByTestId('activation-repeat').fill(second);
      await code.fill(wrongCode(secret));
      await p.getByTestId('activation-submit').click();
      await p.getByTestId('activation-code-error').waitFor();
      await nextStepAfter(loginStep);
      await code.fill(totp(secret, stepAt(Date.now())));
      await p.getByTestId('activation-submit').click();
      await p.getByTestId('activation-done').waitFor();

      // the new password leads to the code step again; the old one is refused
      const answer = async (password) => {
        const res = await fetch(`${base}/api/v1/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username: OFFICER, password }),
        });
        return { status: res.status, body: await res.json().catch(() => null) };
      };
      assert.equal((await answer(first)).status, 401, 'the password the reset replaced no longer works');
      const challenge = await answer(second);
      assert.equal(challenge.status, 200);
      assert.equal(challenge.body?.mfaRequired, true, 'MFA is still on: a challenge, not a session');
      assert.equal(challenge.body?.accessToken, undefined);
      assert.ok(!(await storageText(p)).includes(secret), 'the secret is not stored');
      assert.deepEqual(officer.errors, [], "no uncaught errors in the user's page");
    } catch (e) {
      await officer.page
        .screenshot({ path: join(artifacts, 'activation-mfa-failure.png'), fullPage: true })
        .catch(() => undefined);
      throw e;
    } finally {
      await officer.context.close();
    }
    assert.deepEqual(admin.errors, [], "no uncaught errors in the administrator's page");
  } catch (e) {
    await admin.page
      .screenshot({ path: join(artifacts, 'mfa-required-admin-failure.png'), fullPage: true })
      .catch(() => undefined);
    throw e;
  } finally {
    await admin.context.close();
  }
  const leaks = urls.filter((u) => u.includes('/api/') && own.some((s) => u.includes(s)));
  assert.deepEqual(leaks, [], 'no request to the API carried the token or the secret in its URL');
});
