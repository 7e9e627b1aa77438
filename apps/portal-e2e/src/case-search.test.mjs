// Finding a case (issue 15 item 4), in Lao on a phone (390 × 844) against the real stack: a MoPS ATD
// caseworker finds a seeded case from the case list's search box by its number, by the Lao name and
// by a romanisation of it; the name goes in the request body, never in a URL. She then saves the
// "children" filter under a Lao label, and picks it again from her saved filters. axe-core on the
// list. Needs `nx build api portal` first:
//   node --test --test-concurrency=1 apps/portal-e2e/src/case-search.test.mjs
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { apiLogin, assertAccessible, LAO, launchBrowser, login, newPage, screenAndApprove } from './helpers.mjs';
import { startStack } from './stack.mjs';

const PHONE = { width: 390, height: 844 };
const GIVEN = 'ນາງຄົ້ນພົບ';
const FAMILY = 'ສີວົງໄຊ';
const LATIN = 'Khonphop Sivongxay';
let stack;
let browser;
const fx = {};

before(async () => {
  stack = await startStack();
  browser = await launchBrowser();
  const cw = (await apiLogin(stack.baseUrl, 'atd.caseworker')).token;
  const sup = (await apiLogin(stack.baseUrl, 'atd.supervisor')).token;
  const found = await screenAndApprove(stack.baseUrl, cw, sup, {
    givenNameLo: GIVEN,
    familyNameLo: FAMILY,
    latinNames: [LATIN],
  });
  // a second case, so that a search has something to leave out
  await screenAndApprove(stack.baseUrl, cw, sup, {
    givenNameLo: 'ບຸນມາ',
    familyNameLo: 'ພົມມະວົງ',
    latinNames: ['Bounma Phommavong'],
  });
  fx.caseId = found.caseId;
  const res = await fetch(`${stack.baseUrl}/api/v1/cases/${found.caseId}`, {
    headers: { Authorization: `Bearer ${cw}` },
  });
  fx.caseNumber = (await res.json()).caseNumber;
});

after(async () => {
  await browser?.close();
  await stack?.stop();
});

/** Waits until the list shows exactly these case numbers. */
const shows = (page, numbers) =>
  page.waitForFunction(
    (want) =>
      JSON.stringify([...document.querySelectorAll('[data-testid="case-link"]')].map((a) => a.textContent.trim())) ===
      JSON.stringify(want),
    numbers,
  );

test('caseworker finds a case by number, by Lao name and by a romanisation, and saves a filter (Lao, 390 × 844)', async () => {
  const { context, page, errors } = await newPage(browser, PHONE);
  const urls = [];
  const bodies = [];
  page.on('request', (r) => {
    urls.push(r.url());
    if (r.url().endsWith('/api/v1/cases/search')) bodies.push(r.postData() ?? '');
  });
  try {
    await login(page, stack.baseUrl, 'atd.caseworker', 'lo');
    await page.goto(`${stack.baseUrl}/cases`);
    await page.getByTestId('case-row').first().waitFor();
    assert.equal(await page.getByTestId('case-row').count(), 2);
    assert.match(await page.getByTestId('case-list').innerText(), LAO);

    // by number
    await page.getByTestId('case-search').fill(fx.caseNumber.toLowerCase());
    await page.getByTestId('case-search-submit').click();
    await page.getByTestId('case-search-results').waitFor();
    await shows(page, [fx.caseNumber]);

    // by the Lao name
    await page.getByTestId('case-search').fill(`${GIVEN} ${FAMILY}`);
    await page.getByTestId('case-search-submit').click();
    await shows(page, [fx.caseNumber]);

    // by a romanisation of it
    await page.getByTestId('case-search').fill('Khonphop Sivongsai');
    await page.getByTestId('case-search-submit').click();
    await shows(page, [fx.caseNumber]);

    // the found case opens
    await page.getByTestId('case-link').first().click();
    await page.waitForURL(new RegExp(`/cases/${fx.caseId}$`));
    await page.goBack();
    await page.getByTestId('case-row').first().waitFor();

    // a saved filter: children (none of the seeded cases), saved under a Lao label, picked again
    await page
      .getByTestId('case-search-clear')
      .click()
      .catch(() => undefined);
    await page.getByTestId('filter-child').locator('input').check();
    await page.getByTestId('filter-apply').click();
    await page.waitForURL(/child=true/);
    await page.getByTestId('case-list-empty').waitFor();
    await page.getByTestId('saved-filter-label').fill('ເດັກນ້ອຍຂອງຂ້ອຍ');
    await page.getByTestId('saved-filter-save').click();
    await page.getByTestId('saved-filter-delete').waitFor();
    await page.getByTestId('filter-child').locator('input').uncheck();
    await page.getByTestId('filter-apply').click();
    await page.waitForURL((u) => !/child=true/.test(u.toString()));
    await page.getByTestId('case-row').first().waitFor();
    await page.getByTestId('saved-filters').click();
    await page.getByRole('option', { name: 'ເດັກນ້ອຍຂອງຂ້ອຍ', exact: true }).click();
    await page.getByRole('listbox').waitFor({ state: 'detached' });
    await page.waitForURL(/child=true/);
    await page.getByTestId('case-list-empty').waitFor();

    // usable on the phone: nothing wider than the screen but the table's own scroller
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow}px`);
    await assertAccessible(page, 'case list with search and saved filters (lo, 390)');

    // the name travelled in the body, never in a URL
    for (const u of urls) {
      const decoded = decodeURIComponent(u);
      assert.ok(!decoded.includes(GIVEN) && !/khonphop/i.test(decoded), `a name in a URL: ${u}`);
    }
    assert.ok(
      bodies.some((b) => b.includes(GIVEN)),
      'the Lao name was searched in a POST body',
    );
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});
