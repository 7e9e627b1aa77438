// Family tracing and return in the portal (issue 15 item 3, decision 0033), in Lao on a phone
// (390 × 844): the ATD caseworker who leads a case asks MoLSW's Vientiane Capital office to trace the
// family from the case page's "tracing and return" tab; molsw.caseworker (province 01) answers it
// from the family tracing inbox; the lead reads the answer on the case and records the return to
// Savannakhet, which offers the province transfer (a supervisor's). The fresh database has no
// cases: the case and the victim's consent to share with MoLSW are made through the API.
// axe-core on each page. Needs `nx build api portal` first:
//   node --test --test-concurrency=1 apps/portal-e2e/src/family-tracing.test.mjs
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
const CONTACT = 'ແມ່: ນາງ ຄຳ, ບ້ານນາໄຊ; ໂທ 020 5555 1234';
const QUESTIONS = 'ຄອບຄົວພ້ອມຮັບນາງກັບບ້ານບໍ?';
const ASSESSMENT = 'ແມ່ ແລະ ອ້າຍຢູ່ບ້ານ, ພ້ອມຮັບນາງກັບຄືນ.';

let stack;
let browser;
const fx = {};
const api = (path, options) => apiAt(stack.baseUrl, path, options);

before(async () => {
  stack = await startStack();
  browser = await launchBrowser();
  fx.cw = (await apiLogin(stack.baseUrl, 'atd.caseworker')).token;
  const sup = (await apiLogin(stack.baseUrl, 'atd.supervisor')).token;
  fx.caseId = (
    await screenAndApprove(stack.baseUrl, fx.cw, sup, {
      givenNameLo: 'ບົວ',
      familyNameLo: 'ກັບບ້ານ',
      latinNames: ['Boua Return'],
    })
  ).caseId;
  fx.caseNumber = (await api(`/cases/${fx.caseId}`, { token: fx.cw })).caseNumber;
  const molsw = (await api('/reference/agencies', { token: fx.cw })).find((a) => a.code === 'MOLSW');
  await api(`/cases/${fx.caseId}/consents`, {
    token: fx.cw,
    method: 'POST',
    body: {
      type: 'REFERRAL_SHARING',
      agencyIds: [molsw.id],
      purposes: ['REFERRAL_SHARING'],
      categories: ['CASE_SUMMARY', 'CONTACT_LOCATION'],
      givenBy: 'SELF',
      form: 'WRITTEN_SIGNATURE',
      grantedAt: new Date(Date.now() - 60_000).toISOString(),
    },
  });
});

after(async () => {
  await browser?.close();
  await stack?.stop();
});

/** Opens the case page's tracing and return tab. */
async function openTab(page) {
  await page.goto(`${stack.baseUrl}/cases/${fx.caseId}`);
  await page.getByTestId('tab-family-tracing').click();
  await page.getByTestId('case-family-tracing').waitFor();
}

/** Picks the option whose text holds `text` in the Material select `testId`. */
async function pick(page, testId, text) {
  await page.getByTestId(testId).click();
  await page.locator('mat-option').filter({ hasText: text }).first().click();
  await page.locator('mat-option').first().waitFor({ state: 'detached' });
}

test('the lead asks MoLSW to trace the family, MoLSW answers, the lead records the return (Lao, phone)', async () => {
  const { context, page, errors } = await newPage(browser, PHONE);
  // generous waits on state: the machine may be busy (every wait below is for a state, never a delay)
  page.setDefaultTimeout(120_000);
  try {
    // 1. the ATD caseworker sends the request from the case page
    await login(page, stack.baseUrl, 'atd.caseworker', 'lo');
    await openTab(page);
    const form = page.getByTestId('ft-send-form');
    await form.waitFor();
    // the one office that traces families in the case's province is chosen once the directory answers
    await page.waitForFunction(() =>
      document.querySelector('[data-testid="ft-send-office"]')?.textContent?.includes('ກະຊວງແຮງງານ'),
    );
    await page.getByTestId('ft-send-with-contact').locator('input').check();
    await page.getByTestId('ft-send-contact').fill(CONTACT);
    await page.getByTestId('ft-send-questions').fill(QUESTIONS);
    assert.match(await page.getByTestId('case-family-tracing').innerText(), LAO, 'the tab is in Lao');
    await assertAccessible(page, 'tracing and return tab (lo, phone)');
    await page.getByTestId('ft-send-submit').click();
    const card = page.locator('[data-testid="ft-card"][data-status="REQUESTED"]');
    await card.waitFor();
    assert.match(await page.getByTestId('ft-tab-notice').innerText(), /ໄດ້ສົ່ງຄຳຮ້ອງຂໍຊອກຫາຄອບຄົວແລ້ວ/);
    assert.equal(await card.getByTestId('ft-contact').innerText(), CONTACT);
    await logout(page);

    // 2. molsw.caseworker (Vientiane Capital) answers it from the inbox
    await login(page, stack.baseUrl, 'molsw.caseworker', 'lo');
    await page.goto(`${stack.baseUrl}/family-tracing`);
    const row = page.locator(`[data-testid="ft-row"][data-case="${fx.caseNumber}"]`);
    await row.waitFor();
    assert.equal(await row.getAttribute('data-status'), 'REQUESTED');
    assert.match(await page.getByTestId('ft-inbox').innerText(), LAO);
    await assertAccessible(page, 'family tracing inbox (lo, phone)');
    await row.getByTestId('ft-open').click();
    await page.getByTestId('ft-answer-form').waitFor();
    assert.equal(await page.getByTestId('ft-contact').innerText(), CONTACT, 'the consented contact is shared');
    await pick(page, 'ft-answer-code', 'ພົບຄອບຄົວ, ແນະນຳໃຫ້ກັບຄືນ');
    await page.getByTestId('ft-assessment').fill(ASSESSMENT);
    await assertAccessible(page, 'one tracing request (lo, phone)');
    await page.getByTestId('ft-answer-submit').click();
    await page.locator('[data-testid="ft-card"][data-status="ANSWERED"]').waitFor();
    assert.match(await page.getByTestId('ft-notice').innerText(), /ໄດ້ສົ່ງຄຳຕອບແລ້ວ/);
    // the office never opens the case itself
    await assert.rejects(
      api(`/cases/${fx.caseId}`, { token: (await apiLogin(stack.baseUrl, 'molsw.caseworker')).token }),
      /→ 404/,
    );
    await logout(page);

    // 3. the lead reads the answer on the case and records the return to Savannakhet
    await login(page, stack.baseUrl, 'atd.caseworker', 'lo');
    await openTab(page);
    const answered = page.locator('[data-testid="ft-card"][data-status="ANSWERED"]');
    await answered.waitFor();
    assert.equal(await answered.getByTestId('ft-answer').getAttribute('data-code'), 'FAMILY_FOUND_RETURN_ADVISED');
    assert.equal(await answered.getByTestId('ft-answer-text').innerText(), ASSESSMENT);
    await pick(page, 'ft-return-crossing', 'ຂົວມິດຕະພາບ 2');
    await pick(page, 'ft-return-handover', 'ສະຫວັນນະເຂດ');
    await page.getByTestId('ft-return-note').fill('ພັກຢູ່ສູນຮັບ-ສົ່ງ 5 ມື້');
    await page.getByTestId('ft-return-submit').click();
    const ret = page.locator('[data-testid="ft-return"][data-province="13"]');
    await ret.waitFor();
    assert.match(await ret.getByTestId('ft-return-moves').innerText(), /ສະຫວັນນະເຂດ/);
    assert.match(await page.getByTestId('ft-tab-notice').innerText(), /ໄດ້ບັນທຶກການສົ່ງກັບຄືນແລ້ວ/);
    await assertAccessible(page, 'return recorded (lo, phone)');

    // 4. the timeline says so, and the return offers the province transfer to a supervisor
    const timeline = await api(`/cases/${fx.caseId}/timeline`, { token: fx.cw });
    const kinds = timeline.items.map((e) => e.kind);
    for (const k of ['FAMILY_TRACING_REQUESTED', 'FAMILY_TRACING_ANSWERED', 'RETURN_RECORDED'])
      assert.ok(kinds.includes(k), `timeline has ${k}`);
    const sup = (await apiLogin(stack.baseUrl, 'atd.supervisor')).token;
    const view = await api(`/cases/${fx.caseId}/family-tracing`, { token: sup });
    assert.deepEqual(view.returns[0].transferOffer.toProvinceCode, '13');
    assert.equal(view.returns[0].transferOffer.allowed, true);
    await logout(page);

    // 5. the supervisor opens the prefilled province transfer from the return and sends it
    await login(page, stack.baseUrl, 'atd.supervisor', 'lo');
    await openTab(page);
    await page.getByTestId('ft-return-transfer').click();
    const dialog = page.getByTestId('case-transfer-dialog');
    await dialog.getByTestId('transfer-province').waitFor();
    assert.equal(
      await dialog.getByTestId('transfer-province').inputValue(),
      '13',
      'prefilled with the handover province',
    );
    await dialog.getByTestId('transfer-reason').fill('ກັບບ້ານເກີດ ແຂວງສະຫວັນນະເຂດ');
    await dialog.getByTestId('transfer-send').click();
    await page.getByTestId('case-notice').waitFor();
    assert.match(await page.getByTestId('case-notice').innerText(), /ໄດ້ຂໍໂອນກໍລະນີແລ້ວ/);
    const transfers = await api('/transfers?box=outgoing', { token: sup });
    assert.ok(
      transfers.items.some((t) => t.caseId === fx.caseId && t.toProvinceCode === '13' && t.kind === 'PROVINCE'),
    );
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});
