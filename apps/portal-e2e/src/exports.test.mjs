// Exports in the portal (issue 16 item 5, decision 0035), in Lao on a phone (390 × 844):
// atd.caseworker asks for the case list as CSV with names and a reason; atd.supervisor (a second
// person of the same agency, holding export:approve) reads the reason under "To approve" and
// approves; the worker makes the file; the caseworker downloads it once, and the row then says it
// was used. Then, on a desktop, the case page's "export the case file" opens the form with the case.
// States are waited for, never slept on. axe-core on each new page. Needs `nx build api portal` first:
//   node --test --test-concurrency=1 apps/portal-e2e/src/exports.test.mjs
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  api,
  apiLogin,
  artifacts,
  assertAccessible,
  LAO,
  launchBrowser,
  login,
  logout,
  newPage,
  screenAndApprove,
} from './helpers.mjs';
import { startStack } from './stack.mjs';

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 900 };
/** generous: the machine may be busy with other work (sign-in hashes argon2 beside other suites) */
const SLOW = { timeout: 90_000 };

/** A page whose every wait (sign-in included) is as patient as SLOW; a screenshot when a test fails. */
async function patientPage(viewport, name) {
  const p = await newPage(browser, viewport);
  p.page.setDefaultTimeout(SLOW.timeout);
  // a failed screenshot must not hide the test's own failure
  p.shoot = () =>
    p.page.screenshot({ path: join(artifacts, `exports-${name}.png`), fullPage: true }).catch(() => undefined);
  return p;
}
const tag = randomUUID().slice(0, 6);
const GIVEN = 'ບົວສີ';
const FAMILY = `ສົ່ງອອກ${['ກ', 'ຂ', 'ຄ'][parseInt(tag, 16) % 3]}`;
const REASON = `ລາຍງານໃຫ້ຄະນະກຳມະການ ${tag}`;

let stack;
let browser;
const fx = {};

before(async () => {
  mkdirSync(artifacts, { recursive: true });
  // the worker makes the file (export.generate) once the export is approved
  stack = await startStack({ worker: true });
  browser = await launchBrowser();
  const cw = await apiLogin(stack.baseUrl, 'atd.caseworker');
  const sup = await apiLogin(stack.baseUrl, 'atd.supervisor');
  fx.requester = cw.user;
  const s = await screenAndApprove(stack.baseUrl, cw.token, sup.token, {
    givenNameLo: GIVEN,
    familyNameLo: FAMILY,
    latinNames: ['Bouasy Export'],
  });
  fx.caseId = s.caseId;
  fx.caseNumber = (await api(stack.baseUrl, `/cases/${s.caseId}`, { token: sup.token })).caseNumber;
});

after(async () => {
  await browser?.close();
  await stack?.stop();
});

test('Lao, phone: a caseworker asks for a list with names and a reason, a supervisor approves it, the caseworker downloads it once', async () => {
  const { context, page, errors, shoot } = await patientPage(PHONE, 'phone');
  try {
    // --- atd.caseworker asks ---
    await login(page, stack.baseUrl, 'atd.caseworker', 'lo');
    if (!(await page.getByTestId('nav-exports').isVisible())) await page.getByTestId('menu-toggle').click();
    await page.getByTestId('nav-exports').click();
    await page.getByTestId('export-form').waitFor(SLOW);
    assert.match(await page.locator('h1').innerText(), LAO);
    await assertAccessible(page, 'exports: request (lo, phone)');
    // the reason is required: without it nothing is asked
    await page.getByTestId('export-identity').locator('input').check();
    await page.getByTestId('export-submit').click();
    await page.getByTestId('export-reason-error').waitFor(SLOW);
    await page.getByTestId('export-reason').fill(REASON);
    await page.getByTestId('export-submit').click();
    // the form takes the caseworker to "My exports", where the export waits for a second person
    const waiting = page.locator('[data-testid="export-row"][data-status="AWAITING_APPROVAL"]');
    await waiting.waitFor(SLOW);
    const exportId = await waiting.getAttribute('data-id');
    assert.ok(exportId);
    assert.match(await waiting.innerText(), new RegExp(REASON));
    assert.equal(await waiting.getByTestId('export-download').count(), 0, 'nothing to download before approval');
    await assertAccessible(page, 'exports: mine, waiting (lo, phone)');
    await logout(page);

    // --- atd.supervisor reads the reason and approves ---
    await login(page, stack.baseUrl, 'atd.supervisor', 'lo');
    await page.goto(`${stack.baseUrl}/exports`);
    await page.getByTestId('exports-tab-incoming').click();
    const row = page.locator(`[data-testid="approval-row"][data-id="${exportId}"]`);
    await row.waitFor(SLOW);
    assert.equal((await row.getByTestId('approval-reason').innerText()).trim(), REASON);
    assert.equal((await row.getByTestId('approval-identity').innerText()).trim(), 'ມີ');
    assert.equal((await row.getByTestId('approval-requester').innerText()).trim(), fx.requester.displayName);
    await assertAccessible(page, 'exports: to approve (lo, phone)');
    await row.getByTestId('approval-approve').click();
    await row.getByTestId('approval-approve-form').waitFor(SLOW);
    await row.getByTestId('approval-approve-submit').click();
    await row.waitFor({ state: 'detached', ...SLOW });
    await page.getByTestId('approvals-empty').waitFor(SLOW);
    await logout(page);

    // --- atd.caseworker downloads it once ---
    await login(page, stack.baseUrl, 'atd.caseworker', 'lo');
    await page.goto(`${stack.baseUrl}/exports?box=outgoing`);
    // the page looks again while the export moves: approved, made by the worker, ready
    const ready = page.locator(`[data-testid="export-row"][data-id="${exportId}"][data-status="READY"]`);
    await ready.waitFor({ timeout: 120_000 });
    assert.match(await ready.getByTestId('export-row-expiry').innerText(), LAO);
    await assertAccessible(page, 'exports: mine, ready (lo, phone)');
    const [download] = await Promise.all([
      page.waitForEvent('download', SLOW),
      ready.getByTestId('export-download').click(),
    ]);
    assert.match(download.suggestedFilename(), /^ctms-export-[0-9a-f]{8}\.csv$/);
    const text = readFileSync(await download.path(), 'utf8');
    assert.ok(text.includes(fx.caseNumber), 'the file lists the case');
    assert.ok(text.includes(GIVEN) && text.includes(FAMILY), 'the approved file carries the names');
    // used: the button is gone and the row says so
    const used = page.locator(`[data-testid="export-row"][data-id="${exportId}"][data-status="DOWNLOADED"]`);
    await used.getByTestId('export-used').waitFor(SLOW);
    assert.equal(await used.getByTestId('export-download').count(), 0);
    await page.getByTestId('exports-notice').waitFor(SLOW);
    assert.deepEqual(errors, []);
  } catch (e) {
    await shoot();
    throw e;
  } finally {
    await context.close();
  }
});

test('Lao, desktop: the case page exports its case file through the same form, which waits for a second person', async () => {
  const { context, page, errors, shoot } = await patientPage(DESKTOP, 'desktop');
  try {
    await login(page, stack.baseUrl, 'atd.caseworker', 'lo');
    await page.goto(`${stack.baseUrl}/cases/${fx.caseId}`);
    await page.getByTestId('case-actions-menu').click();
    await page.getByTestId('case-action-export').click();
    await page.waitForURL(/\/exports\?/);
    await page.getByTestId('export-case').waitFor(SLOW);
    assert.match(await page.getByTestId('export-case').innerText(), new RegExp(fx.caseNumber));
    // nothing personal in the address: the case's id and number only
    assert.doesNotMatch(decodeURIComponent(page.url()), new RegExp(`${GIVEN}|${FAMILY}`));
    await page.getByTestId('export-reason').fill(`ແຟ້ມສຳລັບສານ ${tag}`);
    await page.getByTestId('export-submit').click();
    const waiting = page.locator('[data-testid="export-row"][data-status="AWAITING_APPROVAL"]').first();
    await waiting.waitFor(SLOW);
    assert.match(await waiting.innerText(), /PDF/);
    await assertAccessible(page, 'exports: case file waiting (lo, desktop)');
    assert.deepEqual(errors, []);
  } catch (e) {
    await shoot();
    throw e;
  } finally {
    await context.close();
  }
});
