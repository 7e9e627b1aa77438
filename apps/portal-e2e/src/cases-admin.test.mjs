// Case pages and administration pages against the real stack. The fresh database has no cases, so
// the test opens one through the API (a screening by atd.caseworker, approved by atd.supervisor,
// assigned to atd.caseworker), then works on it in the browser: the masked list, the case page with
// the identity shown on request, a note, a consent; the supervisor's access log; and lwu.admin
// creating a user with an e-mail (no password shown to anyone): the worker mails the one-time link,
// the test reads it from the stack's MAIL_DIR and the user activates the account there (Lao, on a
// phone), a reset sends another (English, desktop), then the account is disabled. axe-core on
// every page.
// Needs `nx build api portal` first:
//   node --test --test-concurrency=1 apps/portal-e2e/src/cases-admin.test.mjs
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import {
  activationLink,
  api as apiAt,
  apiLogin as apiLoginAt,
  artifacts,
  assertAccessible,
  CHROMIUM_ARGS,
  LAO,
  login,
  newPage as openPage,
  screenAndApprove,
} from './helpers.mjs';
import { startStack } from './stack.mjs';

// the canary: must never appear on a list, and on the case page only after "show identity"
const GIVEN = 'ຄານາຣີ';
const FAMILY = 'ທົດສອບລັບ';
const LATIN = 'Canary Hiddenname';

let stack;
let browser;
let caseId;
let caseNumber;

const api = (path, opts) => apiAt(stack.baseUrl, path, opts);

const apiLogin = (username) => apiLoginAt(stack.baseUrl, username);

/** A screening with full interview consent, submitted and approved: approval opens the case. */
async function openCase() {
  const cw = await apiLogin('atd.caseworker');
  const sup = await apiLogin('atd.supervisor');
  const s = await screenAndApprove(stack.baseUrl, cw.token, sup.token, {
    givenNameLo: GIVEN,
    familyNameLo: FAMILY,
    latinNames: [LATIN],
  });
  let c = await api(`/cases/${s.caseId}`, { token: sup.token });
  c = await api(`/cases/${c.id}/assign`, {
    token: sup.token,
    method: 'POST',
    body: { version: c.version, userId: cw.user.id },
  });
  return c;
}

before(async () => {
  mkdirSync(artifacts, { recursive: true });
  stack = await startStack({ worker: true });
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const c = await openCase();
  caseId = c.id;
  caseNumber = c.caseNumber;
});

after(async () => {
  await browser?.close();
  await stack?.stop();
});

const newPage = (viewport) => openPage(browser, viewport);
const signIn = (page, username) => login(page, stack.baseUrl, username);

/** Opens a mat-select and picks the option at this index (a multiple select is closed with Escape). */
async function pickOption(page, testId, index = 0, { multiple = false } = {}) {
  await page.getByTestId(testId).click();
  await page.getByRole('option').nth(index).click();
  if (multiple) await page.keyboard.press('Escape');
  await page.getByRole('listbox').waitFor({ state: 'detached' });
}

async function bodyText(page) {
  return page.evaluate(() => document.body.innerText);
}

async function shoot(page, name) {
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: join(artifacts, name), fullPage: true });
}

test('caseworker: masked list, case page, identity on request, a note and a consent (Lao)', async () => {
  const { context, page, errors } = await newPage();
  try {
    await signIn(page, 'atd.caseworker');
    assert.equal(await page.getAttribute('html', 'lang'), 'lo');

    await page.getByTestId('nav-cases').click();
    await page.getByTestId('case-row').first().waitFor();
    const listText = await bodyText(page);
    assert.match(listText, new RegExp(caseNumber));
    for (const n of [GIVEN, FAMILY, LATIN]) assert.ok(!listText.includes(n), `the list never shows the name (${n})`);
    assert.match(await page.getByTestId('case-list').innerText(), LAO);
    assert.match(
      await page.getByTestId('case-table').innerText(),
      /\d{1,2} (ມັງກອນ|ກຸມພາ|ມີນາ|ເມສາ|ພຶດສະພາ|ມິຖຸນາ|ກໍລະກົດ|ສິງຫາ|ກັນຍາ|ຕຸລາ|ພະຈິກ|ທັນວາ) \d{4}/,
      'dates in Lao',
    );
    assert.ok(!/[?&](name|given|family)/i.test(page.url()));
    await shoot(page, 'cases-list-lo.png');
    await assertAccessible(page, 'case list (lo)');

    // the filters go into the URL as codes only
    await page.getByTestId('filter-mine').locator('input').check();
    await page.getByTestId('filter-apply').click();
    await page.waitForURL(/mine=1/);
    await page.getByTestId('case-row').first().waitFor();

    await page.getByTestId('case-link').first().click();
    await page.getByTestId('case-number').waitFor();
    assert.match(await page.getByTestId('case-number').innerText(), new RegExp(caseNumber));
    await page.getByTestId('show-identity').waitFor();
    let text = await bodyText(page);
    for (const n of [GIVEN, FAMILY, LATIN])
      assert.ok(!text.includes(n), `the case page hides the name until asked (${n})`);
    await shoot(page, 'case-lo.png');
    await assertAccessible(page, 'case page (lo)');

    // show identity: the person read (audited by the API) and the name appear
    const read = page.waitForResponse((r) => r.url().includes('/api/v1/persons/') && r.request().method() === 'GET');
    await page.getByTestId('show-identity').click();
    assert.equal((await read).status(), 200);
    await page.getByTestId('identity-name').waitFor();
    assert.match(await page.getByTestId('identity-name').innerText(), new RegExp(GIVEN));
    await shoot(page, 'case-identity-lo.png');
    await page.getByTestId('hide-identity').click();
    await page.getByTestId('identity-masked').waitFor();

    // a note: append-only
    await page.getByTestId('tab-notes').click();
    await page.getByTestId('note-form').waitFor();
    await page.getByTestId('note-body').fill('ໄດ້ພົບກັບຜູ້ເຄາະຮ້າຍ ແລະ ອະທິບາຍສິດຂອງລາວ.');
    await page.getByTestId('note-submit').click();
    await page.getByTestId('note').first().waitFor();
    assert.match(await page.getByTestId('note-list').innerText(), /ໄດ້ພົບກັບຜູ້ເຄາະຮ້າຍ/);
    await assertAccessible(page, 'case notes (lo)');

    // a consent: interview consent given by the person in writing, covering the case summary
    await page.getByTestId('tab-consents').click();
    await page.getByTestId('consent-new').click();
    await page.getByTestId('consent-form').waitFor();
    await pickOption(page, 'consent-type', 0);
    await page.getByTestId('consent-category-CASE_SUMMARY').locator('input').check();
    await pickOption(page, 'consent-given-by', 0);
    await pickOption(page, 'consent-form-kind', 0);
    const granted = page.waitForResponse(
      (r) => r.url().endsWith(`/cases/${caseId}/consents`) && r.request().method() === 'POST',
    );
    await page.getByTestId('consent-submit').click();
    assert.equal((await granted).status(), 201);
    await page.getByTestId('consent').first().waitFor();
    assert.equal(await page.getByTestId('consent').count(), 1);
    assert.match(await page.getByTestId('consent-status').first().innerText(), /ມີຜົນ/);
    await shoot(page, 'case-consents-lo.png');
    await assertAccessible(page, 'case consents (lo)');

    // the timeline shows the note
    await page.getByTestId('tab-timeline').click();
    await page.getByTestId('timeline-event').first().waitFor();
    assert.match(await page.getByTestId('case-timeline').innerText(), /ເພີ່ມບັນທຶກ/);

    text = await bodyText(page);
    assert.ok(!text.includes(GIVEN), 'hidden again after "hide identity"');
    assert.deepEqual(errors, [], 'no uncaught errors in the page');
  } catch (e) {
    await page.screenshot({ path: join(artifacts, 'cases-failure.png'), fullPage: true }).catch(() => undefined);
    throw e;
  } finally {
    await context.close();
  }
});

test('supervisor: the access log lists the caseworker (English)', async () => {
  const { context, page, errors } = await newPage();
  try {
    await signIn(page, 'atd.supervisor');
    await page.getByTestId('language-en').click();
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    await page.goto(`${stack.baseUrl}/cases/${caseId}`);
    await page.getByTestId('case-number').waitFor();
    await page.getByTestId('tab-access-log').click();
    await page.getByTestId('access-row').first().waitFor();
    const log = await page.getByTestId('case-access-log').innerText();
    // the caseworker (atd.caseworker) by name and the agency by its name, not by codes (issue 17)
    assert.match(log, /ສົມພອນ ວົງສະຫວັນ/);
    assert.match(log, /Anti-Trafficking Department/);
    assert.doesNotMatch(log, /atd\.caseworker|MOPS_ATD/);
    assert.match(log, /Opened the case/);
    assert.match(log, /Allowed/);
    assert.match(log, /\d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2}/, 'times in Lao time, 24-hour');
    await shoot(page, 'case-access-log-en.png');
    await assertAccessible(page, 'access log (en)');
    assert.deepEqual(errors, [], 'no uncaught errors in the page');
  } catch (e) {
    await page.screenshot({ path: join(artifacts, 'access-log-failure.png'), fullPage: true }).catch(() => undefined);
    throw e;
  } finally {
    await context.close();
  }
});

/** What the API answers to a sign-in with this password (the status only). */
async function loginStatus(username, password) {
  const res = await fetch(`${stack.baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  await res.arrayBuffer();
  return res.status;
}

async function storageText(page) {
  return page.evaluate(() => JSON.stringify({ ...sessionStorage }) + JSON.stringify({ ...localStorage }));
}

test('agency administrator: creates a user with an e-mail, never sees a password; the user activates the account from the link (Lao, phone); a reset sends a new link (English); disabling refuses both passwords', async () => {
  const { context, page, errors } = await newPage();
  const USER = 'e2e.worker';
  const EMAIL = 'e2e.worker@demo.invalid';
  const first = 'ນ້ຳຂອງໄຫຼຜ່ານວຽງຈັນ ທຸກມື້';
  const second = 'the ferry crosses at dawn with rice and ducks';
  /** the activation e-mails already read */
  const seen = new Set();
  /**
   * What the API answered to the administrator's create and reset, taken on its way to the page
   * (route.fetch): a response listener can find the body already gone on a busy machine.
   */
  const answers = [];
  await context.route(/\/api\/v1\/admin\/users(\/[^/]+\/reset)?$/, async (route) => {
    const response = await route.fetch();
    if (route.request().method() === 'POST')
      answers.push({
        url: route.request().url(),
        status: response.status(),
        body: await response.json().catch(() => null),
      });
    await route.fulfill({ response });
  });
  /** string fields named like a password in an answer (there must be none) */
  const passwordsIn = (body) =>
    Object.entries(body ?? {}).filter(([k, v]) => /password/i.test(k) && typeof v === 'string');
  try {
    await signIn(page, 'lwu.admin');
    assert.equal(await page.getByTestId('nav-cases').count(), 0, 'administrators have no case pages');
    await page.getByTestId('nav-users').click();
    await page.getByTestId('users-table').waitFor();
    await page.getByTestId('user-row-lwu.caseworker').waitFor();
    await shoot(page, 'users-lo.png');
    await assertAccessible(page, 'users (lo)');

    await page.getByTestId('user-new').click();
    await page.getByTestId('user-form').waitFor();
    // an agency administrator is never offered the administrator roles
    assert.equal(await page.getByTestId('user-role-AGENCY_ADMIN').count(), 0);
    assert.equal(await page.getByTestId('user-role-SYSTEM_ADMIN').count(), 0);
    await page.getByTestId('user-username').fill(USER);
    await page.getByTestId('user-display-name').fill('ນາງ ທົດລອງ');
    await page.getByTestId('user-email').fill(EMAIL);
    await page.getByTestId('user-role-CASEWORKER').locator('input').check();
    await pickOption(page, 'user-provinces', 0, { multiple: true });
    await page.getByTestId('user-submit').click();
    await page.getByTestId('user-form').waitFor({ state: 'detached' });
    const created = answers.find((a) => a.url.endsWith('/api/v1/admin/users'));
    assert.equal(created?.status, 201);
    assert.equal(created.body?.username, USER);
    assert.deepEqual(passwordsIn(created.body), [], 'the answer carries no password');
    assert.match(await page.getByTestId('users-notice').innerText(), LAO, 'the link went to the user: said in Lao');
    assert.equal(await page.getByTestId('temp-password').count(), 0, 'no password is ever shown');
    const row = page.getByTestId(`user-row-${USER}`);
    await row.waitFor();
    assert.match(
      (await row.getByTestId('user-status').innerText()).trim(),
      /ລໍຖ້າຜູ້ໃຊ້ເປີດນຳໃຊ້ບັນຊີ/,
      'waiting for the user to activate',
    );
    await shoot(page, 'users-created-lo.png');
    await assertAccessible(page, 'users, account created (lo)');

    // the worker sends the one-time link to the user's own address; the token is in the fragment
    const link = await activationLink(stack.mailDir, EMAIL, seen);
    assert.equal(new URL(link).origin, stack.baseUrl);
    const token = new URL(link).hash.replace(/^#token=/, '');
    assert.match(token, /^[A-Za-z0-9_-]{43}$/);
    assert.ok(!(await bodyText(page)).includes(token), "the administrator's page never holds the token");

    // the user opens it on a phone, in Lao: a too-short password is refused by the policy, then their own
    const worker = await newPage({ width: 375, height: 740 });
    const workerUrls = [];
    worker.page.on('request', (r) => workerUrls.push(r.url()));
    try {
      await worker.page.goto(link);
      await worker.page.getByTestId('activation-form').waitFor();
      assert.equal(new URL(worker.page.url()).hash, '', 'the token leaves the address bar at once');
      assert.equal(await worker.page.getAttribute('html', 'lang'), 'lo');
      assert.match(
        await worker.page.getByTestId('activation-username').innerText(),
        new RegExp(USER.replace('.', '\\.')),
      );
      assert.equal(
        await worker.page.getByTestId('activation-code').count(),
        0,
        'no code step where MFA is not required',
      );
      await shoot(worker.page, 'activation-lo-phone.png');
      await assertAccessible(worker.page, 'activation (lo, phone)');

      const refused = worker.page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/activation/complete'));
      await worker.page.getByTestId('activation-password').fill('ສັ້ນໆ');
      await worker.page.getByTestId('activation-repeat').fill('ສັ້ນໆ');
      await worker.page.getByTestId('activation-submit').click();
      assert.equal((await refused).status(), 400);
      await worker.page.getByTestId('activation-password-error').waitFor();
      assert.match(
        await worker.page.getByTestId('activation-password-error').innerText(),
        LAO,
        "the policy's answer, in Lao",
      );
      assert.match(await worker.page.getByTestId('activation-failed').innerText(), LAO);
      await assertAccessible(worker.page, 'activation, password refused (lo, phone)');
      assert.equal(await loginStatus(USER, 'ສັ້ນໆ'), 401, 'nothing was saved');

      await worker.page.getByTestId('activation-password').fill(first);
      await worker.page.getByTestId('activation-repeat').fill(first);
      await worker.page.getByTestId('activation-submit').click();
      await worker.page.getByTestId('activation-done').waitFor();
      assert.match(await worker.page.getByTestId('activation-done').innerText(), LAO);
      await shoot(worker.page, 'activation-done-lo-phone.png');
      await assertAccessible(worker.page, 'activation done (lo, phone)');
      await worker.page.getByTestId('activation-to-login').click();
      await worker.page.getByTestId('login-username').waitFor();

      // the user signs in with their own password: the whole menu, no stop at the profile
      await login(worker.page, stack.baseUrl, USER, undefined, first);
      await worker.page.getByTestId('home-greeting').waitFor();
      assert.equal(new URL(worker.page.url()).pathname, '/', 'home, not held to the profile');
      // on a phone the menu opens from its button
      await worker.page.getByTestId('menu-toggle').click();
      await worker.page.getByTestId('nav-cases').waitFor();
      await shoot(worker.page, 'menu-new-user-lo-phone.png');
      await worker.page.getByTestId('nav-cases').click();
      await worker.page.getByTestId('case-list').waitFor();
      assert.equal(new URL(worker.page.url()).pathname, '/cases');
      assert.deepEqual(
        workerUrls.filter((u) => u.includes('/api/') && u.includes(token)),
        [],
        'the token never travels in a URL to the API',
      );
      assert.ok(!(await storageText(worker.page)).includes(token), 'the token is not stored');
      assert.deepEqual(worker.errors, [], "no uncaught errors in the new user's page");
    } finally {
      await worker.context.close();
    }
    // a reset: the first password stops working at once and a new link goes to the user
    await row.getByTestId('user-reset').click();
    await page.getByTestId('user-action-form').waitFor();
    assert.match(await page.getByTestId('user-action-form').innerText(), LAO);
    await page.getByTestId('user-action-reason').fill('ລືມລະຫັດຜ່ານ');
    await page.getByTestId('user-action-submit').click();
    await page.getByTestId('user-action-form').waitFor({ state: 'detached' });
    const resetAnswer = answers.find((a) => a.url.endsWith('/reset'));
    assert.equal(resetAnswer?.status, 200);
    assert.equal(resetAnswer.body?.username, USER);
    assert.deepEqual(passwordsIn(resetAnswer.body), [], 'the answer carries no password');
    assert.match(await page.getByTestId('users-notice').innerText(), LAO);
    assert.match(
      (await row.getByTestId('user-status').innerText()).trim(),
      /ໃຊ້ງານໄດ້/,
      'the account stays active: only its password was cleared',
    );
    assert.equal(await loginStatus(USER, first), 401, 'the reset password no longer works');
    const link2 = await activationLink(stack.mailDir, EMAIL, seen);
    assert.notEqual(link2, link);

    // this time on a desktop, in English: the used link is dead, the old password is refused as the new one
    const again = await newPage();
    try {
      await again.page.goto(link);
      await again.page.getByTestId('activation-invalid').waitFor();
      await again.page.getByTestId('language-en').click();
      await again.page.waitForFunction(() => document.documentElement.lang === 'en');
      assert.match(await again.page.getByTestId('activation-invalid').innerText(), /not valid any more/);
      await assertAccessible(again.page, 'activation, used link (en)');

      // a new document (not a same-page jump to another fragment): the page reads the new link
      await again.page.goto('about:blank');
      await again.page.goto(link2);
      await again.page.getByTestId('activation-form').waitFor();
      assert.equal(await again.page.getAttribute('html', 'lang'), 'en');
      assert.match(await again.page.getByRole('heading', { level: 1 }).innerText(), /Choose a new password/);
      await assertAccessible(again.page, 'activation after a reset (en)');
      await again.page.getByTestId('activation-password').fill(first);
      await again.page.getByTestId('activation-repeat').fill(first);
      await again.page.getByTestId('activation-submit').click();
      await again.page.getByTestId('activation-password-error').waitFor();
      assert.match(
        await again.page.getByTestId('activation-password-error').innerText(),
        /different from the password it replaces/,
      );
      await again.page.getByTestId('activation-password').fill(second);
      await again.page.getByTestId('activation-repeat').fill(second);
      await again.page.getByTestId('activation-submit').click();
      await again.page.getByTestId('activation-done').waitFor();
      assert.match(await again.page.getByTestId('activation-done').innerText(), /Sign in with it now/);
      await shoot(again.page, 'activation-reset-done-en.png');
      await again.page.getByTestId('activation-to-login').click();
      await again.page.getByTestId('login-username').waitFor();
      await login(again.page, stack.baseUrl, USER, 'en', second);
      await again.page.getByTestId('nav-cases').waitFor();
      assert.equal(new URL(again.page.url()).pathname, '/');
      assert.deepEqual(again.errors, [], "no uncaught errors in the user's page");
    } finally {
      await again.context.close();
    }

    await row.getByTestId('user-status').waitFor();
    const before = (await row.getByTestId('user-status').innerText()).trim();
    await row.getByTestId('user-disable').click();
    await page.getByTestId('user-action-reason').fill('ອອກຈາກວຽກແລ້ວ');
    await page.getByTestId('user-action-submit').click();
    await row.getByTestId('user-enable').waitFor();
    const afterStatus = (await row.getByTestId('user-status').innerText()).trim();
    assert.notEqual(afterStatus, before);
    assert.match(afterStatus, LAO);
    await shoot(page, 'users-disabled-lo.png');

    // the disabled account can no longer sign in, with the password the reset replaced or the new one
    for (const password of [first, second])
      assert.equal(await loginStatus(USER, password), 401, 'a disabled user is refused');
    assert.deepEqual(errors, [], 'no uncaught errors in the page');
  } catch (e) {
    await page.screenshot({ path: join(artifacts, 'users-failure.png'), fullPage: true }).catch(() => undefined);
    throw e;
  } finally {
    await context.close();
  }
});
