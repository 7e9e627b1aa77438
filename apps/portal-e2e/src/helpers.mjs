// Helpers shared by the end-to-end files: the browser, a fresh page with axe-core served
// same-origin, the axe assertion, sign-in/out through the real login page, and the API client.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const root = join(dirname(fileURLToPath(import.meta.url)), '../../..');
export const artifacts = join(root, 'tmp-artifacts/e2e');
export const axePath = join(root, 'node_modules/axe-core/axe.min.js');
export const PASSWORD = 'demo-password-2026';
export const LAO = /[\u0E80-\u0EFF]/;
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * The API's Content-Security-Policy (script-src 'self') refuses inline scripts, which is what
 * `addScriptTag({ path })` injects. So axe-core is served under a same-origin URL by a route of the
 * test itself, and the policy stays on for the whole test.
 */
/** The interview-consent questions of a screening (docs/domain.md "Interview consent"), all of which a full consent answers yes. */
export const CONSENT_QUESTIONS = [
  'CONSENTS_TO_INTERVIEW',
  'INFORMED_OF_PURPOSE',
  'INFORMED_OF_DATA_USE',
  'INFORMED_OF_RESEARCH_USE',
  'INFORMED_OF_RIGHT_OF_ACCESS',
  'INFORMED_OF_RETENTION',
  'INFORMED_OF_WITHDRAWAL',
];

/** One recruitment and one exploitation indicator answer: with a name, sex and age, the minimum a submission needs. */
export const SUBMIT_MINIMUM_ANSWERS = [
  { code: 'DR01', answer: 'PRESENT' },
  { code: 'EX01', answer: 'PRESENT' },
];

export const AXE_URL = '/__e2e__/axe.min.js';

export function launchBrowser() {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

/** Runs axe-core in the page; fails on serious or critical violations (all are printed). */
export async function assertAccessible(page, name) {
  await page.addScriptTag({ url: AXE_URL });
  const result = await page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => n.target.join(' ')),
    }));
  });
  for (const v of result)
    console.log(`axe [${name}] ${v.impact} ${v.id}: ${v.help} -> ${v.nodes.slice(0, 5).join(', ')}`);
  const blocking = result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(blocking, [], `serious or critical accessibility violations on ${name}`);
}

/** A new context and page (axe served, page errors collected) at this viewport. */
export async function newPage(browser, viewport = { width: 1280, height: 900 }) {
  const context = await browser.newContext({ viewport, reducedMotion: 'reduce' });
  await context.route(`**${AXE_URL}`, (route) => route.fulfill({ path: axePath, contentType: 'text/javascript' }));
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return { context, page, errors };
}

/** Signs in through the login page (the demo password unless told); with `lang`, switches the portal to that language afterwards. */
export async function login(page, baseUrl, username, lang, password = PASSWORD) {
  await page.goto(`${baseUrl}/login`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('shell-user-name').waitFor();
  if (lang && (await page.getAttribute('html', 'lang')) !== lang) {
    await page.getByTestId(`language-${lang}`).click();
    await page.waitForFunction((l) => document.documentElement.lang === l, lang);
  }
}

export async function logout(page) {
  await page.getByTestId('logout').click();
  await page.waitForURL(/\/login/);
}

/** The API's JSON routes under /api/v1 (throws on a non-2xx answer, naming it). */
export async function api(baseUrl, path, { token, method = 'GET', body } = {}) {
  const res = await fetch(`${baseUrl}/api/v1${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  const json = text ? JSON.parse(text) : null;
  if (!res.ok) throw new Error(`${method} ${path} → ${res.status}: ${text}`);
  return json;
}

/**
 * A supervisor assigns the case to `username` (found among the assignable colleagues of the case's
 * province): the editor rule lets only the assigned caseworker (or a supervisor) hand off, consent,
 * refer or note.
 */
export async function assignCase(baseUrl, supToken, caseId, username) {
  const c = await api(baseUrl, `/cases/${caseId}`, { token: supToken });
  const colleagues = await api(baseUrl, `/users/assignable?province=${c.provinceCode}`, { token: supToken });
  const user = colleagues.items.find((u) => u.username === username);
  if (!user) throw new Error(`${username} is not assignable to case ${caseId}`);
  return api(baseUrl, `/cases/${caseId}/assign`, {
    token: supToken,
    method: 'POST',
    body: { version: c.version, userId: user.id },
  });
}

/**
 * The lead's caseworker (`token`) records the victim's consent to share `categories` with the agency
 * `agencyCode`, refers the case to it, and the receiving worker (`receiverToken`) accepts: the
 * agency then holds an ACTIVE referral (REFERRAL_ACTIVE). Returns the accepted referral.
 */
export async function referAccepted(baseUrl, { token, receiverToken, caseId, agencyCode, categories, referral }) {
  const agency = (await api(baseUrl, '/reference/agencies', { token })).find((a) => a.code === agencyCode);
  await api(baseUrl, `/cases/${caseId}/consents`, {
    token,
    method: 'POST',
    body: {
      type: 'REFERRAL_SHARING',
      agencyIds: [agency.id],
      purposes: ['REFERRAL_SHARING'],
      categories: ['CASE_SUMMARY', ...categories],
      givenBy: 'SELF',
      form: 'WRITTEN_SIGNATURE',
      grantedAt: new Date(Date.now() - 60_000).toISOString(),
    },
  });
  const sent = await api(baseUrl, `/cases/${caseId}/referrals`, {
    token,
    method: 'POST',
    body: { toAgencyId: agency.id, categories, ...referral },
  });
  return api(baseUrl, `/referrals/${sent.id}/accept`, {
    token: receiverToken,
    method: 'POST',
    body: { version: sent.version },
  });
}

export async function apiLogin(baseUrl, username) {
  const r = await api(baseUrl, '/auth/login', { method: 'POST', body: { username, password: PASSWORD } });
  return { token: r.accessToken, user: r.user };
}

/**
 * A screening with full interview consent and a POSSIBLE_VICTIM assessment, submitted by the
 * caseworker's token and approved by the supervisor's: approval opens (or joins) a case. Returns
 * the approved screening (its `caseId` is the case).
 */
export async function screenAndApprove(baseUrl, cwToken, supToken, bioData) {
  const past = new Date(Date.now() - 2 * 3600_000).toISOString();
  const consent = Object.fromEntries(CONSENT_QUESTIONS.map((q) => [q, 'YES']));
  let s = await api(baseUrl, '/screenings', {
    token: cwToken,
    method: 'POST',
    body: {
      metadata: { provinceCode: '01', interviewAt: past },
      interviewConsent: { ...consent, givenBy: 'SELF', form: 'WRITTEN_SIGNATURE', recordedAt: past },
      bioData: { dobPrecision: 'YEAR', dateOfBirth: '1999-01-01', sex: 'FEMININE', ...bioData },
      indicatorAnswers: SUBMIT_MINIMUM_ANSWERS,
      interviewerAssessment: 'POSSIBLE_VICTIM',
    },
  });
  s = await api(baseUrl, `/screenings/${s.id}/submit`, {
    token: cwToken,
    method: 'POST',
    body: { version: s.version },
  });
  s = await api(baseUrl, `/screenings/${s.id}/approve`, {
    token: supToken,
    method: 'POST',
    body: { version: s.version },
  });
  assert.ok(s.caseId, 'approval opened a case');
  return s;
}

/**
 * The .eml files the worker wrote to `dir` (MAIL_DIR), oldest first: their file name, recipient and
 * text (nodemailer's base64 body decoded). The same reading as the API harness's `readMails`.
 */
export function readMails(dir) {
  let files;
  try {
    files = readdirSync(dir)
      .filter((f) => f.endsWith('.eml'))
      .sort();
  } catch (e) {
    if (e.code === 'ENOENT') return [];
    throw e;
  }
  return files.map((file) => {
    const raw = readFileSync(join(dir, file), 'utf8');
    const split = raw.indexOf('\n\n');
    const head = raw.slice(0, split).replace(/\n[ \t]+/g, ' ');
    const body = raw.slice(split + 2);
    const to = /^To:\s*(.*)$/im.exec(head)?.[1]?.trim() ?? '';
    const b64 = /^Content-Transfer-Encoding:\s*base64/im.test(head);
    return { file, to, text: b64 ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8') : body };
  });
}

/**
 * Waits for the next activation e-mail to `to` (one whose file is not in `seen`, which it joins)
 * and answers the link in it: `<PUBLIC_URL>/activate#token=…`. A file still being written simply
 * has no whole link yet and is read again on the next look.
 */
export async function activationLink(dir, to, seen = new Set(), timeoutMs = 120_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    for (const m of readMails(dir)) {
      if (m.to !== to || seen.has(m.file)) continue;
      const link = /(https?:\/\/\S+\/activate#token=[A-Za-z0-9_-]{43})(?![A-Za-z0-9_-])/.exec(m.text)?.[1];
      if (link) {
        seen.add(m.file);
        return link;
      }
    }
    if (Date.now() > until) throw new Error(`no activation e-mail to ${to} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Waits until the portal's service worker controls the page and holds every file of the app shell
 * (ngsw.json's prefetch groups) in Cache Storage: from then on a reload works with the link down.
 */
export async function waitForOfflineShell(page) {
  await page.waitForFunction(
    async () => {
      if (!navigator.serviceWorker?.controller) return false;
      const manifest = await (
        await fetch(`/ngsw.json?ngsw-cache-bust=${Math.random()}`, { headers: { 'ngsw-bypass': 'true' } })
      ).json();
      const urls = manifest.assetGroups.filter((g) => g.installMode === 'prefetch').flatMap((g) => g.urls);
      for (const u of urls) if (!(await caches.match(u))) return false;
      return urls.length > 0;
    },
    null,
    { timeout: 90_000, polling: 500 },
  );
}

/** Everything in the page's Cache Storage: each cache's request URLs with the text of their answers. */
export async function readCacheStorage(page) {
  return page.evaluate(async () => {
    const out = [];
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      for (const req of await cache.keys()) {
        const res = await cache.match(req);
        out.push({ cache: name, url: req.url, body: res ? await res.text() : '' });
      }
    }
    return out;
  });
}

/** localStorage, sessionStorage and every IndexedDB store of the page (CryptoKeys as their `extractable` flag). */
export async function readBrowserStorage(page) {
  return page.evaluate(async () => {
    const out = { local: { ...localStorage }, session: { ...sessionStorage }, idb: [] };
    for (const info of await indexedDB.databases()) {
      const db = await new Promise((res, rej) => {
        const r = indexedDB.open(info.name);
        r.onsuccess = () => res(r.result);
        r.onerror = () => rej(r.error);
      });
      for (const name of db.objectStoreNames) {
        const all = await new Promise((res) => {
          const r = db.transaction(name).objectStore(name).getAll();
          r.onsuccess = () => res(r.result);
        });
        out.idb.push({
          db: info.name,
          store: name,
          values: all.map((v) => (v instanceof CryptoKey ? { cryptoKey: true, extractable: v.extractable } : v)),
        });
      }
      db.close();
    }
    return out;
  });
}

/** Picks a mat-select's option by their test ids and waits for the option list to close. */
export async function choose(page, selectTestId, optionTestId) {
  await page.getByTestId(selectTestId).click();
  await page.getByTestId(optionTestId).click();
  await page.getByRole('listbox').waitFor({ state: 'detached' });
}

/** Types an ISO day into a date field split into `<testId>-day`, `-month` and `-year` inputs. */
export async function typeDate(page, testId, iso) {
  const [y, m, d] = iso.split('-');
  await page.getByTestId(`${testId}-day`).fill(String(Number(d)));
  await page.getByTestId(`${testId}-month`).fill(String(Number(m)));
  await page.getByTestId(`${testId}-year`).fill(y);
}

/** The ISO day `n` days from now (UTC). */
export const daysFromNow = (n) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

/**
 * On a case's follow-up tab: records a home visit in Chanthabouly district with a parent present,
 * `note` and the next visit due on `nextDue`, then waits until `count` visits are listed.
 */
export async function recordHomeVisit(page, { note, nextDue, count = 1 }) {
  await page.getByTestId('fu-visit-open').click();
  await page.getByTestId('fu-visit-form').waitFor();
  await page.getByTestId('fu-district').fill('ຈັນທະ');
  await page.getByTestId('fu-district-opt-0101').click();
  await page.getByTestId('fu-with-PARENT_GUARDIAN').locator('input').check();
  await page.getByTestId('fu-note').fill(note);
  await typeDate(page, 'fu-next-due', nextDue);
  await page.getByTestId('fu-visit-save').click();
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid="fu-visit"]').length === n, count, {
    timeout: 60_000,
  });
}

/**
 * On a case's follow-up tab: records a reintegration assessment made on `date` with `scores`
 * (item code → score), then waits until the trend has `expectedRows` rows.
 */
export async function assess(page, date, scores, expectedRows) {
  await page.getByTestId('fu-assess-open').click();
  await page.getByTestId('fu-assess-form').waitFor();
  await typeDate(page, 'fu-assessed-on', date);
  for (const [item, score] of Object.entries(scores))
    await choose(page, `fu-score-${item}`, `fu-score-${item}-${score}`);
  await page.getByTestId('fu-assess-save').click();
  await page.waitForFunction(
    (n) => document.querySelectorAll('[data-testid="fu-trend-row"]').length === n,
    expectedRows,
    { timeout: 60_000 },
  );
}
