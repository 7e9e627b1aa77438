// Issue 17, "Done when": every page of the portal in Lao mode, on a phone (390×844), as each role
// that reaches it, shows no Latin-script text outside a small allow-list (case numbers, codes shown
// as codes, usernames and e-mail addresses where the thing shown is the account, numerals), and no
// list scrolls sideways. Also the phone-first lists: cards with status, urgency and the SLA clock
// first, incoming referrals sorted by what is due, "mark all read", names instead of codes and
// usernames, the inline "record consent" step of the referral form, and buttons named by their verb.
// Needs `nx build api portal` first.
//   node --test apps/portal-e2e/src/lao-scan.test.mjs
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
  assignCase,
  launchBrowser,
  login,
  logout,
  newPage,
  screenAndApprove,
} from './helpers.mjs';
import { startStack } from './stack.mjs';

const PHONE = { width: 390, height: 844 };

/**
 * What may stay in Latin script on a Lao screen. Each entry is a whole token (letters, digits and
 * `._@-`), and each is there because the code is the thing shown:
 * - case numbers (VT-2026-00001);
 * - usernames and e-mail addresses, on the pages that show the account itself (profile, users);
 * - agency codes and indicator codes, where the page lists them as codes (administration, the
 *   screening's indicator codes);
 * - the acronym inside an agency's official Lao name (IOM);
 * - the file formats an upload accepts or an export writes, named as their codes (PDF, JPEG, PNG,
 *   CSV, XLSX).
 */
const CASE_NUMBER = /^[A-Z]{2,3}-\d{4}-[A-Z]?\d{3,}$/;
const CODE_PAGES = new Set(['/agencies', '/users', '/profile']);
const ALLOWED_TOKENS = new Set(['IOM', 'PDF', 'JPEG', 'PNG', 'CSV', 'XLSX']);

let stack;
let browser;
/** what the seeding made: ids the scan visits */
const seeded = { caseId: null, caseNumber: null, referralIds: [], screeningId: null, handoffId: null };

before(async () => {
  mkdirSync(artifacts, { recursive: true });
  stack = await startStack({ worker: true });
  browser = await launchBrowser();
  await seed();
});

after(async () => {
  await browser?.close();
  await stack?.stop();
});

async function seed() {
  const cw = await apiLogin(stack.baseUrl, 'atd.caseworker');
  const sup = await apiLogin(stack.baseUrl, 'atd.supervisor');
  const agencies = await api(stack.baseUrl, '/reference/agencies', { token: cw.token });
  const lwu = agencies.find((a) => a.code === 'LWU');
  const dir = await api(stack.baseUrl, `/reference/service-directory?serviceType=SHELTER&province=01`, {
    token: cw.token,
  });
  assert.ok(
    dir.some((d) => d.code === 'LWU'),
    'LWU offers shelter in Vientiane Capital',
  );
  // three cases with a referral each to LWU: one in time, one overdue, one left without consent
  // for the form's inline consent step
  for (let i = 0; i < 3; i++) {
    const s = await screenAndApprove(stack.baseUrl, cw.token, sup.token, {
      givenNameLo: 'ທົດສອບ',
      familyNameLo: `ລາວ${i}`,
    });
    await assignCase(stack.baseUrl, sup.token, s.caseId, 'atd.caseworker');
    const c = await api(stack.baseUrl, `/cases/${s.caseId}`, { token: cw.token });
    if (i === 2) {
      seeded.caseId = s.caseId;
      seeded.caseNumber = c.caseNumber;
      seeded.screeningId = s.id;
      break;
    }
    await api(stack.baseUrl, `/cases/${s.caseId}/consents`, {
      token: cw.token,
      method: 'POST',
      body: {
        type: 'REFERRAL_SHARING',
        agencyIds: [lwu.id],
        purposes: ['REFERRAL_SHARING'],
        categories: ['CASE_SUMMARY'],
        givenBy: 'SELF',
        form: 'WRITTEN_SIGNATURE',
        grantedAt: new Date(Date.now() - 60_000).toISOString(),
      },
    });
    const r = await api(stack.baseUrl, `/cases/${s.caseId}/referrals`, {
      token: cw.token,
      method: 'POST',
      body: {
        toAgencyId: lwu.id,
        serviceTypes: ['SHELTER'],
        urgency: i === 0 ? 'ROUTINE' : 'HIGH',
        reason: 'ຕ້ອງການທີ່ພັກ',
        categories: ['CASE_SUMMARY'],
      },
    });
    seeded.referralIds.push(r.id);
  }
  // the second referral (sent last) is made overdue: in the inbox it must come first
  const db = new pg.Client({ connectionString: stack.adminDatabaseUrl });
  await db.connect();
  try {
    await db.query(
      `UPDATE referral SET created_at = now() - interval '80 hours', acknowledge_by = now() - interval '8 hours' WHERE id = $1`,
      [seeded.referralIds[1]],
    );
  } finally {
    await db.end();
  }
}

/** Waits for the page's heading, its requests and its fonts. */
async function settle(page) {
  await page.locator('main h1').first().waitFor({ timeout: 20_000 });
  await page.waitForLoadState('networkidle');
  await page.waitForFunction(() => !document.querySelector('[role="status"]')?.textContent?.includes('ກຳລັງໂຫຼດ'));
  await page.evaluate(() => document.fonts.ready);
}

/**
 * The Latin-script words a user sees on the page: every visible text node (and the value shown by a
 * select), cut into tokens; `<code>` elements and `.code` spans (codes shown as codes) are skipped.
 */
async function latinWords(page) {
  return page.evaluate(() => {
    const out = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || !/[A-Za-z]/.test(n.textContent ?? '')) continue;
      if (el.closest('code, .code, script, style, [aria-hidden="true"], .cdk-visually-hidden, .visually-hidden'))
        continue;
      // the English language's own name, on the language switch and the profile's language choice
      if ((n.textContent ?? '').trim() === 'English') continue;
      if (!el.checkVisibility({ visibilityProperty: true, opacityProperty: true })) continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      for (const m of (n.textContent ?? '').matchAll(/[A-Za-z0-9][A-Za-z0-9._@-]*/g)) {
        if (/[A-Za-z]/.test(m[0]))
          out.push({
            word: m[0],
            where:
              (el.getAttribute('data-testid') ?? el.tagName.toLowerCase()) +
              ' «' +
              (n.textContent ?? '').trim().slice(0, 60) +
              '»',
          });
      }
    }
    for (const input of document.querySelectorAll(
      'input:is([type=text], [type=search], [type=email], [type=tel], :not([type])), textarea',
    )) {
      if (input.checkVisibility() && /[A-Za-z]/.test(input.value) && !input.closest('[lang="en"]'))
        out.push({ word: input.value, where: `input ${input.getAttribute('data-testid') ?? input.name}` });
    }
    return out;
  });
}

function leftovers(words, path, allowedAccounts) {
  return words.filter(({ word }) => {
    const w = word.replace(/[.,;:]+$/, '');
    if (CASE_NUMBER.test(w) || ALLOWED_TOKENS.has(w)) return false;
    if (CODE_PAGES.has(path) && (allowedAccounts.has(w) || /^[\w.+-]+@[\w.-]+$/.test(w) || /^[A-Z][A-Z0-9_]+$/.test(w)))
      return false;
    return true;
  });
}

/** No list scrolls sideways: neither the page nor any table's own scroller. */
async function sidewaysScroll(page) {
  return page.evaluate(() => {
    const out = [];
    const de = document.documentElement;
    if (de.scrollWidth > de.clientWidth + 1) out.push(`page ${de.scrollWidth}>${de.clientWidth}`);
    const content = document.querySelector('mat-sidenav-content');
    if (content && content.scrollWidth > content.clientWidth + 1)
      out.push(`content ${content.scrollWidth}>${content.clientWidth}`);
    for (const w of document.querySelectorAll('.table-wrap')) {
      if (w.scrollWidth > w.clientWidth + 1)
        out.push(`${w.getAttribute('aria-label') ?? 'table'} ${w.scrollWidth}>${w.clientWidth}`);
    }
    return out;
  });
}

/** Every page each role reaches (the menu, notifications, and the record pages the seeding made). */
function pagesOf(username, menu) {
  const extra = ['/notifications'];
  if (username === 'atd.caseworker')
    extra.push(
      `/cases/${seeded.caseId}`,
      `/screenings/${seeded.screeningId}`,
      '/screenings/new',
      `/referrals/${seeded.referralIds[0]}`,
    );
  if (username === 'atd.supervisor') extra.push(`/cases/${seeded.caseId}`, '/referrals?box=outgoing');
  if (username === 'lwu.caseworker') extra.push(`/referrals/${seeded.referralIds[1]}`);
  return [...menu, ...extra];
}

const ACCOUNTS = [
  'atd.caseworker',
  'atd.supervisor',
  'lwu.caseworker',
  'atd.investigator',
  'ospp.prosecutor',
  'lwu.admin',
  'sysadmin',
  'analyst',
];

for (const username of ACCOUNTS) {
  test(`Lao at 390×844 as ${username}: no Latin text outside the allow-list, no list scrolls sideways`, async () => {
    const { context, page, errors } = await newPage(browser, PHONE);
    const failures = [];
    try {
      await login(page, stack.baseUrl, username, 'lo');
      const menu = await page.$$eval('nav[data-testid="nav"] a[href]', (links) =>
        links.map((a) => a.getAttribute('href')),
      );
      // the accounts a page may show as accounts: the demo usernames and the signed-in user's
      const accounts = new Set([
        username,
        ...ACCOUNTS,
        'atd.bokeo',
        'doi.caseworker',
        'doi.supervisor',
        'lwu.supervisor',
        'molsw.caseworker',
        'molsw.supervisor',
        'ngo.caseworker',
      ]);
      for (const path of pagesOf(username, menu)) {
        await page.goto(`${stack.baseUrl}${path}`);
        try {
          await settle(page);
          assert.equal(await page.getAttribute('html', 'lang'), 'lo');
          const bad = leftovers(await latinWords(page), path.split('?')[0], accounts);
          if (bad.length) failures.push(`${path}: Latin text ${bad.map((b) => `${b.word} (${b.where})`).join('; ')}`);
          const scroll = await sidewaysScroll(page);
          if (scroll.length) failures.push(`${path}: scrolls sideways: ${scroll.join('; ')}`);
          // a record page's tabs are parts of the page: each one is scanned too
          const tabs = page.getByRole('tab');
          for (let i = 0; i < (await tabs.count()); i++) {
            const tab = tabs.nth(i);
            const name = (await tab.innerText()).trim();
            await tab.click();
            await page.waitForFunction((el) => el.getAttribute('aria-selected') === 'true', await tab.elementHandle());
            await page.waitForLoadState('networkidle');
            const inTab = leftovers(await latinWords(page), path, accounts);
            if (inTab.length)
              failures.push(
                `${path} tab «${name}»: Latin text ${inTab.map((b) => `${b.word} (${b.where})`).join('; ')}`,
              );
            const tabScroll = await sidewaysScroll(page);
            if (tabScroll.length) failures.push(`${path} tab «${name}»: scrolls sideways: ${tabScroll.join('; ')}`);
          }
        } catch (e) {
          failures.push(`${path}: ${e.message}`);
        }
        if (failures.length && failures[failures.length - 1].startsWith(path)) {
          await page.screenshot({
            path: join(artifacts, `lao-scan-${username}-${path.replace(/\W+/g, '_')}.png`),
            fullPage: true,
          });
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

test('phone-first inbox: cards with the clock first, the overdue referral on top, agencies by name; mark all read', async () => {
  const { context, page, errors } = await newPage(browser, PHONE);
  try {
    // the worker turns the referrals into notifications: wait for them
    const lwu = await apiLogin(stack.baseUrl, 'lwu.caseworker');
    for (let i = 0; i < 120; i++) {
      if ((await api(stack.baseUrl, '/notifications?unread=true', { token: lwu.token })).unreadCount >= 2) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    await login(page, stack.baseUrl, 'lwu.caseworker', 'lo');
    await page.goto(`${stack.baseUrl}/referrals?box=incoming`);
    const rows = page.getByTestId('referral-row');
    await rows.nth(1).waitFor();
    // sorted by what is due: the overdue one (sent second) first
    assert.equal(await rows.first().getAttribute('data-id'), seeded.referralIds[1]);
    assert.equal(await rows.first().getByTestId('sla-clock').getAttribute('data-overdue'), 'true');
    // a card: the case number, then status, urgency and the clock, above the agencies and services
    const order = await rows.first().evaluate((tr) => {
      const top = (sel) => tr.querySelector(sel).getBoundingClientRect().top;
      return {
        number: top('th'),
        clock: top('[data-testid="sla-clock"]'),
        status: top('[data-testid="referral-status"]'),
        from: top('td:not(.lead)'),
        width: tr.getBoundingClientRect().width,
      };
    });
    assert.ok(
      order.number < order.status && order.status < order.from && order.clock < order.from,
      `status and clock first: ${JSON.stringify(order)}`,
    );
    assert.ok(order.width <= PHONE.width, 'the card fits the phone');
    const text = await rows.first().innerText();
    assert.match(text, /ກົມຕ້ານການຄ້າມະນຸດ|ຕ້ານການຄ້າມະນຸດ/, 'the sending agency by its Lao name');
    assert.doesNotMatch(text, /MOPS_ATD|LWU/, 'no agency code');
    await assertAccessible(page, 'referral inbox (lo, phone)');
    await page.screenshot({ path: join(artifacts, 'lao-scan-inbox-phone.png'), fullPage: true });

    // the referral page: the sender by agency name and person's name; the submit button says what it does
    await rows.first().getByTestId('referral-link').click();
    await page.getByTestId('referral-facts').waitFor();
    assert.match(await page.getByTestId('referral-from').innerText(), /ສົມພອນ ວົງສະຫວັນ/);
    await page.getByTestId('referral-accept').click();
    assert.equal((await page.getByTestId('referral-action-submit').innerText()).trim(), 'ຮັບເອົາການສົ່ງຕໍ່');

    // mark all read: the badge goes to nothing, the list shows every one read
    await page.goto(`${stack.baseUrl}/notifications`);
    await page.getByTestId('notification').first().waitFor();
    await page.getByTestId('notifications-mark-all-read').click();
    await page.getByTestId('notifications-mark-all-read').waitFor({ state: 'detached' });
    await page.waitForFunction(() => !document.querySelector('[data-testid="notifications-badge"]'));
    const states = await page
      .getByTestId('notification')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-read')));
    assert.ok(states.length >= 2 && states.every((s) => s === 'yes'), `all read: ${states.join(',')}`);
    assert.equal((await api(stack.baseUrl, '/notifications?unread=true', { token: lwu.token })).unreadCount, 0);
    // only the caller's own: the sender's notifications are untouched (none were read here)
    await logout(page);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('referral form: consent recorded inline when none covers the agency, then the referral goes', async () => {
  const { context, page, errors } = await newPage(browser, PHONE);
  try {
    await login(page, stack.baseUrl, 'atd.caseworker', 'lo');
    await page.goto(`${stack.baseUrl}/cases/${seeded.caseId}`);
    await page.getByTestId('tab-referrals').click();
    await page.getByTestId('referral-new').click();
    await page.getByTestId('referral-form').waitFor();
    await page.getByTestId('referral-service-SHELTER').locator('input').check();
    await page.getByTestId('referral-agency-LWU').waitFor();
    await page.getByTestId('referral-agency-LWU').check();
    const step = page.getByTestId('referral-consent-step');
    await step.waitFor();
    assert.match(await step.innerText(), /ສູນໃຫ້ຄຳປຶກສາ/, 'the agency by name');
    await page.getByTestId('referral-consent-open').click();
    await page.getByTestId('referral-consent-given-by').click();
    await page.getByTestId('referral-consent-giver-SELF').click();
    await page.getByTestId('referral-consent-form').click();
    await page.getByTestId('referral-consent-form-WRITTEN_SIGNATURE').click();
    await page.getByTestId('referral-consent-category-IDENTITY').locator('input').check();
    await assertAccessible(page, 'referral form with the consent step (lo, phone)');
    await page.getByTestId('referral-consent-save').click();
    // saved: the step closes (it stays offered for the categories still without consent)
    await page.getByTestId('referral-consent-save').waitFor({ state: 'detached' });
    assert.doesNotMatch(
      await step.innerText(),
      /ຂໍ້ມູນຕົວຕົນ|ສະຫຼຸບກໍລະນີ/,
      'what the consent covers is no longer listed as missing',
    );
    // the packet now offers what the consent covers, without leaving the form
    await page.waitForFunction(
      () => document.querySelector('[data-testid="packet-IDENTITY"]')?.getAttribute('data-covered') === 'true',
    );
    await page.getByTestId('packet-IDENTITY').locator('input').check();
    await page.getByTestId('referral-urgency').click();
    await page.getByTestId('urgency-HIGH').click();
    await page.getByTestId('referral-reason').fill('ຕ້ອງການທີ່ພັກ');
    await page.getByTestId('referral-submit').click();
    await page.getByTestId('referral-form').waitFor({ state: 'detached' });
    await page.getByTestId('case-referral').first().waitFor();
    const cw = await apiLogin(stack.baseUrl, 'atd.caseworker');
    const consents = await api(stack.baseUrl, `/cases/${seeded.caseId}/consents`, { token: cw.token });
    assert.equal(consents.items.length, 1);
    assert.deepEqual(consents.items[0].categories, ['CASE_SUMMARY', 'IDENTITY']);
    assert.deepEqual(consents.items[0].purposes, ['REFERRAL_SHARING']);
    const refs = await api(stack.baseUrl, '/referrals?box=outgoing&limit=100', { token: cw.token });
    const sent = refs.items.find((r) => r.caseId === seeded.caseId);
    assert.ok(sent, 'the referral was sent');
    const detail = await api(stack.baseUrl, `/referrals/${sent.id}`, { token: cw.token });
    assert.deepEqual(detail.categories.sort(), ['CASE_SUMMARY', 'IDENTITY']);
    assert.match(
      await page.getByTestId('case-referral-link').first().innerText(),
      /ສູນໃຫ້ຄຳປຶກສາ/,
      'the receiving agency by name',
    );
    await logout(page);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});
