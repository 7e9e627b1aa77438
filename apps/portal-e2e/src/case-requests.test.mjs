// Issue 14, items 3 and 5, in Lao on a phone (390 × 844) against the real stack: a case that MoPS
// DOI opened at the border is sent to MoPS ATD for formal identification from the case page's action
// menu; ATD finds it in its identification inbox (most due first) and identifies the victim; the DOI
// caseworker then asks for closure and the DOI supervisor approves it. Every action is a menu entry
// that opens a dialog. axe-core on the menu, the dialogs and the inbox. Needs `nx build api portal`:
//   node --test --test-concurrency=1 apps/portal-e2e/src/case-requests.test.mjs
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  api as apiAt,
  apiLogin,
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
let stack;
let browser;
const fx = {};
const api = (path, options) => apiAt(stack.baseUrl, path, options);

before(async () => {
  stack = await startStack();
  browser = await launchBrowser();
  const cw = (await apiLogin(stack.baseUrl, 'doi.caseworker')).token;
  const sup = (await apiLogin(stack.baseUrl, 'doi.supervisor')).token;
  fx.lead = cw;
  const s = await screenAndApprove(stack.baseUrl, cw, sup, {
    givenNameLo: 'ນາງດ່ານ',
    familyNameLo: 'ມິດຕະພາບ',
    latinNames: ['Border Returnee'],
  });
  fx.caseId = s.caseId;
  fx.case = await api(`/cases/${s.caseId}`, { token: cw });
});

after(async () => {
  await browser?.close();
  await stack?.stop();
});

/** Opens the case page's action menu and one of its entries; waits for the dialog's form. */
async function act(page, action, formTestId) {
  await page.getByTestId('case-actions-menu').click();
  await page.getByTestId(`case-action-${action}`).click();
  await page.getByTestId(formTestId).waitFor();
}

async function choose(page, selectTestId, optionTestId) {
  await page.getByTestId(selectTestId).click();
  await page.getByTestId(optionTestId).click();
  await page.getByRole('listbox').waitFor({ state: 'detached' });
}

const statusOf = (page, testId, status) =>
  page.waitForFunction(
    ([id, st]) => document.querySelector(`[data-testid="${id}"]`)?.getAttribute('data-status') === st,
    [testId, status],
  );

test('DOI case → ATD identifies → closure requested and approved (Lao, 390 × 844)', async () => {
  const { context, page, errors } = await newPage(browser, PHONE);
  try {
    // DOI's caseworker sends the case to ATD from the menu: a dialog, not an open form
    await login(page, stack.baseUrl, 'doi.caseworker', 'lo');
    await page.goto(`${stack.baseUrl}/cases/${fx.caseId}`);
    await page.getByTestId('case-actions-menu').waitFor();
    assert.equal(await page.getByTestId('request-identification-form').count(), 0, 'no form before the menu is used');
    await page.getByTestId('case-actions-menu').click();
    await page.getByTestId('case-action-requestIdentification').waitFor();
    assert.match(await page.getByTestId('case-action-requestIdentification').innerText(), LAO);
    await assertAccessible(page, 'case action menu (lo, phone)');
    await page.getByTestId('case-action-requestIdentification').click();
    await page.getByTestId('request-identification-form').waitFor();
    await page.waitForFunction(
      () => document.querySelector('[data-testid="request-identification-submit"]')?.disabled === false,
    );
    await assertAccessible(page, 'identification request dialog (lo, phone)');
    await page.getByTestId('request-identification-submit').click();
    await statusOf(page, 'identification-request-status', 'REQUESTED');
    assert.match(await page.getByTestId('identification-request-status').innerText(), LAO);
    await logout(page);

    // ATD's inbox lists it; the investigator opens the case and decides
    await login(page, stack.baseUrl, 'atd.investigator', 'lo');
    await page.goto(`${stack.baseUrl}/identification-requests`);
    const row = page.locator(`[data-testid="inbox-row"][data-case="${fx.case.caseNumber}"]`);
    await row.waitFor();
    assert.equal(await row.getAttribute('data-status'), 'REQUESTED');
    await assertAccessible(page, 'identification inbox (lo, phone)');
    await row.getByTestId('inbox-open').click();
    await page.waitForURL(new RegExp(`/cases/${fx.caseId}`));
    await act(page, 'decideRequest', 'identification-form');
    await choose(page, 'identification-decision', 'decision-option-IDENTIFY');
    await page.getByTestId('identification-reasons').fill('ສຳພາດຢູ່ສູນຮັບຕົວ: ມີຕົວຊີ້ວັດການບັງຄັບໃຊ້ແຮງງານ');
    await page.getByTestId('identification-submit').click();
    await statusOf(page, 'identification-request-status', 'DECIDED');
    await logout(page);

    // the lead sees ATD's decision
    const identified = await api(`/cases/${fx.caseId}`, { token: fx.lead });
    assert.equal(identified.identificationStatus, 'IDENTIFIED');
    assert.equal(identified.identification.agency.code, 'MOPS_ATD');

    // the caseworker asks for closure; the supervisor approves it
    await login(page, stack.baseUrl, 'doi.caseworker', 'lo');
    await page.goto(`${stack.baseUrl}/cases/${fx.caseId}`);
    await statusOf(page, 'identification-request-status', 'DECIDED');
    await act(page, 'requestClosure', 'request-closure-form');
    await choose(page, 'closure-reason', 'closure-option-REINTEGRATED');
    await assertAccessible(page, 'closure request dialog (lo, phone)');
    await page.getByTestId('request-closure-submit').click();
    await statusOf(page, 'closure-request-status', 'REQUESTED');
    assert.match(await page.getByTestId('closure-request-status').innerText(), LAO);
    await logout(page);

    await login(page, stack.baseUrl, 'doi.supervisor', 'lo');
    await page.goto(`${stack.baseUrl}/cases/${fx.caseId}`);
    await act(page, 'decideClosure', 'decide-closure-form');
    await page.getByTestId('closure-approve').click();
    await statusOf(page, 'closure-request-status', 'APPROVED');
    const closed = await api(`/cases/${fx.caseId}`, { token: fx.lead });
    assert.equal(closed.status, 'CLOSED');
    assert.equal(closed.closureReason, 'REINTEGRATED');
    assert.ok(!page.url().includes('ນາງດ່ານ') && !page.url().includes('Border'), 'no name in the URL');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

// Issue 14 item 6: the RESTRICTED dialog names several users of the lead agency at once
test('ATD supervisor restricts a case to two named colleagues from the dialog (Lao, 390 × 844)', async () => {
  const cw = (await apiLogin(stack.baseUrl, 'atd.caseworker')).token;
  const sup = (await apiLogin(stack.baseUrl, 'atd.supervisor')).token;
  const s = await screenAndApprove(stack.baseUrl, cw, sup, {
    givenNameLo: 'ນາງຈຳກັດ',
    familyNameLo: 'ສອງຄົນ',
    latinNames: ['Restricted Twice'],
  });
  const { context, page, errors } = await newPage(browser, PHONE);
  try {
    await login(page, stack.baseUrl, 'atd.supervisor', 'lo');
    await page.goto(`${stack.baseUrl}/cases/${s.caseId}`);
    await page.getByTestId('case-actions-menu').waitFor();
    await act(page, 'flags', 'flag-form');
    await choose(page, 'flag-select', 'flag-option-RESTRICTED');
    // the multi-select: two colleagues, the list stays open until closed
    const picker = page.getByTestId('flag-users');
    await page.waitForFunction(
      () => document.querySelector('[data-testid="flag-users"]')?.getAttribute('aria-disabled') === 'false',
    );
    await picker.click();
    await page.getByTestId('picker-option-atd.caseworker').click();
    await page.getByTestId('picker-option-atd.investigator').click();
    await page.keyboard.press('Escape');
    await page.getByRole('listbox').waitFor({ state: 'detached' });
    assert.match(await page.getByTestId('flag-form').innerText(), LAO);
    await assertAccessible(page, 'restriction dialog with two named users (lo, phone)');
    await page.getByTestId('flag-reason').fill('ຜູ້ຄ້າມະນຸດເປັນຍາດພີ່ນ້ອງຂອງພະນັກງານ');
    await page.getByTestId('flag-submit').click();
    await page.getByTestId('banner-restricted').waitFor();
    const c = await api(`/cases/${s.caseId}`, { token: sup });
    assert.deepEqual(c.restrictedTo.map((u) => u.username).sort(), [
      'atd.caseworker',
      'atd.investigator',
      'atd.supervisor',
    ]);
    assert.equal((await api(`/cases/${s.caseId}`, { token: cw })).id, s.caseId, 'a named colleague opens it');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});
