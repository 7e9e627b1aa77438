// Issue 15's "Done when" journey, in Lao on a phone (390×844): the ATD lead caseworker adds a
// livelihood goal to the case plan (decision 0031) and a task for MoLSW (which holds an accepted
// referral of the case) already past its due day, and finds the case with the case list's overdue
// filter (decision 0036). MoLSW's caseworker records a home visit and a reintegration assessment on
// the follow-up tab, then completes her task with an outcome. The ATD lead sees the plan's progress
// and MoLSW's visit; the case is no longer overdue, and the due sort lists it for its next visit.
// axe-core on the plan tab and the case list. Needs `nx build api portal` first:
//   node --test --test-concurrency=1 apps/portal-e2e/src/case-plan.test.mjs
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  api as apiAt,
  apiLogin,
  assess,
  assertAccessible,
  choose,
  daysFromNow,
  LAO,
  launchBrowser,
  login,
  newPage,
  recordHomeVisit,
  referAccepted,
  screenAndApprove,
} from './helpers.mjs';
import { startStack } from './stack.mjs';

const PHONE = { width: 390, height: 844 };
const GOAL = 'ມີລາຍໄດ້ທີ່ໝັ້ນຄົງຫຼັງຈາກກັບບ້ານ';
const TASK = 'ຢ້ຽມຢາມຄອບຄົວ ແລະ ປະເມີນອາຊີບ';
const OUTCOME = 'ໄດ້ຢ້ຽມຢາມແລ້ວ, ຄອບຄົວພ້ອມຮັບ';
const VISIT_NOTE = 'ນາງຢູ່ກັບແມ່, ຢາກເປີດຮ້ານຕັດຫຍິບ.';
// past its due day in Lao time (UTC+7) whatever the hour: the plan accepts a due day in the past
const OVERDUE_DAY = daysFromNow(-2);
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
  fx.caseNumber = (await api(`/cases/${s.caseId}`, { token: cw })).caseNumber;
  await referAccepted(stack.baseUrl, {
    token: cw,
    receiverToken: await tokenOf('molsw.caseworker'),
    caseId: s.caseId,
    agencyCode: 'MOLSW',
    categories: ['IDENTITY', 'CONTACT_LOCATION', 'HEALTH'],
    referral: { serviceTypes: ['REINTEGRATION'], urgency: 'HIGH', reason: 'ການກັບຄືນສູ່ຊຸມຊົນ' },
  });
});

after(async () => {
  await browser?.close();
  await stack?.stop();
});

/** A phone-sized page in Lao for `username` on the case page. */
async function casePage(username) {
  const p = await newPage(browser, PHONE);
  await login(p.page, stack.baseUrl, username, 'lo');
  await p.page.goto(`${stack.baseUrl}/cases/${fx.caseId}`);
  return p;
}

async function openPlan(page) {
  await page.getByTestId('tab-plan').click(WAIT);
  await page.getByTestId('plan-progress').waitFor(WAIT);
}

async function openFollowUp(page) {
  await page.getByTestId('tab-follow-up').click(WAIT);
  await page.getByTestId('case-follow-up').waitFor(WAIT);
}

const isCaseList = (r) => new URL(r.url()).pathname === '/api/v1/cases' && r.request().method() === 'GET';
const isCaseSearch = (r) => new URL(r.url()).pathname === '/api/v1/cases/search';

/**
 * On the case list with its filters applied: searches the case's number and answers the request's
 * body (the list's filters travel in it) and the ids of the cases the page then lists. The ids are
 * read off the page, not the response: Chromium may drop a body once the app has moved on (the
 * search rewrites the URL), as it did under load in match-request.test.mjs.
 */
async function searchCaseNumber(page) {
  const answer = page.waitForResponse(isCaseSearch, WAIT);
  await page.getByTestId('case-search').fill(fx.caseNumber);
  await page.getByTestId('case-search-submit').click();
  const res = await answer;
  assert.equal(res.status(), 200);
  return { body: res.request().postDataJSON(), ids: await searchedIds(page) };
}

/** The ids of the cases a search lists, once the page shows its outcome: its results line, or the empty list. */
async function searchedIds(page) {
  await page.locator('[data-testid="case-search-results"], [data-testid="case-list-empty"]').first().waitFor(WAIT);
  const hrefs = await page
    .getByTestId('case-link')
    .evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
  return hrefs.map((h) => h.split('/').pop());
}

test("MoLSW records a home visit and an assessment, completes her task; the ATD lead sees the plan's progress (Lao, 390×844)", async () => {
  const atd = await casePage('atd.caseworker');
  try {
    const { page } = atd;
    await openPlan(page);
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
    await goal.getByTestId('task-due').fill(OVERDUE_DAY);
    await goal.getByTestId('task-submit').click();
    const task = goal.getByTestId('plan-task').filter({ hasText: TASK });
    await task.waitFor(WAIT);
    assert.match(await task.innerText(), /ກາຍກຳນົດ/, 'the task is shown overdue');
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

    // the case list's overdue filter (a checkbox, carried in the URL as a code) finds the case
    const unfiltered = page.waitForResponse(isCaseList, WAIT);
    await page.goto(`${stack.baseUrl}/cases`);
    await unfiltered;
    const overdue = page.getByTestId('filter-overdue');
    assert.match(await overdue.innerText(), /ກາຍກຳນົດ/);
    await overdue.locator('input').check();
    const filtered = page.waitForResponse(
      (r) => isCaseList(r) && new URL(r.url()).searchParams.get('overdue') === 'true',
      WAIT,
    );
    await page.getByTestId('filter-apply').click();
    await filtered;
    await page.waitForURL((u) => u.searchParams.get('overdue') === 'true', WAIT);
    const found = await searchCaseNumber(page);
    assert.equal(found.body.overdue, 'true', 'the search keeps the filter');
    assert.deepEqual(found.ids, [fx.caseId]);
    await page.getByTestId('case-row').filter({ hasText: fx.caseNumber }).waitFor(WAIT);
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1));
    await assertAccessible(page, 'case list, overdue filter (lo, phone)');
    assert.deepEqual(atd.errors, []);
  } finally {
    await atd.context.close();
  }

  const molsw = await casePage('molsw.caseworker');
  try {
    const { page } = molsw;
    // the home visit and the reintegration assessment, on the follow-up tab
    await openFollowUp(page);
    await recordHomeVisit(page, { note: VISIT_NOTE, nextDue: daysFromNow(30) });
    const visit = await page.getByTestId('fu-visit').innerText();
    assert.match(visit, /ຢ້ຽມຢາມເຮືອນ/, 'a home visit, in Lao');
    assert.ok(visit.includes(VISIT_NOTE));
    await assess(page, daysFromNow(0), { SAFETY: 3, PSYCHOSOCIAL: 2, INCOME: 2, HOUSING: 3, ACCEPTANCE: 3 }, 1);
    assert.equal(await page.getByTestId('fu-assessment').count(), 1);

    // then her task on the plan, the case opened again (on a phone the tab bar has scrolled past the plan tab)
    await page.goto(`${stack.baseUrl}/cases/${fx.caseId}`);
    await openPlan(page);
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

  const lead = await casePage('atd.caseworker');
  try {
    const { page } = lead;
    await openPlan(page);
    await page.waitForFunction(
      () => document.querySelector('[data-testid="plan-progress"]')?.textContent?.includes('ສຳເລັດ 1 ໃນ 1 ວຽກ'),
      null,
      WAIT,
    );
    const goal = page.getByTestId('plan-goal').filter({ hasText: GOAL });
    assert.match(await goal.getByTestId('goal-progress').innerText(), /ສຳເລັດ 1 ໃນ 1 ວຽກ/);
    assert.match(await goal.getByTestId('task-status').innerText(), /ສຳເລັດແລ້ວ/);
    assert.doesNotMatch(await goal.getByTestId('plan-task').innerText(), /ກາຍກຳນົດ/);
    await openFollowUp(page);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="fu-visit"]').length === 1, null, WAIT);
    assert.match(await page.getByTestId('fu-visit').innerText(), /MOLSW/);
    assert.equal(await page.getByTestId('fu-trend-row').count(), 1);

    // the task done, the case is no longer overdue (a deep link: the URL carries the filter's code)
    const filtered = page.waitForResponse(
      (r) => isCaseList(r) && new URL(r.url()).searchParams.get('overdue') === 'true',
      WAIT,
    );
    await page.goto(`${stack.baseUrl}/cases?overdue=true`);
    await filtered;
    assert.equal(await page.getByTestId('filter-overdue').locator('input').isChecked(), true);
    const none = await searchCaseNumber(page);
    assert.equal(none.body.overdue, 'true');
    assert.deepEqual(none.ids, []);
    await page.getByTestId('case-list-empty').waitFor(WAIT);

    // ... but sorted by due date it is listed, for MoLSW's next visit
    await page.getByTestId('filter-overdue').locator('input').uncheck();
    await choose(page, 'filter-sort', 'filter-sort-due');
    assert.match(await page.getByTestId('filter-sort').innerText(), /ຮອດກຳນົດກ່ອນ/);
    const sorted = page.waitForResponse((r) => isCaseSearch(r) && r.request().postDataJSON()?.sort === 'due', WAIT);
    await page.getByTestId('filter-apply').click();
    const res = await sorted;
    assert.equal(res.request().postDataJSON().overdue, undefined);
    assert.equal(res.status(), 200);
    await page.getByTestId('case-row').filter({ hasText: fx.caseNumber }).waitFor(WAIT);
    assert.deepEqual(await searchedIds(page), [fx.caseId]);
    await page.waitForURL((u) => u.searchParams.get('sort') === 'due' && !u.searchParams.has('overdue'), WAIT);
    await page.getByTestId('case-row').filter({ hasText: fx.caseNumber }).waitFor(WAIT);
    assert.deepEqual(lead.errors, []);
  } finally {
    await lead.context.close();
  }
});
