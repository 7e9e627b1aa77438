// The case plan as data (issue 15 item 1, decision 0031), in Lao on a phone (390×844): the ATD lead
// caseworker adds a livelihood goal and a task for MoLSW (which holds an accepted referral of the
// case), MoLSW's caseworker completes her task with an outcome, and the ATD lead sees the plan's
// progress. axe-core on the plan tab. Needs `nx build api portal` first:
//   node --test --test-concurrency=1 apps/portal-e2e/src/case-plan.test.mjs
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  api as apiAt,
  apiLogin,
  assertAccessible,
  LAO,
  launchBrowser,
  login,
  newPage,
  screenAndApprove,
} from './helpers.mjs';
import { startStack } from './stack.mjs';

const PHONE = { width: 390, height: 844 };
const GOAL = 'ມີລາຍໄດ້ທີ່ໝັ້ນຄົງຫຼັງຈາກກັບບ້ານ';
const TASK = 'ຢ້ຽມຢາມຄອບຄົວ ແລະ ປະເມີນອາຊີບ';
const OUTCOME = 'ໄດ້ຢ້ຽມຢາມແລ້ວ, ຄອບຄົວພ້ອມຮັບ';
const WAIT = { timeout: 60_000 };

let stack;
let browser;
const fx = {};
const api = (path, options) => apiAt(stack.baseUrl, path, options);
const tokenOf = async (username) => (await apiLogin(stack.baseUrl, username)).token;

before(async () => {
  stack = await startStack();
  browser = await launchBrowser();
  const cw = await tokenOf('atd.caseworker');
  const s = await screenAndApprove(stack.baseUrl, cw, await tokenOf('atd.supervisor'), {
    givenNameLo: 'ນາງບົວ',
    familyNameLo: 'ແສງທອງ',
    latinNames: ['Bua Saengthong'],
    dateOfBirth: '2000-03-04',
  });
  fx.caseId = s.caseId;
  const molsw = (await api('/reference/agencies', { token: cw })).find((a) => a.code === 'MOLSW');
  await api(`/cases/${s.caseId}/consents`, {
    token: cw,
    method: 'POST',
    body: {
      type: 'REFERRAL_SHARING',
      agencyIds: [molsw.id],
      purposes: ['REFERRAL_SHARING'],
      categories: ['CASE_SUMMARY', 'IDENTITY'],
      givenBy: 'SELF',
      form: 'WRITTEN_SIGNATURE',
      grantedAt: new Date(Date.now() - 60_000).toISOString(),
    },
  });
  const referral = await api(`/cases/${s.caseId}/referrals`, {
    token: cw,
    method: 'POST',
    body: {
      toAgencyId: molsw.id,
      serviceTypes: ['REINTEGRATION'],
      urgency: 'HIGH',
      reason: 'ການກັບຄືນສູ່ຊຸມຊົນ',
      categories: ['IDENTITY'],
    },
  });
  await api(`/referrals/${referral.id}/accept`, {
    token: await tokenOf('molsw.caseworker'),
    method: 'POST',
    body: { version: referral.version },
  });
});

after(async () => {
  await browser?.close();
  await stack?.stop();
});

/** A phone-sized page in Lao for `username` on the case's plan tab. */
async function planTab(username) {
  const p = await newPage(browser, PHONE);
  await login(p.page, stack.baseUrl, username, 'lo');
  await p.page.goto(`${stack.baseUrl}/cases/${fx.caseId}`);
  await p.page.getByTestId('tab-plan').click(WAIT);
  await p.page.getByTestId('plan-progress').waitFor(WAIT);
  return p;
}

async function choose(page, selectTestId, optionTestId) {
  await page.getByTestId(selectTestId).click();
  await page.getByTestId(optionTestId).click();
  await page.getByRole('listbox').waitFor({ state: 'detached' });
}

test('ATD plans a goal and a task for MoLSW, MoLSW completes it, ATD sees the progress (Lao, 390×844)', async () => {
  const atd = await planTab('atd.caseworker');
  try {
    const { page } = atd;
    assert.equal(await page.getAttribute('html', 'lang'), 'lo');
    assert.match(await page.getByTestId('tab-plan').innerText(), /ແຜນ/);
    await page.getByTestId('goal-form').waitFor(WAIT);
    await choose(page, 'goal-domain', 'goal-domain-LIVELIHOOD');
    await page.getByTestId('goal-description').fill(GOAL);
    await page.getByTestId('goal-submit').click();
    const goal = page.getByTestId('plan-goal').filter({ hasText: GOAL });
    await goal.waitFor(WAIT);
    assert.match(await goal.innerText(), /ອາຊີບ ແລະ ລາຍໄດ້/);

    await goal.getByTestId('task-title').fill(TASK);
    await choose(page, 'task-agency', 'task-agency-MOLSW');
    await goal.getByTestId('task-due').fill('2099-06-30');
    await goal.getByTestId('task-submit').click();
    await goal.getByTestId('plan-task').filter({ hasText: TASK }).waitFor(WAIT);
    await page.waitForFunction(
      () => document.querySelector('[data-testid="plan-progress"]')?.textContent?.includes('ສຳເລັດ 0 ໃນ 1 ວຽກ'),
      null,
      WAIT,
    );
    // the lead does not decide for MoLSW's worker, but may act on every task of its plan
    assert.equal(await goal.getByTestId('task-COMPLETE').count(), 1);
    // no horizontal scroll on a phone
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1));
    assert.match(await page.getByTestId('case-plan').innerText(), LAO);
    await assertAccessible(page, 'case plan, ATD lead (lo, phone)');
    assert.deepEqual(atd.errors, []);
  } finally {
    await atd.context.close();
  }

  const molsw = await planTab('molsw.caseworker');
  try {
    const { page } = molsw;
    const task = page.getByTestId('plan-task').filter({ hasText: TASK });
    await task.waitFor(WAIT);
    assert.equal(await page.getByTestId('goal-form').count(), 0, 'MoLSW adds no goal');
    assert.match(await page.getByTestId('case-plan').innerText(), new RegExp(GOAL));
    await task.getByTestId('task-outcome').fill(OUTCOME);
    await task.getByTestId('task-COMPLETE').click();
    await page.locator('[data-testid="plan-task"][data-status="DONE"]', { hasText: TASK }).waitFor(WAIT);
    assert.match(await page.getByTestId('case-plan').innerText(), new RegExp(OUTCOME));
    await assertAccessible(page, 'case plan, MoLSW task done (lo, phone)');
    assert.deepEqual(molsw.errors, []);
  } finally {
    await molsw.context.close();
  }

  const lead = await planTab('atd.caseworker');
  try {
    const { page } = lead;
    await page.waitForFunction(
      () => document.querySelector('[data-testid="plan-progress"]')?.textContent?.includes('ສຳເລັດ 1 ໃນ 1 ວຽກ'),
      null,
      WAIT,
    );
    const goal = page.getByTestId('plan-goal').filter({ hasText: GOAL });
    assert.match(await goal.getByTestId('goal-progress').innerText(), /ສຳເລັດ 1 ໃນ 1 ວຽກ/);
    assert.match(await goal.getByTestId('task-status').innerText(), /ສຳເລັດແລ້ວ/);
    assert.deepEqual(lead.errors, []);
  } finally {
    await lead.context.close();
  }
});
