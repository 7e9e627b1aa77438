// The continuity journey of issue 14, in Lao on a phone (390 × 844), through the portal in real
// Chromium against the built stack: MoPS DOI screens a returnee at the Friendship Bridge (the
// screening wizard) and its supervisor approves, so a Vientiane Capital case opens; the DOI
// caseworker records the victim's consent to share with the Lao Women's Union (the case's consents
// tab); DOI sends the case to MoPS ATD for identification and ATD identifies her from its inbox; DOI
// refers her to LWU for shelter, LWU's supervisor accepts and hands the referral to a caseworker, and
// LWU and DOI exchange a note each way on the referral; ATD, the identifying agency, hands the case
// off to OSPP, which finds it in its inbox; DOI's supervisor moves the case to her home province,
// Savannakhet (13), where a Savannakhet-only DOI supervisor accepts it and assigns a Savannakhet
// caseworker, who keeps DOI's referral and its notes, and the Vientiane Capital caseworker can no
// longer open it; the Savannakhet caseworker asks for closure with a coded reason and the
// Savannakhet supervisor approves it.
//
// The steps are sequential tests sharing the case. Set up outside the UI: the Savannakhet supervisor
// and caseworker (copies of the demo DOI users with province 13, inserted with SQL as
// transfer.test.mjs does). ATD's handoff goes through the case page although DOI leads: the API
// offers it to the agency that identified the victim. axe-core on every page of the journey. Needs
// `nx build api portal` first:
//   node --test --test-concurrency=1 apps/portal-e2e/src/continuity-journey.test.mjs
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import {
  api as apiAt,
  apiLogin,
  artifacts,
  assertAccessible,
  CONSENT_QUESTIONS,
  LAO,
  launchBrowser,
  login as loginAt,
  newPage,
} from './helpers.mjs';
import { startStack } from './stack.mjs';

const PHONE = { width: 390, height: 844 };
const GIVEN = 'ຈັນສຸດາ';
const FAMILY = 'ພົມມະວົງ';
const LATIN = 'Chansouda Phommavong';
const NOTE_LWU = 'ນາງມາຮອດສູນພັກເຊົາແລ້ວ, ປອດໄພດີ.';
const NOTE_DOI = 'ຂອບໃຈ, ພວກເຮົາຈະແຈ້ງເລື່ອງການກວດສອບຕົວຕົນ.';
/** display names of the province-13 copies (the demo users' names would be ambiguous) */
const SUP13_NAME = 'ສຸລິສັກ ສະຫວັນນະເຂດ';
const CW13_NAME = 'ບົວຄຳ ໄກສອນ';

let stack;
let browser;
/** what the steps share: the screening, the case, its number, the referral */
const fx = {};
const api = (path, options) => apiAt(stack.baseUrl, path, options);
const tokenOf = async (username) => (await apiLogin(stack.baseUrl, username)).token;
const login = (page, username) => loginAt(page, stack.baseUrl, username, 'lo');

before(async () => {
  mkdirSync(artifacts, { recursive: true });
  stack = await startStack();
  browser = await launchBrowser();
  const db = new pg.Client({ connectionString: stack.adminDatabaseUrl });
  await db.connect();
  try {
    // DOI's Savannakhet office: a supervisor and a caseworker with province 13 only
    for (const [from, username, name] of [
      ['doi.supervisor', 'doi.sup13', SUP13_NAME],
      ['doi.caseworker', 'doi.cw13', CW13_NAME],
    ]) {
      await db.query(`DROP TABLE IF EXISTS u_copy`);
      await db.query(`CREATE TEMP TABLE u_copy AS SELECT * FROM app_user WHERE username = $1`, [from]);
      await db.query(
        `UPDATE u_copy SET id = gen_random_uuid(), username = $1, email = $2, display_name = $3, all_provinces = false, provinces = '{13}'`,
        [username, `${username}@example.org`, name],
      );
      await db.query(`INSERT INTO app_user SELECT * FROM u_copy`);
    }
  } finally {
    await db.end();
  }
});

after(async () => {
  await browser?.close();
  await stack?.stop();
});

/** A Lao phone page signed in as `username`; `fn` runs in it, a failure leaves a screenshot. */
async function as(username, step, fn) {
  const { context, page, errors } = await newPage(browser, PHONE);
  try {
    await login(page, username);
    assert.equal(await page.getAttribute('html', 'lang'), 'lo');
    await fn(page);
    assert.deepEqual(errors, [], `no uncaught errors in the page (${username})`);
  } catch (e) {
    await page
      .screenshot({ path: join(artifacts, `continuity-${step}-failure.png`), fullPage: true })
      .catch(() => undefined);
    throw e;
  } finally {
    await context.close();
  }
}

/** A mat-select: opens it, picks the option with this test id (or this exact visible name). */
async function choose(page, selectTestId, option) {
  await page.getByTestId(selectTestId).click();
  const o =
    typeof option === 'string'
      ? page.getByTestId(option)
      : page.getByRole('option', { name: option.name, exact: true });
  await o.click();
  await page.getByRole('listbox').waitFor({ state: 'detached' });
}

async function checkBox(page, testId) {
  await page.getByTestId(testId).locator('input').check();
}

/** Waits for a status marker (`data-status`); an answered request's marker may be an empty, hidden element. */
const statusOf = (page, testId, status) =>
  page.waitForFunction(
    ([id, st]) => document.querySelector(`[data-testid="${id}"]`)?.getAttribute('data-status') === st,
    [testId, status],
  );

async function waitSaved(page) {
  await page.locator('[data-testid="save-state"][data-state="saved"]').waitFor({ timeout: 20_000 });
}

async function openCase(page) {
  await page.goto(`${stack.baseUrl}/cases/${fx.caseId}`);
  await page.getByTestId('case-summary').waitFor();
}

/** Opens the case page's action menu and one of its entries; waits for the dialog's form. */
async function act(page, action, formTestId) {
  await page.getByTestId('case-actions-menu').click();
  await page.getByTestId(`case-action-${action}`).click();
  await page.getByTestId(formTestId).waitFor();
}

async function openReferral(page) {
  await page.goto(`${stack.baseUrl}/referrals/${fx.referralId}`);
  await page.getByTestId('referral-work').waitFor();
}

async function writeNote(page, text, expected) {
  await page.getByTestId('note-body').fill(text);
  await page.getByTestId('note-submit').click();
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid="referral-note"]').length === n, expected);
}

const noteAgencies = (page) =>
  page.getByTestId('referral-note').evaluateAll((els) => els.map((e) => e.getAttribute('data-agency')));

test('1. DOI screens a returnee at the Friendship Bridge, its supervisor approves, and the caseworker records consent to share with LWU', async () => {
  await as('doi.caseworker', '1-screening', async (page) => {
    await page.goto(`${stack.baseUrl}/screenings`);
    await page.getByTestId('new-screening').click();
    await page.getByTestId('wizard').waitFor();
    // interview consent: seven answers, given by herself, in writing
    for (const q of CONSENT_QUESTIONS) await page.getByTestId(`consent-${q}-YES`).click();
    await choose(page, 'consent-givenBy', { name: 'ຕົນເອງ' });
    await choose(page, 'consent-form', { name: 'ເປັນລາຍລັກອັກສອນ, ມີລາຍເຊັນ' });
    await page.getByTestId('consent-complete').waitFor();
    await page.getByTestId('consent-next').click();

    // at the border: Chanthabouly district, a border crossing, the first Friendship Bridge, referred by immigration police
    await page.getByTestId('f-metadata-district').fill('ຈັນທະ');
    await page.getByTestId('f-metadata-district-opt-0101').click();
    await choose(page, 'f-metadata-facilityType', { name: 'ດ່ານຊາຍແດນ' });
    await page.getByTestId('f-metadata-crossingPoint').fill('thanal');
    await page.getByTestId('f-metadata-crossingPoint-opt-FRIENDSHIP_BRIDGE_1').click();
    await choose(page, 'f-metadata-referralSource', { name: 'ຕຳຫຼວດກວດຄົນເຂົ້າ-ອອກເມືອງ' });
    await waitSaved(page);
    await page.waitForURL(/\/screenings\/[0-9a-f-]{36}$/);
    fx.screeningId = page.url().split('/').pop();
    await assertAccessible(page, 'border screening, details (lo, phone)');

    await page.getByTestId('step-bioData').click();
    await page.getByTestId('f-bioData-givenNameLo').fill(GIVEN);
    await page.getByTestId('f-bioData-familyNameLo').fill(FAMILY);
    await page.getByTestId('f-bioData-latinNames').fill(LATIN);
    await page.getByTestId('f-bioData-latinNames').press('Enter');
    await page.getByTestId('f-bioData-dateOfBirth-day').fill('12');
    await page.getByTestId('f-bioData-dateOfBirth-month').fill('6');
    await page.getByTestId('f-bioData-dateOfBirth-year').fill('2000');
    await page.getByTestId('derived-age').waitFor();
    await choose(page, 'f-bioData-sex', { name: 'ຍິງ' });
    await page.getByTestId('dup-search').click();
    await page.locator('[data-testid="dup-none"], [data-testid="dup-count"]').first().waitFor();
    if (await page.getByTestId('dup-count').count()) await page.getByTestId('dup-new').click();

    await page.getByTestId('step-indicators').click();
    for (const code of ['DR01', 'DR02', 'EX01', 'EX02', 'CD01', 'CD02'])
      await page.getByTestId(`ind-${code}-PRESENT`).click();
    await page.locator('[data-testid="indicative-overall"][data-result="POSSIBLE_VICTIM"]').first().waitFor();
    await page.getByTestId('step-assessment').click();
    await page.getByTestId('assessment-POSSIBLE_VICTIM').click();
    await page.getByTestId('submit-missing').waitFor({ state: 'detached' });
    await waitSaved(page);
    await page.getByTestId('submit').click();
    await page.getByTestId('submitted-confirmation').waitFor();
    assert.match(await page.getByTestId('screening-status').innerText(), /ສົ່ງໃຫ້ກວດກາແລ້ວ/);
    await assertAccessible(page, 'border screening, submitted (lo, phone)');
  });

  // DOI's supervisor approves from the queue: the case opens
  await as('doi.supervisor', '1-approval', async (page) => {
    await page.goto(`${stack.baseUrl}/screenings?status=SUBMITTED`);
    const row = page.locator(`[data-testid="screening-row"][data-id="${fx.screeningId}"]`).first();
    await row.waitFor();
    assert.doesNotMatch(await row.innerText(), new RegExp(`${GIVEN}|${FAMILY}`), 'the queue shows no name');
    await assertAccessible(page, 'DOI approval queue (lo, phone)');
    await row.getByTestId('open-screening').click();
    await page.getByTestId('review-actions').waitFor();
    await page.getByTestId('approve-comment').fill('ກວດແລ້ວ ຖືກຕ້ອງ');
    await page.getByTestId('approve').click();
    await page.waitForFunction(() =>
      /^[A-Z]+-\d{4}-\d+$/.test(document.querySelector('[data-testid="case-link"]')?.textContent?.trim() ?? ''),
    );
    assert.match(await page.getByTestId('screening-status').innerText(), /ອະນຸມັດແລ້ວ/);
    fx.caseNumber = (await page.getByTestId('case-link').innerText()).trim();
    fx.caseId = /^\/cases\/([0-9a-f-]{36})$/.exec(await page.getByTestId('case-link').getAttribute('href'))[1];
    await assertAccessible(page, 'DOI screening approved (lo, phone)');
  });

  // the interviewer leads the case in Vientiane Capital and records the victim's consent to share
  // with LWU in the case's consents tab (the UI: cases-admin.test.mjs drives the same form)
  await as('doi.caseworker', '1-consent', async (page) => {
    await openCase(page);
    const summary = await page.getByTestId('case-summary').innerText();
    assert.match(summary, /ນະຄອນຫຼວງວຽງຈັນ/, 'a Vientiane Capital case');
    assert.match(summary, /ອາດເປັນຜູ້ຖືກເຄາະຮ້າຍ/, 'a possible victim');
    assert.equal(
      (await page.getByTestId('case-assigned').innerText()).trim(),
      'ທອງສະໄໝ ແກ້ວມະນີ',
      'assigned to the interviewer',
    );
    await page.getByTestId('tab-consents').click();
    await page.getByTestId('consent-new').click();
    await page.getByTestId('consent-form').waitFor();
    await choose(page, 'consent-type', { name: 'ການແບ່ງປັນຂໍ້ມູນເພື່ອການສົ່ງຕໍ່' });
    await checkBox(page, 'consent-agency-LWU');
    await checkBox(page, 'consent-category-CASE_SUMMARY');
    await checkBox(page, 'consent-category-IDENTITY');
    await choose(page, 'consent-given-by', { name: 'ຕົນເອງ' });
    await choose(page, 'consent-form-kind', { name: 'ເປັນລາຍລັກອັກສອນ, ມີລາຍເຊັນ' });
    await assertAccessible(page, 'consent form (lo, phone)');
    await page.getByTestId('consent-submit').click();
    await page.getByTestId('consent').first().waitFor();
    assert.match(await page.getByTestId('consent-status').first().innerText(), /ມີຜົນ/);
    assert.match(await page.getByTestId('consent').first().innerText(), /ການແບ່ງປັນຂໍ້ມູນເພື່ອການສົ່ງຕໍ່/);
  });
});

test('2. DOI sends the case to ATD for identification, ATD identifies her, and DOI sees the decision', async () => {
  await as('doi.caseworker', '2-request', async (page) => {
    await openCase(page);
    await act(page, 'requestIdentification', 'request-identification-form');
    await page.waitForFunction(
      () => document.querySelector('[data-testid="request-identification-submit"]')?.disabled === false,
    );
    await assertAccessible(page, 'identification request dialog (lo, phone)');
    await page.getByTestId('request-identification-submit').click();
    await statusOf(page, 'identification-request-status', 'REQUESTED');
    assert.match(await page.getByTestId('identification-request-status').innerText(), LAO);
  });

  await as('atd.investigator', '2-decide', async (page) => {
    await page.goto(`${stack.baseUrl}/identification-requests`);
    const row = page.locator(`[data-testid="inbox-row"][data-case="${fx.caseNumber}"]`);
    await row.waitFor();
    assert.equal(await row.getAttribute('data-status'), 'REQUESTED');
    await assertAccessible(page, 'ATD identification inbox (lo, phone)');
    await row.getByTestId('inbox-open').click();
    await page.waitForURL(new RegExp(`/cases/${fx.caseId}`));
    await act(page, 'decideRequest', 'identification-form');
    await choose(page, 'identification-decision', 'decision-option-IDENTIFY');
    await page.getByTestId('identification-reasons').fill('ສຳພາດແລ້ວ: ຖືກຫຼອກລວງໄປເຮັດວຽກ ແລະ ຖືກຍຶດເອກະສານ');
    await assertAccessible(page, 'identification decision dialog (lo, phone)');
    await page.getByTestId('identification-submit').click();
    await statusOf(page, 'identification-request-status', 'DECIDED');
  });

  // the DOI lead sees ATD's decision on the case page
  await as('doi.caseworker', '2-seen', async (page) => {
    await openCase(page);
    await statusOf(page, 'identification-request-status', 'DECIDED');
    assert.match(await page.getByTestId('identification-request-status').innerText(), /ໄດ້ຕັດສິນການກຳນົດຕົວຕົນແລ້ວ/);
    assert.match(
      await page.getByTestId('case-summary').innerText(),
      /ກຳນົດວ່າເປັນຜູ້ຖືກເຄາະຮ້າຍ/,
      'identified as a victim',
    );
    await assertAccessible(page, 'DOI case page after identification (lo, phone)');
  });
});

test('3. DOI refers her to LWU for shelter; LWU accepts and reassigns the worker; a note each way, each side reads the other', async () => {
  await as('doi.caseworker', '3-refer', async (page) => {
    await openCase(page);
    await page.getByTestId('tab-referrals').click();
    await page.getByTestId('case-interagency').waitFor();
    await page.getByTestId('referral-new').click();
    await page.getByTestId('referral-form').waitFor();
    await checkBox(page, 'referral-service-SHELTER');
    await page.getByTestId('referral-agency-LWU').check();
    // identity is covered by the consent of step 1: the box turns enabled
    await page.getByTestId('packet-IDENTITY').locator('input:enabled').waitFor();
    await checkBox(page, 'packet-IDENTITY');
    await choose(page, 'referral-urgency', 'urgency-HIGH');
    await page.getByTestId('referral-reason').fill('ຕ້ອງການທີ່ພັກປອດໄພ ຫຼັງຈາກກັບມາທາງຂົວມິດຕະພາບ');
    await assertAccessible(page, 'referral form (lo, phone)');
    await page.getByTestId('referral-submit').click();
    await statusOf(page, 'case-referral', 'PENDING');
    assert.match(await page.getByTestId('case-referral-status').first().innerText(), /ລໍຖ້າການຕອບຮັບ/);
    fx.referralId = /\/referrals\/([0-9a-f-]{36})$/.exec(
      await page.getByTestId('case-referral-link').first().getAttribute('href'),
    )[1];
  });

  // LWU's supervisor accepts from the inbox (assigning themself), then hands it to a caseworker
  await as('lwu.supervisor', '3-accept', async (page) => {
    // on a phone the navigation sits in a closed drawer: go to the inbox by its address
    await page.goto(`${stack.baseUrl}/referrals`);
    await page.getByTestId('referral-list').waitFor();
    const row = page.locator(`[data-testid="referral-row"][data-case="${fx.caseNumber}"]`).first();
    await row.waitFor();
    assert.doesNotMatch(
      await page.evaluate(() => document.body.innerText),
      new RegExp(GIVEN),
      'the inbox shows no name',
    );
    await assertAccessible(page, 'LWU referral inbox (lo, phone)');
    await row.getByTestId('referral-link').click();
    await page.getByTestId('referral-page').waitFor();
    await page.getByTestId('referral-accept').click();
    await page.getByTestId('referral-action-form').waitFor();
    await page.getByTestId('referral-action-submit').click();
    await statusOf(page, 'referral-status', 'ACCEPTED');
    assert.match(await page.getByTestId('referral-status').innerText(), /ຮັບແລ້ວ/);
    assert.equal(
      (await page.getByTestId('referral-assignee').innerText()).trim(),
      'ບົວສອນ ພິລາວົງ',
      'the supervisor holds it',
    );

    await page.getByTestId('referral-work').waitFor();
    await page.getByTestId('referral-reassign').click();
    await page.getByTestId('reassign-form').waitFor();
    await choose(page, 'reassign-assignee', 'picker-option-lwu.caseworker');
    await assertAccessible(page, 'LWU reassignment (lo, phone)');
    await page.getByTestId('reassign-submit').click();
    await page.waitForFunction(
      () => document.querySelector('[data-testid="referral-assignee"]')?.textContent?.trim() === 'ມະນີວອນ ສຸລິຍະ',
    );
    await page.getByTestId('referral-work-notice').waitFor();
    assert.match(await page.getByTestId('referral-work-notice').innerText(), /ມອບໝາຍແລ້ວ/);
  });

  // the new LWU worker writes to DOI
  await as('lwu.caseworker', '3-lwu-note', async (page) => {
    await openReferral(page);
    assert.match(await page.getByTestId('referral-notes').innerText(), /ຍັງບໍ່ມີບັນທຶກ/);
    await writeNote(page, NOTE_LWU, 1);
    assert.deepEqual(await noteAgencies(page), ['LWU']);
    await assertAccessible(page, 'referral notes, LWU (lo, phone)');
  });

  // DOI reads it and answers
  await as('doi.caseworker', '3-doi-note', async (page) => {
    await openReferral(page);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="referral-note"]').length === 1);
    assert.deepEqual(await page.getByTestId('referral-note-body').allInnerTexts(), [NOTE_LWU]);
    assert.equal(
      (await page.getByTestId('referral-assignee').innerText()).trim(),
      'ມະນີວອນ ສຸລິຍະ',
      'DOI sees who works on it at LWU',
    );
    await writeNote(page, NOTE_DOI, 2);
    assert.deepEqual(await noteAgencies(page), ['LWU', 'MOPS_DOI']);
    await assertAccessible(page, 'referral notes, DOI (lo, phone)');
  });

  // LWU sees DOI's answer
  await as('lwu.caseworker', '3-lwu-reads', async (page) => {
    await openReferral(page);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="referral-note"]').length === 2);
    assert.deepEqual(await page.getByTestId('referral-note-body').allInnerTexts(), [NOTE_LWU, NOTE_DOI]);
    assert.deepEqual(await noteAgencies(page), ['LWU', 'MOPS_DOI']);
  });
});

test('4. ATD, the identifying agency, hands the case off to OSPP, which finds it in its inbox', async () => {
  // ATD does not lead the case: the API offers it the handoff (allowedActions.handoff) because it
  // decided IDENTIFIED on DOI's request (decision 0024), and the case page shows the form.
  await as('atd.investigator', '4-atd-handoff', async (page) => {
    await openCase(page);
    await page.getByTestId('tab-referrals').click();
    await page.getByTestId('handoff-new').click();
    await page.getByTestId('handoff-form').waitFor();
    await page.waitForFunction(() =>
      document.querySelector('[data-testid="handoff-agency"]')?.textContent?.includes('OSPP'),
    );
    await page
      .getByTestId('handoff-statement')
      .fill('ຖືກຫຼອກລວງວ່າຈະໄດ້ເຮັດວຽກຮ້ານອາຫານ, ຖືກບັງຄັບເຮັດວຽກ ແລະ ຖືກຍຶດເອກະສານ');
    await page.getByTestId('handoff-testify').click();
    await page.getByRole('option').first().click();
    await page.getByRole('listbox').waitFor({ state: 'detached' });
    await assertAccessible(page, 'handoff form, ATD on a DOI-led case (lo, phone)');
    await page.getByTestId('handoff-submit').click();
    await statusOf(page, 'case-handoff', 'SUBMITTED');
  });

  await as('ospp.prosecutor', '4-ospp', async (page) => {
    await page.goto(`${stack.baseUrl}/handoffs`);
    await page.getByTestId('handoff-list').waitFor();
    const row = page.locator(`[data-testid="handoff-row"][data-case="${fx.caseNumber}"]`).first();
    await row.waitFor();
    assert.equal(await row.getAttribute('data-status'), 'SUBMITTED');
    assert.match(await row.innerText(), /ສົ່ງແລ້ວ/);
    await assertAccessible(page, 'OSPP handoff inbox (lo, phone)');
    await row.getByTestId('handoff-link').click();
    await page.getByTestId('handoff-page').waitFor();
    await statusOf(page, 'handoff-status', 'SUBMITTED');
    assert.match(await page.getByTestId('handoff-from').innerText(), /ກົມຕ້ານການຄ້າມະນຸດ/, 'from ATD');
    await assertAccessible(page, 'OSPP handoff page (lo, phone)');
  });
});

test('5. DOI moves the case to Savannakhet (13); the Savannakhet supervisor accepts and assigns a worker; Vientiane Capital loses it', async () => {
  await as('doi.supervisor', '5-request', async (page) => {
    await openCase(page);
    await page.getByTestId('case-transfer-open').click();
    await page.getByTestId('case-transfer-dialog').getByTestId('transfer-province').waitFor();
    await page.getByTestId('transfer-province').selectOption('13');
    await page.getByTestId('transfer-reason').fill('ກັບບ້ານເກີດທີ່ແຂວງສະຫວັນນະເຂດ');
    assert.match(await page.getByTestId('case-transfer-dialog').innerText(), LAO);
    await assertAccessible(page, 'province transfer dialog (lo, phone)');
    await page.getByTestId('transfer-send').click();
    await page.getByTestId('case-notice').waitFor();
    assert.match(await page.getByTestId('case-notice').innerText(), /ໄດ້ຂໍໂອນກໍລະນີແລ້ວ/);
  });

  await as('doi.sup13', '5-accept', async (page) => {
    await page.goto(`${stack.baseUrl}/transfers`);
    const row = page.locator(`[data-testid="transfer-row"][data-case="${fx.caseNumber}"]`);
    await row.waitFor();
    assert.equal(await row.getAttribute('data-status'), 'REQUESTED');
    assert.match(await page.getByTestId('transfer-list').innerText(), LAO);
    await assertAccessible(page, 'Savannakhet incoming transfers (lo, phone)');
    await row.getByTestId('transfer-link').click();
    await page.getByTestId('transfer-accept').waitFor();
    await choose(page, 'transfer-assignee', 'picker-option-doi.cw13');
    await assertAccessible(page, 'transfer acceptance (lo, phone)');
    await page.getByTestId('transfer-accept').click();
    await statusOf(page, 'transfer-detail-status', 'ACCEPTED');
    await page.getByTestId('transfer-open-case').click();
    await page.getByTestId('case-summary').waitFor();
    assert.match(await page.getByTestId('case-summary').innerText(), /ສະຫວັນນະເຂດ/, 'the case is in Savannakhet');
    assert.equal((await page.getByTestId('case-assigned').innerText()).trim(), CW13_NAME);
    await assertAccessible(page, 'case page in Savannakhet (lo, phone)');
  });

  // the new lead in Savannakhet keeps DOI's referral to LWU and the notes exchanged on it
  await as('doi.cw13', '5-referral', async (page) => {
    await openCase(page);
    await page.getByTestId('tab-referrals').click();
    await statusOf(page, 'case-referral', 'ACCEPTED');
    await openReferral(page);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="referral-note"]').length === 2);
    assert.deepEqual(await page.getByTestId('referral-note-body').allInnerTexts(), [NOTE_LWU, NOTE_DOI]);
  });

  // the Vientiane Capital caseworker no longer opens it: the same "not found" as a missing case
  await as('doi.caseworker', '5-gone', async (page) => {
    await page.goto(`${stack.baseUrl}/cases/${fx.caseId}`);
    await page.getByTestId('case-load-error').waitFor();
    assert.equal(
      (await page.getByTestId('case-load-error').innerText()).trim(),
      'ບໍ່ມີກໍລະນີນີ້ ຫຼື ທ່ານບໍ່ມີສິດເປີດເບິ່ງ.',
    );
    assert.equal(await page.getByTestId('case-summary').count(), 0);
    await assertAccessible(page, 'case not found (lo, phone)');
  });
  await assert.rejects(api(`/cases/${fx.caseId}`, { token: await tokenOf('doi.caseworker') }), /→ 404/);
});

test('6. The Savannakhet caseworker asks for closure with a coded reason; the Savannakhet supervisor approves; the case is closed', async () => {
  await as('doi.cw13', '6-request', async (page) => {
    await openCase(page);
    await act(page, 'requestClosure', 'request-closure-form');
    await choose(page, 'closure-reason', 'closure-option-REINTEGRATED');
    await assertAccessible(page, 'closure request dialog (lo, phone)');
    await page.getByTestId('request-closure-submit').click();
    await statusOf(page, 'closure-request-status', 'REQUESTED');
    assert.match(await page.getByTestId('closure-request-status').innerText(), /ຂໍປິດກໍລະນີແລ້ວ/);
  });

  await as('doi.sup13', '6-approve', async (page) => {
    await openCase(page);
    await act(page, 'decideClosure', 'decide-closure-form');
    await assertAccessible(page, 'closure decision dialog (lo, phone)');
    await page.getByTestId('closure-approve').click();
    await statusOf(page, 'closure-request-status', 'APPROVED');
    await page.waitForFunction(
      () => document.querySelector('[data-testid="case-status"]')?.textContent?.trim() === 'ປິດແລ້ວ',
    );
    assert.match(await page.getByTestId('case-summary').innerText(), /ປິດແລ້ວ/);
    await assertAccessible(page, 'closed case (lo, phone)');
  });

  const closed = await api(`/cases/${fx.caseId}`, { token: await tokenOf('doi.cw13') });
  assert.equal(closed.status, 'CLOSED');
  assert.equal(closed.closureReason, 'REINTEGRATED');
  assert.equal(closed.provinceCode, '13');
  assert.equal(closed.identificationStatus, 'IDENTIFIED');
});
