// Case transfers in the portal (issue 14 items 1 and 2), in Lao on a phone (390 × 844): a supervisor
// of MoPS ATD moves a Vientiane Capital case to its Savannakhet office (province 13) from the case
// page's "transfer" dialog, and the Savannakhet supervisor accepts it from the incoming transfers
// box; then a lead transfer to the Lao Women's Union, covered by a consent, accepted by LWU's
// supervisor, after which LWU leads. The fresh database has no cases: they are opened through the
// API; the Savannakhet supervisor is a copy of the demo supervisor with that one province.
// axe-core on each page. Needs `nx build api portal` first:
//   node --test --test-concurrency=1 apps/portal-e2e/src/transfer.test.mjs
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
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
const GIVEN = 'ສະຫວັນ';
const FAMILY = 'ທົດສອບໂອນ';

let stack;
let browser;
const fx = {};
const api = (path, options) => apiAt(stack.baseUrl, path, options);

before(async () => {
  stack = await startStack();
  browser = await launchBrowser();
  const db = new pg.Client({ connectionString: stack.adminDatabaseUrl });
  await db.connect();
  try {
    await db.query(`CREATE TEMP TABLE u_copy AS SELECT * FROM app_user WHERE username = 'atd.supervisor'`);
    await db.query(
      `UPDATE u_copy SET id = gen_random_uuid(), username = 'atd.sup13', email = 'atd.sup13@example.org', all_provinces = false, provinces = '{13}'`,
    );
    await db.query(`INSERT INTO app_user SELECT * FROM u_copy`);
  } finally {
    await db.end();
  }
  const cw = (await apiLogin(stack.baseUrl, 'atd.caseworker')).token;
  fx.sup = (await apiLogin(stack.baseUrl, 'atd.supervisor')).token;
  fx.caseA = (
    await screenAndApprove(stack.baseUrl, cw, fx.sup, {
      givenNameLo: GIVEN,
      familyNameLo: FAMILY,
      latinNames: ['Savan Transfer'],
    })
  ).caseId;
  fx.caseB = (
    await screenAndApprove(stack.baseUrl, cw, fx.sup, {
      givenNameLo: 'ນາງ',
      familyNameLo: FAMILY,
      latinNames: ['Lwu Transfer'],
      dateOfBirth: '2000-01-01',
    })
  ).caseId;
  const lwu = (await api('/reference/agencies', { token: cw })).find((a) => a.code === 'LWU');
  fx.lwu = lwu.id;
  await api(`/cases/${fx.caseB}/consents`, {
    token: cw,
    method: 'POST',
    body: {
      type: 'REFERRAL_SHARING',
      agencyIds: [lwu.id],
      purposes: ['REFERRAL_SHARING'],
      categories: ['CASE_SUMMARY', 'IDENTITY'],
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

/** The lead's supervisor opens the case page and sends the transfer request from the dialog. */
async function requestTransfer(page, caseId, { agency, province, category }) {
  await page.goto(`${stack.baseUrl}/cases/${caseId}`);
  await page.getByTestId('case-transfer-open').click();
  await page.getByTestId('case-transfer-dialog').getByTestId('transfer-agency').waitFor();
  if (agency) await page.getByTestId('transfer-agency').selectOption({ value: agency });
  if (province) await page.getByTestId('transfer-province').selectOption(province);
  if (category) await page.getByTestId(`transfer-category-${category}`).check();
  await page.getByTestId('transfer-reason').fill('ກັບບ້ານເກີດ');
  assert.match(await page.getByTestId('case-transfer-dialog').innerText(), LAO, 'the dialog is in Lao');
  await assertAccessible(page, 'transfer dialog (lo, phone)');
  await page.getByTestId('transfer-send').click();
  await page.getByTestId('case-notice').waitFor();
  assert.match(await page.getByTestId('case-notice').innerText(), /ໄດ້ຂໍໂອນກໍລະນີແລ້ວ/);
}

/** The receiving supervisor finds the request in the incoming box, opens it and accepts it (assigning themself). */
async function acceptFromInbox(page, caseNumber) {
  await page.goto(`${stack.baseUrl}/transfers`);
  const row = page.locator(`[data-testid="transfer-row"][data-case="${caseNumber}"]`);
  await row.waitFor();
  assert.equal(await row.getAttribute('data-status'), 'REQUESTED');
  assert.match(await page.getByTestId('transfer-list').innerText(), LAO);
  await assertAccessible(page, 'incoming transfers (lo, phone)');
  await row.getByTestId('transfer-link').click();
  await page.getByTestId('transfer-accept').waitFor();
  await assertAccessible(page, 'one transfer (lo, phone)');
  await page.getByTestId('transfer-accept').click();
  await page.waitForFunction(
    () => document.querySelector('[data-testid="transfer-detail-status"]')?.getAttribute('data-status') === 'ACCEPTED',
  );
}

test('an ATD case moves to the Savannakhet office (13) and is accepted there (Lao, phone)', async () => {
  const { context, page, errors } = await newPage(browser, PHONE);
  try {
    const before = await api(`/cases/${fx.caseA}`, { token: fx.sup });
    await login(page, stack.baseUrl, 'atd.supervisor', 'lo');
    await requestTransfer(page, fx.caseA, { province: '13' });
    await logout(page);

    await login(page, stack.baseUrl, 'atd.sup13', 'lo');
    // before acceptance, Savannakhet previews the case without identity
    await acceptFromInbox(page, before.caseNumber);
    await page.getByTestId('transfer-open-case').click();
    await page.getByTestId('case-summary').waitFor();
    assert.match(await page.getByTestId('case-summary').innerText(), /ສະຫວັນນະເຂດ/, 'the case is in Savannakhet');

    const after = await api(`/cases/${fx.caseA}`, { token: fx.sup });
    assert.equal(after.provinceCode, '13');
    assert.equal(after.assignedTo.username, 'atd.sup13');
    // the Vientiane Capital caseworker lost it at once
    const cw = (await apiLogin(stack.baseUrl, 'atd.caseworker')).token;
    await assert.rejects(api(`/cases/${fx.caseA}`, { token: cw }), /→ 404/);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('a lead transfer to LWU, covered by a consent, is accepted by its supervisor and LWU leads (Lao, phone)', async () => {
  const { context, page, errors } = await newPage(browser, PHONE);
  try {
    const c = await api(`/cases/${fx.caseB}`, { token: fx.sup });
    await login(page, stack.baseUrl, 'atd.supervisor', 'lo');
    await requestTransfer(page, fx.caseB, { agency: fx.lwu, category: 'IDENTITY' });
    await logout(page);

    await login(page, stack.baseUrl, 'lwu.supervisor', 'lo');
    await acceptFromInbox(page, c.caseNumber);
    const lwu = (await apiLogin(stack.baseUrl, 'lwu.supervisor')).token;
    const now = await api(`/cases/${fx.caseB}`, { token: lwu });
    assert.equal(now.relation, 'LEAD_AGENCY');
    assert.equal(now.leadAgency.code, 'LWU');
    // ATD keeps what it held, read only
    assert.equal((await api(`/cases/${fx.caseB}`, { token: fx.sup })).relation, 'FORMER_LEAD');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});
