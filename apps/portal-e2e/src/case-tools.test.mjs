// The case page's tools against the real stack (issue 5): the user picker (case assignment and a
// referral's acceptance), the files tab (upload with a category, masked-safe list, blob download,
// a refused file named by field) and the supervisors' duplicate merge with its undo. The fresh
// database has no cases: two are opened through the API for one person entered twice (two
// screenings with the same canary name), plus a referral of the first to LWU. Once in Lao (files,
// assignment), once in English (merge, referral acceptance); the caseworker sees neither picker nor
// merge. axe-core on every page. Needs `nx build api portal` first:
//   node --test --test-concurrency=1 apps/portal-e2e/src/case-tools.test.mjs
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  api as apiAt,
  apiLogin,
  assertAccessible,
  LAO,
  launchBrowser,
  login,
  newPage as helperPage,
  screenAndApprove,
} from './helpers.mjs';
import { startStack } from './stack.mjs';

// the same person entered twice: the canary name must never reach a URL or the files list
const GIVEN = 'ຄູ່ແຝດ';
const FAMILY = 'ທົດສອບຊໍ້າ';
const LATIN = 'Twin Duplicatename';
const FILE_NAME = `${LATIN} statement.pdf`;
const MINIMAL_PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

let stack;
let browser;
const fx = {};

const api = (path, options) => apiAt(stack.baseUrl, path, options);
const tokenOf = async (username) => (await apiLogin(stack.baseUrl, username)).token;

/** A screening with full interview consent for the canary person, submitted and approved: approval opens a case. */
async function openCase(cw, sup, dateOfBirth) {
  const s = await screenAndApprove(stack.baseUrl, cw, sup, {
    givenNameLo: GIVEN,
    familyNameLo: FAMILY,
    latinNames: [LATIN],
    dateOfBirth,
  });
  return api(`/cases/${s.caseId}`, { token: sup });
}

before(async () => {
  stack = await startStack();
  browser = await launchBrowser();
  const cw = await tokenOf('atd.caseworker');
  const sup = await tokenOf('atd.supervisor');
  fx.sup = sup;
  fx.caseA = await openCase(cw, sup, '1999-01-01');
  fx.caseB = await openCase(cw, sup, '1999-01-01');
  assert.notEqual(fx.caseA.personId, fx.caseB.personId, 'two screenings, two persons');
  const lwu = (await api('/reference/agencies', { token: cw })).find((a) => a.code === 'LWU');
  await api(`/cases/${fx.caseA.id}/consents`, {
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
  fx.referral = await api(`/cases/${fx.caseA.id}/referrals`, {
    token: cw,
    method: 'POST',
    body: {
      toAgencyId: lwu.id,
      serviceTypes: ['SHELTER'],
      urgency: 'HIGH',
      reason: 'shelter needed',
      categories: ['IDENTITY'],
    },
  });
});

after(async () => {
  await browser?.close();
  await stack?.stop();
});

/** The shared page (axe served, errors collected), also recording every URL the page asks for. */
async function newPage() {
  const p = await helperPage(browser);
  const urls = [];
  p.page.on('request', (r) => urls.push(r.url()));
  return { ...p, urls };
}

/** No token, no name, no file name in any URL the portal asked for. */
function assertCleanUrls(urls) {
  const bad = urls.filter((u) => {
    const d = decodeURIComponent(u);
    return (
      /token|bearer|password/i.test(d) ||
      d.includes(GIVEN) ||
      d.includes(FAMILY) ||
      d.includes(LATIN) ||
      d.includes('statement')
    );
  });
  assert.deepEqual(bad, [], 'no token or personal data in URLs');
}

async function pick(page, selectTestId, optionTestId) {
  await page.getByTestId(selectTestId).click();
  await page.getByTestId(optionTestId).click();
  await page.getByRole('listbox').waitFor({ state: 'detached' });
}

test('supervisor: assigns through the picker, uploads, lists and downloads a file, a refused file is named by field (Lao)', async () => {
  const { context, page, errors, urls } = await newPage();
  try {
    await login(page, stack.baseUrl, 'atd.supervisor', 'lo');
    assert.equal(await page.getAttribute('html', 'lang'), 'lo');
    await page.goto(`${stack.baseUrl}/cases/${fx.caseA.id}`);
    // the action area is a menu; assigning opens a dialog
    await page.getByTestId('case-actions-menu').click();
    await page.getByTestId('case-action-assign').click();
    await page.getByTestId('assign-form').waitFor();

    // the picker: the agency's workers whose scope covers province 01 — not atd.bokeo (province 05), never another agency
    await page.getByTestId('assign-user').click();
    await page.getByTestId('picker-option-atd.investigator').waitFor();
    const options = await page.getByRole('option').allInnerTexts();
    assert.ok(
      options.some((o) => o.includes('atd.caseworker')),
      'the current assignee is listed',
    );
    assert.ok(!options.some((o) => /atd\.bokeo|lwu\.|doi\./.test(o)), `only workers in scope: ${options.join(' | ')}`);
    assert.match(options.join(' '), LAO, 'roles in Lao');
    await assertAccessible(page, 'case page, picker open (lo)');
    await page.getByTestId('picker-option-atd.investigator').click();
    await page.getByRole('listbox').waitFor({ state: 'detached' });
    await page.getByTestId('assign-submit').click();
    // the assignee by name, not by username (issue 17)
    await page.waitForFunction(() =>
      document.querySelector('[data-testid="case-assigned"]')?.textContent?.includes('ວິໄລພອນ ສີສຸວັນ'),
    );
    assert.doesNotMatch(await page.getByTestId('case-assigned').innerText(), /atd\./);
    assert.equal((await api(`/cases/${fx.caseA.id}`, { token: fx.sup })).assignedTo.username, 'atd.investigator');

    // the tab says what it shows; files are a tab of their own
    assert.match(await page.getByTestId('tab-referrals').innerText(), /ການສົ່ງຕໍ່ ແລະ ການມອບສຳນວນ/);
    await page.getByTestId('tab-files').click();
    await page.getByTestId('attachments-empty').waitFor();

    // a disguised file: the API's 415 is shown at the file field
    await page.getByTestId('attachment-file').setInputFiles({
      name: 'fake.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('<!DOCTYPE html><html>%PDF-1.4</html>'),
    });
    await page.getByTestId('attachment-submit').click();
    await page.getByTestId('attachment-error-file').waitFor();
    assert.match(await page.getByTestId('attachment-error-file').innerText(), /PDF, JPEG/);
    await assertAccessible(page, 'files tab, refused file (lo)');

    // a real PDF as identity (a signed consent form)
    await page
      .getByTestId('attachment-file')
      .setInputFiles({ name: FILE_NAME, mimeType: 'application/pdf', buffer: MINIMAL_PDF });
    await pick(page, 'attachment-kind', 'attachment-kind-CONSENT_FORM');
    await pick(page, 'attachment-category-select', 'attachment-category-IDENTITY');
    await page.getByTestId('attachment-submit').click();
    await page.getByTestId('attachment-row').first().waitFor();
    assert.equal(await page.getByTestId('attachment-row').count(), 1);
    const row = await page.getByTestId('attachment-row').first().innerText();
    assert.match(row, /ຂໍ້ມູນຕົວຕົນ/, 'category in Lao');
    assert.match(row, /ແບບຟອມການຍິນຍອມ/, 'kind in Lao');
    assert.match(row, /PDF/);
    assert.match(row, /ຄຳພອນ ພົມມະຈັກ/, 'the uploader by name (atd.supervisor)');
    const files = await page.getByTestId('case-attachments').innerText();
    assert.ok(!files.includes(LATIN) && !files.includes('statement'), 'the original file name is never shown');
    await assertAccessible(page, 'files tab with a file (lo)');

    // download: fetched with the bearer header, saved under the API's neutral name
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('attachment-download').first().click(),
    ]);
    assert.match(download.suggestedFilename(), /^attachment-[0-9a-f-]{36}\.pdf$/);
    const saved = await download.path();
    assert.ok(readFileSync(saved).subarray(0, 5).equals(Buffer.from('%PDF-')), 'the bytes are the PDF');
    assertCleanUrls(urls);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('supervisor: finds the duplicate, merges it into the case person after a confirmation, and undoes it; a receiving supervisor assigns on acceptance (English)', async () => {
  const { context, page, errors, urls } = await newPage();
  try {
    await login(page, stack.baseUrl, 'atd.supervisor', 'en');
    await page.goto(`${stack.baseUrl}/cases/${fx.caseA.id}`);
    await page.getByTestId('case-duplicates').waitFor();
    await page.getByTestId('dup-search').click();
    await page.getByTestId('dup-candidate').first().waitFor();
    const candidate = page.getByTestId('dup-candidate').filter({ hasText: fx.caseB.caseNumber });
    assert.equal(await candidate.count(), 1, 'the other case of the same person is a candidate');
    assert.match(await candidate.getByTestId('dup-reasons').innerText(), /Lao name matches/);
    const listed = await page.getByTestId('case-duplicates').innerText();
    assert.ok(!listed.includes(GIVEN) && !listed.includes(LATIN), 'candidates are listed without names');
    await assertAccessible(page, 'case page, duplicate candidates (en)');

    await candidate.getByTestId('dup-merge').click();
    const confirm = page.getByTestId('dup-confirm');
    await confirm.waitFor();
    const said = await confirm.innerText();
    assert.match(said, new RegExp(`case ${fx.caseA.caseNumber}`));
    assert.match(said, new RegExp(fx.caseB.caseNumber));
    assert.match(said, /can be undone/);
    await assertAccessible(page, 'merge confirmation (en)');
    await page.getByTestId('dup-reason').fill('Same name, birth year and village; one person interviewed twice.');
    await page.getByTestId('dup-confirm-merge').click();
    await page.getByTestId('dup-undo-start').waitFor();
    assert.match(await page.getByTestId('dup-notice').innerText(), /was merged into this person/);
    assert.equal((await api(`/persons/${fx.caseB.personId}`, { token: fx.sup })).mergedInto, fx.caseA.personId);
    assert.equal(
      (await api(`/cases/${fx.caseB.id}`, { token: fx.sup })).personId,
      fx.caseA.personId,
      'the duplicate case now belongs to the case person',
    );

    // undoing is confirmed like the merge: the button opens the reason
    await page.getByTestId('dup-undo-start').click();
    await page.getByTestId('dup-undo-form').waitFor();
    await page.getByTestId('dup-undo-reason').fill('Merged by mistake in the test.');
    await page.getByTestId('dup-undo').click();
    await page.waitForFunction(() =>
      /undone/.test(document.querySelector('[data-testid="dup-notice"]')?.textContent ?? ''),
    );
    assert.equal(
      (await api(`/cases/${fx.caseB.id}`, { token: fx.sup })).personId,
      fx.caseB.personId,
      'undo gives the case back',
    );
    await assertAccessible(page, 'merge undone (en)');
    assertCleanUrls(urls);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }

  // the receiving agency's supervisor picks one of their own workers when accepting
  const lwu = await newPage();
  try {
    await login(lwu.page, stack.baseUrl, 'lwu.supervisor', 'en');
    await lwu.page.goto(`${stack.baseUrl}/referrals/${fx.referral.id}`);
    await lwu.page.getByTestId('referral-accept').click();
    await lwu.page.getByTestId('accept-assignee').click();
    await lwu.page.getByTestId('picker-option-lwu.caseworker').waitFor();
    const options = await lwu.page.getByRole('option').allInnerTexts();
    assert.ok(options[0]?.includes('Me'), 'taking it oneself is the first choice');
    assert.ok(!options.some((o) => /atd\.|lwu\.admin/.test(o)), `only LWU workers: ${options.join(' | ')}`);
    await lwu.page.getByTestId('picker-option-lwu.caseworker').click();
    await lwu.page.getByRole('listbox').waitFor({ state: 'detached' });
    await assertAccessible(lwu.page, 'referral acceptance with the picker (en)');
    await lwu.page.getByTestId('referral-action-submit').click();
    // the assignee by name (lwu.caseworker), not by username
    await lwu.page.waitForFunction(() =>
      document.querySelector('[data-testid="referral-assignee"]')?.textContent?.includes('ມະນີວອນ ສຸລິຍະ'),
    );
    assertCleanUrls(lwu.urls);
    assert.deepEqual(lwu.errors, []);
  } finally {
    await lwu.context.close();
  }
});

test('caseworker: no merge action and no assignment picker; files can still be added (Lao)', async () => {
  const { context, page, errors } = await newPage();
  try {
    await login(page, stack.baseUrl, 'atd.caseworker', 'lo');
    await page.goto(`${stack.baseUrl}/cases/${fx.caseB.id}`);
    await page.getByTestId('case-number').waitFor();
    await page.getByTestId('tab-files').click();
    await page.getByTestId('attachment-form').waitFor();
    assert.equal(await page.getByTestId('case-duplicates').count(), 0, 'caseworkers never see the merge');
    assert.equal(await page.getByTestId('dup-merge').count(), 0);
    assert.equal(await page.getByTestId('assign-form').count(), 0, 'caseworkers do not assign');
    await assertAccessible(page, 'case page as caseworker, files tab (lo)');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});
