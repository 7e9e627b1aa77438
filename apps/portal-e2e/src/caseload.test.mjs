// Caseload and my day (issue 15 items 5 and 6), in Lao against the real stack: the MoPS ATD supervisor
// opens the caseload, sees the three cases of a caseworker on leave (atd.caseworker), selects them
// and reassigns them to another worker (atd.investigator) with a reason, on a phone (390 × 844);
// then the caseworker's home page shows "my day" with her draft and the primary "new screening"
// action. axe-core on both. Needs `nx build api portal` first:
//   node --test --test-concurrency=1 apps/portal-e2e/src/caseload.test.mjs
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  api,
  apiLogin,
  assertAccessible,
  assignCase,
  CONSENT_QUESTIONS,
  LAO,
  launchBrowser,
  login,
  newPage,
  screenAndApprove,
} from './helpers.mjs';
import { startStack } from './stack.mjs';

const PHONE = { width: 390, height: 844 };
let stack;
let browser;
const fx = { cases: [] };

before(async () => {
  stack = await startStack();
  browser = await launchBrowser();
  const cw = await apiLogin(stack.baseUrl, 'atd.caseworker');
  const sup = await apiLogin(stack.baseUrl, 'atd.supervisor');
  const inv = await apiLogin(stack.baseUrl, 'atd.investigator');
  fx.sup = sup.token;
  fx.caseworkerId = cw.user.id;
  fx.investigatorId = inv.user.id;
  for (const [given, latin] of [
    ['ນາງແກ້ວ', 'Keo Phomma'],
    ['ນາງດາວ', 'Dao Sisouk'],
    ['ນາງພອນ', 'Phone Inthavong'],
  ]) {
    const s = await screenAndApprove(stack.baseUrl, cw.token, sup.token, {
      givenNameLo: given,
      familyNameLo: 'ວົງສາ',
      latinNames: [latin],
    });
    await assignCase(stack.baseUrl, sup.token, s.caseId, 'atd.caseworker');
    fx.cases.push(s.caseId);
  }
  // a draft she has not finished: on her day
  const past = new Date(Date.now() - 3600_000).toISOString();
  await api(stack.baseUrl, '/screenings', {
    token: cw.token,
    method: 'POST',
    body: {
      metadata: { provinceCode: '01', interviewAt: past },
      interviewConsent: {
        ...Object.fromEntries(CONSENT_QUESTIONS.map((q) => [q, 'YES'])),
        givenBy: 'SELF',
        form: 'WRITTEN_SIGNATURE',
        recordedAt: past,
      },
    },
  });
});

after(async () => {
  await browser?.close();
  await stack?.stop();
});

test('a supervisor reassigns the three cases of a worker on leave to another worker (Lao, 390 × 844)', async () => {
  const { context, page, errors } = await newPage(browser, PHONE);
  try {
    await login(page, stack.baseUrl, 'atd.supervisor', 'lo');
    await page.goto(`${stack.baseUrl}/caseload`);
    const row = page.locator(`[data-testid="caseload-worker"][data-worker="${fx.caseworkerId}"]`);
    await row.waitFor();
    assert.equal((await row.getByTestId('caseload-active').innerText()).trim(), '3');
    assert.match(await page.getByTestId('caseload').innerText(), LAO);

    await row.getByTestId('caseload-show').click();
    await page.getByTestId('caseload-case').nth(2).waitFor();
    assert.equal(await page.getByTestId('caseload-case').count(), 3);
    await page.getByTestId('caseload-select-all').locator('input').check();
    await page.waitForFunction(() =>
      document.querySelector('[data-testid="caseload-selected"]')?.textContent?.includes('3'),
    );

    await page.getByTestId('caseload-reassign').click();
    await page.getByTestId('caseload-assignee').click();
    await page.getByTestId('picker-option-atd.investigator').click();
    await page.getByRole('listbox').waitFor({ state: 'detached' });
    await page.getByTestId('caseload-reassign-reason').fill('ພະນັກງານລາພັກເກີດລູກ ຈົນຮອດເດືອນມີນາ');
    await page.getByTestId('caseload-reassign-submit').click();
    await page.getByTestId('caseload-done').waitFor();
    await page.getByTestId('caseload-empty').waitFor();
    await page.waitForFunction(
      (id) =>
        document
          .querySelector(`[data-testid="caseload-worker"][data-worker="${id}"] [data-testid="caseload-active"]`)
          ?.textContent?.trim() === '0',
      fx.caseworkerId,
    );

    for (const id of fx.cases) {
      const c = await api(stack.baseUrl, `/cases/${id}`, { token: fx.sup });
      assert.equal(c.assignedTo?.id, fx.investigatorId);
    }
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow}px`);
    await assertAccessible(page, 'caseload (lo, 390)');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test("a caseworker's home page shows my day with her draft and the new-screening action (Lao, 390 × 844)", async () => {
  const { context, page, errors } = await newPage(browser, PHONE);
  try {
    await login(page, stack.baseUrl, 'atd.caseworker', 'lo');
    await page.goto(`${stack.baseUrl}/`);
    await page.getByTestId('my-day').waitFor();
    await page.locator('[data-testid="my-day-item"][data-kind="SCREENING_DRAFT"]').first().waitFor();
    assert.match(await page.getByTestId('my-day').innerText(), LAO);
    const action = page.getByTestId('my-day-new-screening');
    assert.ok(await action.isVisible(), 'the new-screening action is shown');
    await assertAccessible(page, 'home with my day (lo, 390)');
    await action.click();
    await page.waitForURL(/\/screenings\/new$/);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});
