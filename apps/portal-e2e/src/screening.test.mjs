// Screening journey against the real stack: a caseworker interviews through the wizard in Lao
// (consent first, sections, indicators with a live indicative result), the draft survives a reload
// before it reached the server, the duplicate check runs, the screening is submitted; a supervisor
// approves it and sees the case number. Then the first steps in English, where a refused consent
// stops and terminates the interview. axe-core on every page. Needs `nx build api portal` first.
//   node --test --test-concurrency=1 apps/portal-e2e/src/screening.test.mjs
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import {
  artifacts,
  assertAccessible,
  CHROMIUM_ARGS,
  CONSENT_QUESTIONS,
  LAO,
  login as loginAt,
  logout,
  newPage as openPage,
} from './helpers.mjs';
import { startStack } from './stack.mjs';

let stack;
let browser;

before(async () => {
  mkdirSync(artifacts, { recursive: true });
  stack = await startStack();
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
});

after(async () => {
  await browser?.close();
  await stack?.stop();
});

const newPage = () => openPage(browser);
const login = (page, username) => loginAt(page, stack.baseUrl, username);

/** Opens a mat-select by its test id and picks the option with this visible text. */
async function choose(page, testId, optionText) {
  await page.getByTestId(testId).click();
  await page.getByRole('option', { name: optionText, exact: true }).click();
  await page.locator('.cdk-overlay-pane mat-option').first().waitFor({ state: 'detached' });
}

async function waitSaved(page) {
  await page.locator('[data-testid="save-state"][data-state="saved"]').waitFor({ timeout: 15_000 });
}

/** The shell scrolls inside <main>: bring a part of the page to the top before a screenshot. */
async function scrollTo(page, testId) {
  await page
    .getByTestId(testId)
    .first()
    .evaluate((el) => el.scrollIntoView({ block: 'start' }));
}

async function openStep(page, step) {
  await page.getByTestId(`step-${step}`).click();
}

test('caseworker interviews in Lao, the draft survives a reload, supervisor approves and sees the case number', async () => {
  const { context, page, errors } = await newPage();
  let screeningId;
  try {
    await login(page, 'atd.caseworker');
    assert.equal(await page.getAttribute('html', 'lang'), 'lo');

    // the list: my drafts and the agency's screenings, no names
    await page.getByTestId('nav-screenings').click();
    await page.getByTestId('screenings-list').waitFor();
    await page.getByTestId('agency-screenings').waitFor();
    await assertAccessible(page, 'screenings list (lo)');

    // the wizard opens on the consent step; nothing else is offered before all seven are YES
    await page.getByTestId('new-screening').click();
    await page.getByTestId('wizard').waitFor();
    assert.match(await page.getByTestId('step-consent').innerText(), LAO);
    assert.equal(await page.getByTestId('step-bioData').count(), 0, 'no other section before consent');
    await page.getByTestId('consent-unanswered').waitFor();
    for (const q of CONSENT_QUESTIONS) await page.getByTestId(`consent-${q}-YES`).click();
    await choose(page, 'consent-givenBy', 'ຕົນເອງ');
    await page.getByTestId('consent-complete').waitFor();
    await page.screenshot({ path: join(artifacts, 'screening-wizard-consent-lo.png'), fullPage: true });
    await assertAccessible(page, 'wizard consent (lo)');

    // interview details: saved on its own, the URL becomes the screening's
    await page.getByTestId('consent-next').click();
    // the district is picked from the province's list by typing part of its Lao name
    await page.getByTestId('f-metadata-district').fill('ຈັນທະ');
    await page.getByTestId('f-metadata-district-opt-0101').click();
    await choose(page, 'f-metadata-facilityType', 'ດ່ານຊາຍແດນ');
    await choose(page, 'f-metadata-referralSource', 'ຕຳຫຼວດຕ້ານການຄ້າມະນຸດ');
    // the interview time and language are filled in already (now, Lao)
    assert.match(await page.getByTestId('f-metadata-interviewAt-year').inputValue(), /^20\d\d$/);
    await waitSaved(page);
    await page.waitForURL(/\/screenings\/[0-9a-f-]{36}$/);
    screeningId = page.url().split('/').pop();
    await scrollTo(page, 'screening-page');
    await page.screenshot({ path: join(artifacts, 'screening-wizard-lo.png') });
    await assertAccessible(page, 'wizard details (lo)');

    // bio-data, then a reload before the 2 s autosave: the edits come back from the device copy
    await openStep(page, 'bioData');
    await page.getByTestId('f-bioData-givenNameLo').fill('ບົວພັນ');
    await page.getByTestId('f-bioData-familyNameLo').fill('ສີສຸວັນ');
    await page.getByTestId('f-bioData-latinNames').fill('Bouaphan Sisouvan');
    await page.getByTestId('f-bioData-latinNames').press('Enter');
    await page.getByTestId('f-bioData-dateOfBirth-day').fill('1');
    await page.getByTestId('f-bioData-dateOfBirth-month').fill('3');
    await page.getByTestId('f-bioData-dateOfBirth-year').fill('1998');
    await page.getByTestId('derived-age').waitFor();
    await choose(page, 'f-bioData-sex', 'ຍິງ');
    await page.reload();
    await page.getByTestId('wizard').waitFor();
    await page.getByTestId('notice').waitFor();
    await waitSaved(page);
    await openStep(page, 'bioData');
    assert.equal(
      await page.getByTestId('f-bioData-givenNameLo').inputValue(),
      'ບົວພັນ',
      'the draft was kept across the reload',
    );
    assert.deepEqual(
      [
        await page.getByTestId('f-bioData-dateOfBirth-day').inputValue(),
        await page.getByTestId('f-bioData-dateOfBirth-month').inputValue(),
        await page.getByTestId('f-bioData-dateOfBirth-year').inputValue(),
      ],
      ['1', '3', '1998'],
    );
    // the device copy is removed once the server has the edits
    await page.waitForFunction(
      () => Object.keys(localStorage).filter((k) => k.startsWith('ctms.screeningDraft.')).length === 0,
    );

    // duplicate check before a new person
    const search = page.waitForResponse((r) => r.url().endsWith('/api/v1/persons/search'));
    await page.getByTestId('dup-search').click();
    assert.equal((await search).status(), 200);
    await page.locator('[data-testid="dup-none"], [data-testid="dup-count"]').first().waitFor();
    if (await page.getByTestId('dup-count').count()) {
      assert.match(await page.getByTestId('dup-reasons').first().innerText(), LAO);
      await page.getByTestId('dup-new').click();
    }

    // destination: a few facts
    await openStep(page, 'destinationAndExploitation');
    await page.getByTestId('f-destinationAndExploitation-city').fill('ບາງກອກ');
    await page.getByTestId('f-destinationAndExploitation-hoursPerDay').fill('14');

    // indicators: the indicative result follows the answers live
    await openStep(page, 'indicators');
    const overall = page.getByTestId('indicative-overall').first();
    assert.equal(await overall.getAttribute('data-result'), 'INDICATORS_NOT_MET');
    assert.match(await page.getByTestId('indicative-label').first().innerText(), LAO);
    for (const code of ['DR01', 'DR02', 'EX01', 'EX02', 'CD01', 'CD02'])
      await page.getByTestId(`ind-${code}-PRESENT`).click();
    await page.getByTestId('ind-DR01-evidence').fill('ບອກວ່າຈະໄດ້ເຮັດວຽກຮ້ານອາຫານ');
    await page.getByTestId('ind-CR01-UNKNOWN').click();
    // the result is recomputed on the next change-detection pass: wait for it rather than read it inside the click
    await page
      .locator('[data-testid="indicative-overall"][data-result="POSSIBLE_VICTIM"]')
      .first()
      .waitFor({ timeout: 5000 });
    assert.equal(await overall.getAttribute('data-result'), 'POSSIBLE_VICTIM');
    assert.equal(await page.getByTestId('dimres-DECEPTIVE_RECRUITMENT').first().getAttribute('data-positive'), 'true');
    await waitSaved(page);
    await scrollTo(page, 'indicative-result');
    await page.screenshot({ path: join(artifacts, 'screening-indicators-lo.png') });
    await assertAccessible(page, 'wizard indicators (lo)');

    // assessment and submit
    await openStep(page, 'assessment');
    await page.getByTestId('assessment-POSSIBLE_VICTIM').click();
    await page.getByTestId('assessment-rationale').fill('ມີຕົວຊີ້ວັດຫຼາຍຢ່າງ');
    await waitSaved(page);
    await page.getByTestId('submit').click();
    await page.getByTestId('submitted-confirmation').waitFor();
    await page.getByTestId('review-title').waitFor();
    assert.match(await page.getByTestId('screening-status').innerText(), /ສົ່ງໃຫ້ກວດກາແລ້ວ/);
    await logout(page);

    // the supervisor's queue, the read-only screening, approval and the case number
    await login(page, 'atd.supervisor');
    await page.goto(`${stack.baseUrl}/screenings?status=SUBMITTED`);
    const row = page.locator(`[data-testid="screening-row"][data-id="${screeningId}"]`).first();
    await row.waitFor();
    assert.doesNotMatch(await row.innerText(), /ບົວພັນ|Bouaphan/, 'the list shows no name');
    await assertAccessible(page, 'approval queue (lo)');
    await row.getByTestId('open-screening').click();
    await page.getByTestId('review-actions').waitFor();
    assert.equal(await page.getByTestId('indicative-overall').getAttribute('data-result'), 'POSSIBLE_VICTIM');
    await scrollTo(page, 'screening-page');
    await page.screenshot({ path: join(artifacts, 'screening-approval-lo.png') });
    await assertAccessible(page, 'approval page (lo)');

    // returning needs a comment: refused in the page before any call
    await page.getByTestId('return').click();
    await page.getByText('ກະລຸນາຂຽນສິ່ງທີ່ຕ້ອງເພີ່ມ ຫຼື ແກ້ໄຂ.').waitFor();

    await page.getByTestId('approve-comment').fill('ຖືກຕ້ອງ');
    await page.getByTestId('approve').click();
    const caseLink = page.getByTestId('case-link');
    await caseLink.waitFor();
    await page.waitForFunction(() =>
      /^[A-Z]{2}-\d{4}-\d{5}$/.test(document.querySelector('[data-testid="case-link"]')?.textContent?.trim() ?? ''),
    );
    assert.match(await caseLink.getAttribute('href'), /^\/cases\/[0-9a-f-]{36}$/);
    assert.match(await page.getByTestId('screening-status').innerText(), /ອະນຸມັດແລ້ວ/);
    await scrollTo(page, 'screening-page');
    await page.screenshot({ path: join(artifacts, 'screening-approved-lo.png') });
    await assertAccessible(page, 'approved (lo)');
    await logout(page);
    assert.equal(
      await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('ctms.screeningDraft.')).length),
      0,
    );
    assert.deepEqual(errors, [], 'no uncaught errors in the page');
  } catch (e) {
    await page.screenshot({ path: join(artifacts, 'screening-failure.png'), fullPage: true }).catch(() => undefined);
    throw e;
  } finally {
    await context.close();
  }
});

test('the first steps in English: a refused consent stops the interview and terminates it', async () => {
  const { context, page, errors } = await newPage();
  try {
    await login(page, 'atd.caseworker');
    await page.getByTestId('language-en').click();
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    await page.goto(`${stack.baseUrl}/screenings/new`);
    await page.getByTestId('wizard').waitFor();
    assert.equal((await page.getByTestId('step-consent').innerText()).trim(), 'Interview consent');
    for (const q of CONSENT_QUESTIONS.slice(0, 3)) await page.getByTestId(`consent-${q}-YES`).click();
    await page.getByTestId('consent-INFORMED_OF_RESEARCH_USE-NO').click();
    const refused = page.getByTestId('consent-refused');
    await refused.waitFor();
    assert.match(await refused.innerText(), /The interview cannot go on/);
    assert.equal(await page.getByTestId('step-metadata').count(), 0, 'the other sections stay hidden');
    await page.screenshot({ path: join(artifacts, 'screening-consent-refused-en.png'), fullPage: true });
    await assertAccessible(page, 'wizard consent refused (en)');

    await page.getByTestId('terminate-note').fill('Did not want the data used for research.');
    await page.getByTestId('terminate').click();
    await page.getByTestId('review-title').waitFor();
    assert.match(await page.getByTestId('screening-status').innerText(), /Terminated/);
    await assertAccessible(page, 'terminated screening (en)');

    // the list, in English, on a phone-size screen
    await page.setViewportSize({ width: 375, height: 740 });
    await page.goto(`${stack.baseUrl}/screenings?status=TERMINATED&mine=true`);
    await page.locator('[data-testid="screening-row"][data-status="TERMINATED"]').first().waitFor();
    await page.screenshot({ path: join(artifacts, 'screenings-list-en-phone.png'), fullPage: true });
    await assertAccessible(page, 'screenings list (en, phone)');
    assert.deepEqual(errors, [], 'no uncaught errors in the page');
  } catch (e) {
    await page.screenshot({ path: join(artifacts, 'screening-failure-en.png'), fullPage: true }).catch(() => undefined);
    throw e;
  } finally {
    await context.close();
  }
});
