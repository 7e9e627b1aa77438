// A person another agency already holds (issue 11, decision 0016), driven through the portal:
// doi.caseworker screens a returnee whom MOPS ATD holds; the duplicate check shows none of ATD's
// persons, only that another agency may hold this person; the caseworker asks (the draft is saved
// first); atd.supervisor compares the terms with ATD's candidate and links it; the caseworker sees
// the answer and links the person into the draft. Then the "no match" path, in English on a
// phone, the supervisor arriving from the notification. axe-core on every new page and state.
// Needs `nx build api portal` first.
//   node --test --test-concurrency=1 apps/portal-e2e/src/match-request.test.mjs
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  api,
  apiLogin,
  artifacts,
  assertAccessible,
  CONSENT_QUESTIONS,
  LAO,
  launchBrowser,
  login,
  logout,
  newPage,
  screenAndApprove,
} from './helpers.mjs';
import { startStack } from './stack.mjs';

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 900 };
/** generous: both cores may be busy with other work */
const SLOW = { timeout: 45_000 };
const tag = randomUUID().slice(0, 6).toUpperCase();

/** MOPS ATD's victim of the linked path, and the returnee DOI screens: the same woman. */
const LINKED = {
  givenNameLo: 'ສຸກສະຫວັນ',
  familyNameLo: 'ພົມມະວົງ',
  latinNames: ['Souksavanh Phommavong'],
  dateOfBirth: '1996-04-12',
  dobPrecision: 'DAY',
  sex: 'FEMININE',
  documents: [{ type: 'PASSPORT', number: `PA${tag}1` }],
};
/** ATD's victim of the no-match path: DOI's returnee has her name and birth year, but is someone else. */
const OTHER = {
  givenNameLo: 'ບຸນມີ',
  familyNameLo: 'ແສງອາລຸນ',
  latinNames: ['Bounmy Saengaloun'],
  dateOfBirth: '1993-09-20',
  dobPrecision: 'DAY',
  sex: 'FEMININE',
};

let stack;
let browser;
/** ATD's persons and the case numbers DOI must never see before the answer */
const atd = { linked: null, other: null };

before(async () => {
  mkdirSync(artifacts, { recursive: true });
  // the worker turns the requests' outbox rows into notifications
  stack = await startStack({ worker: true });
  browser = await launchBrowser();
  const cw = await apiLogin(stack.baseUrl, 'atd.caseworker');
  const sup = await apiLogin(stack.baseUrl, 'atd.supervisor');
  for (const [key, bio] of [
    ['linked', LINKED],
    ['other', OTHER],
  ]) {
    const s = await screenAndApprove(stack.baseUrl, cw.token, sup.token, bio);
    const c = await api(stack.baseUrl, `/cases/${s.caseId}`, { token: sup.token });
    atd[key] = { personId: s.personId, caseNumber: c.caseNumber };
  }
});

after(async () => {
  await browser?.close();
  await stack?.stop();
});

async function waitSaved(page) {
  await page.locator('[data-testid="save-state"][data-state="saved"]').waitFor(SLOW);
}

/** Opens a mat-select by its test id and picks the option with this visible text. */
async function choose(page, testId, optionText) {
  await page.getByTestId(testId).click();
  await page.getByRole('option', { name: optionText, exact: true }).click();
  await page.locator('.cdk-overlay-pane mat-option').first().waitFor({ state: 'detached' });
}

/** The shell scrolls inside <main>: bring a part of the page to the top before a screenshot. */
async function scrollTo(page, testId) {
  await page
    .getByTestId(testId)
    .first()
    .evaluate((el) => el.scrollIntoView({ block: 'start' }));
}

/** The request row of the draft's duplicate check, once it has this status. */
function requestRow(page, status) {
  return page.locator(`[data-testid="dup-request"][data-status="${status}"]`);
}

/** Nothing of ATD's persons on the asking side's page: no case number, no ATD person id, no agency before the answer. */
async function assertNothingOfAtd(page, { agencyHidden }) {
  const text = await page.locator('main').innerText();
  const html = await page.content();
  for (const secret of [atd.linked.caseNumber, atd.other.caseNumber])
    assert.ok(!text.includes(secret), `a case number of ATD shows: ${secret}`);
  for (const secret of [atd.linked.personId, atd.other.personId])
    assert.ok(!html.includes(secret), 'an ATD person id is in the page');
  if (agencyHidden)
    assert.doesNotMatch(
      text,
      /ກົມຕ້ານການຄ້າມະນຸດ|Anti-Trafficking Department|MOPS_ATD/,
      'the asked agency is named before it answered',
    );
}

test('Lao, desktop: DOI sees only "another agency may hold this person", asks; the ATD supervisor links its person; DOI links it into the draft', async () => {
  const { context, page, errors } = await newPage(browser, DESKTOP);
  let screeningId;
  let requestId;
  try {
    // --- doi.caseworker: a new interview with what the returnee says ---
    await login(page, stack.baseUrl, 'doi.caseworker', 'lo');
    await page.goto(`${stack.baseUrl}/screenings/new`);
    await page.getByTestId('wizard').waitFor();
    for (const q of CONSENT_QUESTIONS) await page.getByTestId(`consent-${q}-YES`).click();
    await choose(page, 'consent-givenBy', 'ຕົນເອງ');
    await page.getByTestId('consent-complete').waitFor();
    await page.getByTestId('consent-next').click();
    await page.getByTestId('step-bioData').click();
    await page.getByTestId('f-bioData-givenNameLo').fill(LINKED.givenNameLo);
    await page.getByTestId('f-bioData-familyNameLo').fill(LINKED.familyNameLo);
    await page.getByTestId('f-bioData-latinNames').fill(LINKED.latinNames[0]);
    await page.getByTestId('f-bioData-latinNames').press('Enter');
    await page.getByTestId('f-bioData-dateOfBirth-day').fill('12');
    await page.getByTestId('f-bioData-dateOfBirth-month').fill('4');
    await page.getByTestId('f-bioData-dateOfBirth-year').fill('1996');
    await page.getByTestId('derived-age').waitFor();
    await choose(page, 'f-bioData-sex', 'ຍິງ');
    await page.getByTestId('f-bioData-documents-add').click();
    await choose(page, 'f-bioData-documents-0-type', 'ໜັງສືຜ່ານແດນ');
    await page.getByTestId('f-bioData-documents-0-number').fill(LINKED.documents[0].number);

    // the duplicate check: no ATD person, only the notice that another agency may hold her
    const searched = page.waitForResponse((r) => r.url().endsWith('/api/v1/persons/search'), SLOW);
    await page.getByTestId('dup-search').click();
    // the answer is read off the page, not the response body: the draft's first autosave moves the
    // URL from /screenings/new to /screenings/:id meanwhile, and Chromium may then drop the body
    assert.equal((await searched).status(), 200);
    await page.getByTestId('dup-none').waitFor();
    await page.getByTestId('dup-elsewhere').waitFor();
    assert.match(await page.getByTestId('dup-elsewhere').innerText(), LAO);
    assert.equal(await page.getByTestId('dup-candidate').count(), 0);
    await page.getByTestId('dup-ask').waitFor();
    await assertNothingOfAtd(page, { agencyHidden: true });
    await scrollTo(page, 'duplicate-check');
    await page.screenshot({ path: join(artifacts, 'match-elsewhere-lo.png') });
    await assertAccessible(page, 'duplicate check: possible match elsewhere (lo)');

    // asking saves the draft first (the request carries the SAVED bio-data), then asks
    const raised = page.waitForResponse(
      (r) => /\/api\/v1\/screenings\/[0-9a-f-]{36}\/match-requests$/.test(r.url()) && r.request().method() === 'POST',
      SLOW,
    );
    await page.getByTestId('dup-ask').click();
    assert.equal((await raised).status(), 201);
    await requestRow(page, 'OPEN').waitFor(SLOW);
    await page.getByTestId('dup-asked').waitFor();
    assert.equal(await page.getByTestId('dup-request').count(), 1, 'one request: to the one agency that holds her');
    requestId = await requestRow(page, 'OPEN').getAttribute('data-id');
    await page.waitForURL(/\/screenings\/[0-9a-f-]{36}$/);
    screeningId = page.url().split('/').pop();
    const doi = await apiLogin(stack.baseUrl, 'doi.caseworker');
    const saved = await api(stack.baseUrl, `/screenings/${screeningId}`, { token: doi.token });
    assert.equal(
      saved.bioData.documents[0].number,
      LINKED.documents[0].number,
      'the draft was saved before the request',
    );
    await assertNothingOfAtd(page, { agencyHidden: true });
    await assertAccessible(page, 'duplicate check: request open (lo)');
    await logout(page);

    // --- atd.supervisor: the inbox, the request, the candidate; links it ---
    await login(page, stack.baseUrl, 'atd.supervisor', 'lo');
    await page.getByTestId('nav-match-requests').click();
    await page.getByTestId('match-request-list').waitFor();
    const row = page.locator(`[data-testid="mr-waiting"] [data-testid="mr-row"][data-id="${requestId}"]`);
    await row.waitFor(SLOW);
    assert.match(await row.innerText(), /ກົມຄຸ້ມຄອງຄົນເຂົ້າ-ອອກເມືອງ/, 'the asking agency by its Lao name');
    assert.doesNotMatch(
      await page.locator('main').innerText(),
      new RegExp(`${LINKED.givenNameLo}|${LINKED.latinNames[0]}`),
      'the inbox shows no name',
    );
    await page.screenshot({ path: join(artifacts, 'match-inbox-lo.png') });
    await assertAccessible(page, 'match-request inbox (lo)');
    await row.getByTestId('mr-open').click();
    await page.getByTestId('mr-terms').waitFor();
    assert.equal(await page.getByTestId('mr-terms-name').innerText(), `${LINKED.givenNameLo} ${LINKED.familyNameLo}`);
    assert.match(await page.getByTestId('mr-terms-dob').innerText(), /12 ເມສາ 1996/);
    assert.equal(await page.getByTestId('mr-terms-documents').innerText(), LINKED.documents[0].number);
    const candidate = page.locator(`[data-testid="mr-candidate"][data-person="${atd.linked.personId}"]`);
    await candidate.waitFor();
    assert.equal(await candidate.getByTestId('mr-candidate-initials').innerText(), 'S.P.');
    assert.match(await candidate.getByTestId('mr-candidate-cases').innerText(), new RegExp(atd.linked.caseNumber));
    assert.equal(await page.getByTestId('mr-status').getAttribute('data-status'), 'OPEN');
    await page.screenshot({ path: join(artifacts, 'match-request-asked-lo.png'), fullPage: true });
    await assertAccessible(page, 'match request, asked side (lo)');
    await candidate.locator('[data-testid^="mr-link-"]').click();
    await page.getByTestId('mr-link-confirm').waitFor();
    await assertAccessible(page, 'match request, confirming the link (lo)');
    await page.getByTestId('mr-link-confirm').click();
    await page.locator('[data-testid="mr-status"][data-status="LINKED"]').waitFor(SLOW);
    assert.match(await page.getByTestId('mr-notice').innerText(), /ແມ່ນບຸກຄົນດຽວກັນ/);
    await page.getByTestId('mr-linked-person').waitFor();
    assert.equal(await page.getByTestId('mr-no-match-form').count(), 0, 'no answer is offered any more');
    await assertAccessible(page, 'match request, linked (lo)');
    await logout(page);

    // --- doi.caseworker: the answer on the draft; links the person exactly as a found one ---
    await login(page, stack.baseUrl, 'doi.caseworker', 'lo');
    await page.goto(`${stack.baseUrl}/screenings/${screeningId}`);
    await page.getByTestId('wizard').waitFor();
    await page.getByTestId('step-bioData').click();
    const linkedRow = requestRow(page, 'LINKED');
    await linkedRow.waitFor(SLOW);
    assert.match(await linkedRow.innerText(), /ກົມຕ້ານການຄ້າມະນຸດ/, 'the asked agency is named once it answered');
    await assertAccessible(page, 'duplicate check: answer LINKED (lo)');
    await linkedRow.getByTestId('dup-request-link').click();
    await page.getByTestId('dup-linked').waitFor();
    assert.match(await page.getByTestId('dup-linked').innerText(), /ກົມຕ້ານການຄ້າມະນຸດ/);
    await waitSaved(page);
    const linked = await api(stack.baseUrl, `/screenings/${screeningId}`, { token: doi.token });
    assert.equal(linked.bioData.personId, atd.linked.personId, 'the draft is linked to ATD’s person');
    await scrollTo(page, 'duplicate-check');
    await page.screenshot({ path: join(artifacts, 'match-linked-draft-lo.png') });
    await assertAccessible(page, 'duplicate check: person linked (lo)');

    // the request's own page, asking side: the status and the way back, nothing of the person
    await page.goto(`${stack.baseUrl}/match-requests/${requestId}`);
    await page.locator('[data-testid="mr-status"][data-status="LINKED"]').waitFor(SLOW);
    assert.equal(await page.getByTestId('mr-terms').count(), 0);
    assert.equal(await page.getByTestId('mr-candidates').count(), 0);
    assert.equal(await page.getByTestId('nav-match-requests').count(), 0, 'a caseworker has no inbox');
    await assertAccessible(page, 'match request, asking side (lo)');
    await page.getByTestId('mr-open-screening').click();
    await page.waitForURL(new RegExp(`/screenings/${screeningId}$`));
    await logout(page);
    assert.deepEqual(errors, [], 'no uncaught errors in the page');
  } catch (e) {
    await page
      .screenshot({ path: join(artifacts, 'match-request-failure-lo.png'), fullPage: true })
      .catch(() => undefined);
    throw e;
  } finally {
    await context.close();
  }
});

test('English, phone: "no match" — the supervisor comes from the notification, answers with a comment; the caseworker reads the answer', async () => {
  const { context, page, errors } = await newPage(browser, PHONE);
  try {
    // a DOI draft through the API (the wizard on a phone is interview.test.mjs): her name and birth date, no document
    const doi = await apiLogin(stack.baseUrl, 'doi.caseworker');
    const consent = Object.fromEntries(CONSENT_QUESTIONS.map((q) => [q, 'YES']));
    const draft = await api(stack.baseUrl, '/screenings', {
      token: doi.token,
      method: 'POST',
      body: {
        metadata: { provinceCode: '01' },
        interviewConsent: { ...consent, givenBy: 'SELF', form: 'WRITTEN_SIGNATURE' },
        bioData: {
          givenNameLo: OTHER.givenNameLo,
          familyNameLo: OTHER.familyNameLo,
          dateOfBirth: '1993-01-01',
          dobPrecision: 'YEAR',
          sex: 'FEMININE',
        },
      },
    });

    await login(page, stack.baseUrl, 'doi.caseworker', 'en');
    await page.goto(`${stack.baseUrl}/screenings/${draft.id}`);
    await page.getByTestId('wizard').waitFor();
    await page.getByTestId('step-bioData').click();
    await page.getByTestId('dup-search').click();
    await page.getByTestId('dup-elsewhere').waitFor(SLOW);
    assert.match(await page.getByTestId('dup-elsewhere').innerText(), /may already be recorded by another agency/);
    await assertNothingOfAtd(page, { agencyHidden: true });
    await assertAccessible(page, 'duplicate check: possible match elsewhere (en, phone)');
    await page.getByTestId('dup-ask').click();
    const open = requestRow(page, 'OPEN');
    await open.waitFor(SLOW);
    const requestId = await open.getAttribute('data-id');
    assert.match(await open.innerText(), /Another agency \(named once it answers\)/);
    await page.screenshot({ path: join(artifacts, 'match-asked-en-phone.png'), fullPage: true });
    await logout(page);

    // --- atd.supervisor: the notification leads to the request ---
    // the worker delivers it: wait until the API lists it (polling the state, not a fixed delay)
    const sup = await apiLogin(stack.baseUrl, 'atd.supervisor');
    const delivered = async () =>
      (await api(stack.baseUrl, '/notifications?unread=true', { token: sup.token })).items.some(
        (n) => n.kind === 'match.received' && n.objectId === requestId,
      );
    for (let i = 0; !(await delivered()); i++) {
      assert.ok(i < 120, 'the match.received notification never came');
      await new Promise((r) => setTimeout(r, 500));
    }
    await login(page, stack.baseUrl, 'atd.supervisor', 'en');
    await page.goto(`${stack.baseUrl}/notifications`);
    const note = page.locator('[data-testid="notification"]', {
      hasText: 'Another agency asks whether your agency already holds a person',
    });
    await note.first().waitFor(SLOW);
    await assertAccessible(page, 'notifications with a match request (en, phone)');
    await note.first().getByTestId('notification-open').click();
    await page.waitForURL(new RegExp(`/match-requests/${requestId}$`));
    await page.getByTestId('mr-candidates').waitFor(SLOW);
    assert.equal(await page.getByTestId('mr-terms-name').innerText(), `${OTHER.givenNameLo} ${OTHER.familyNameLo}`);
    assert.equal(await page.getByTestId('mr-terms-dob').innerText(), '1993 (Year only)');
    await page.locator(`[data-testid="mr-candidate"][data-person="${atd.other.personId}"]`).waitFor();
    await assertAccessible(page, 'match request, asked side (en, phone)');
    await page.getByTestId('mr-comment-input').fill('Our person has another mother’s name and village.');
    await page.getByTestId('mr-no-match').click();
    await page.locator('[data-testid="mr-status"][data-status="NO_MATCH"]').waitFor(SLOW);
    assert.match(await page.getByTestId('mr-notice').innerText(), /Answered: No match/);
    assert.match(await page.getByTestId('mr-comment').innerText(), /another mother’s name/);
    await page.screenshot({ path: join(artifacts, 'match-no-match-en-phone.png'), fullPage: true });
    await assertAccessible(page, 'match request, answered no match (en, phone)');

    // the inbox on a phone: the answered one below, nothing waiting
    await page.goto(`${stack.baseUrl}/match-requests`);
    await page
      .locator(`[data-testid="mr-answered"] [data-testid="mr-row"][data-id="${requestId}"][data-status="NO_MATCH"]`)
      .waitFor(SLOW);
    await page
      .locator('[data-testid="mr-waiting"] :is([data-testid="mr-waiting-empty"], [data-testid="mr-row"])')
      .first()
      .waitFor(SLOW);
    assert.equal(
      await page.locator(`[data-testid="mr-waiting"] [data-id="${requestId}"]`).count(),
      0,
      'no longer waiting',
    );
    await assertAccessible(page, 'match-request inbox (en, phone)');
    await logout(page);

    // --- doi.caseworker: the answer, on the draft and on the request's page ---
    await login(page, stack.baseUrl, 'doi.caseworker', 'en');
    await page.goto(`${stack.baseUrl}/screenings/${draft.id}`);
    await page.getByTestId('wizard').waitFor();
    await page.getByTestId('step-bioData').click();
    const answered = requestRow(page, 'NO_MATCH');
    await answered.waitFor(SLOW);
    assert.match(await answered.innerText(), /No match/);
    assert.match(await answered.innerText(), /continue with a new person/);
    assert.equal(await answered.getByTestId('dup-request-link').count(), 0, 'nothing to link');
    await assertAccessible(page, 'duplicate check: answer NO_MATCH (en, phone)');
    await answered.getByTestId('dup-request-open').click();
    await page.locator('[data-testid="mr-status"][data-status="NO_MATCH"]').waitFor(SLOW);
    assert.match(await page.getByTestId('mr-asked-agency').innerText(), /Anti-Trafficking Department/);
    assert.match(await page.getByTestId('mr-comment').innerText(), /another mother’s name/);
    assert.doesNotMatch(await page.locator('main').innerText(), new RegExp(atd.other.caseNumber));
    await assertAccessible(page, 'match request, asking side answered (en, phone)');
    // the person stays out of reach
    const person = await fetch(`${stack.baseUrl}/api/v1/persons/${atd.other.personId}`, {
      headers: { authorization: `Bearer ${doi.token}` },
    });
    assert.equal(person.status, 404);
    await logout(page);
    assert.deepEqual(errors, [], 'no uncaught errors in the page');
  } catch (e) {
    await page
      .screenshot({ path: join(artifacts, 'match-request-failure-en.png'), fullPage: true })
      .catch(() => undefined);
    throw e;
  } finally {
    await context.close();
  }
});
