// The interview as a caseworker does it at a border post (issue 17): Lao, a phone (390 × 844), a
// fixed script of a realistic screening finished in at most 110 taps, one invalid date found
// through the error summary and put right; Lao typed where a code used to be required; the
// device copy of unsaved edits encrypted (no canary text in any browser storage) while the link is
// down, then saved once when it is back; the link dropped mid-interview and the page reloaded
// offline (service worker + encrypted device copy), finished and saved once on reconnection, with
// no API answer and no canary in Cache Storage; a 409 between two sessions settled per field.
// Needs `nx build api portal` first.
//   node --test --test-concurrency=1 apps/portal-e2e/src/interview.test.mjs
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  api,
  apiLogin,
  artifacts,
  assertAccessible,
  CONSENT_QUESTIONS,
  launchBrowser,
  login,
  newPage,
  readBrowserStorage,
  readCacheStorage,
  waitForOfflineShell,
} from './helpers.mjs';
import { startStack } from './stack.mjs';

const PHONE = { width: 390, height: 844 };
let stack;
let browser;

before(async () => {
  mkdirSync(artifacts, { recursive: true });
  stack = await startStack();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await stack?.stop();
});

/** Counts what a caseworker's finger does: a tap, or a tap into a box and typing (the typing is not a tap). */
function fingers(page) {
  const c = {
    taps: 0,
    async tap(testId) {
      c.taps++;
      await page.getByTestId(testId).click();
    },
    async tapRole(role, name) {
      c.taps++;
      await page.getByRole(role, { name, exact: true }).click();
    },
    async type(testId, text) {
      // tapping a Material field lands on its floating label, which focuses the box
      c.taps++;
      await page.getByTestId(testId).focus();
      await page.getByTestId(testId).fill(text);
    },
    /** a mat-select: open it, tap the option */
    async select(testId, optionText) {
      await c.tap(testId);
      await c.tapRole('option', optionText);
      await page.locator('.cdk-overlay-pane mat-option').first().waitFor({ state: 'detached' });
    },
    /** a multiple mat-select: open it, tap each option, close it with the back key */
    async selectMany(testId, optionTexts) {
      await c.tap(testId);
      for (const t of optionTexts) await c.tapRole('option', t);
      await page.keyboard.press('Escape');
      await page.locator('.cdk-overlay-pane mat-option').first().waitFor({ state: 'detached' });
    },
    /** a picker: tap it, type a few letters, tap the option */
    async pick(testId, typed, code) {
      await c.type(testId, typed);
      await c.tap(`${testId}-opt-${code}`);
    },
  };
  return c;
}

async function waitSaved(page) {
  await page.locator('[data-testid="save-state"][data-state="saved"]').waitFor({ timeout: 20_000 });
}

test('a caseworker completes a realistic screening in Lao on a phone in at most 110 taps, fixing one invalid date through the error summary', async () => {
  const { context, page, errors } = await newPage(browser, PHONE);
  try {
    await login(page, stack.baseUrl, 'atd.caseworker', 'lo');
    await page.goto(`${stack.baseUrl}/screenings`);
    await page.getByTestId('new-screening').waitFor();
    const f = fingers(page);
    await f.tap('new-screening');
    await page.getByTestId('wizard').waitFor();

    // B. consent: seven one-tap answers, who gave it and how; the time is filled in
    for (const q of CONSENT_QUESTIONS) await f.tap(`consent-${q}-YES`);
    await f.select('consent-givenBy', 'ຕົນເອງ');
    await f.select('consent-form', 'ເປັນລາຍລັກອັກສອນ, ມີລາຍເຊັນ');
    await page.getByTestId('consent-complete').waitFor();
    await f.tap('consent-next');

    // A. details: the district by a few Lao letters, the crossing by English, the time and language already there
    await f.pick('f-metadata-district', 'ຈັນທະ', '0101');
    await f.select('f-metadata-facilityType', 'ດ່ານຊາຍແດນ');
    await f.pick('f-metadata-crossingPoint', 'thanal', 'FRIENDSHIP_BRIDGE_1');
    await f.select('f-metadata-referralSource', 'ຕຳຫຼວດກວດຄົນເຂົ້າ-ອອກເມືອງ');
    await waitSaved(page);
    await page.waitForURL(/\/screenings\/[0-9a-f-]{36}$/);
    const id = page.url().split('/').pop();

    // C. bio-data, with a birth date that does not exist (31 February)
    await f.tap('step-bioData');
    await f.type('f-bioData-givenNameLo', 'ບົວພັນ');
    await f.type('f-bioData-familyNameLo', 'ສີສຸວັນ');
    await f.type('f-bioData-nicknames', 'ນ້ອຍ');
    await page.keyboard.press('Enter');
    await f.select('f-bioData-sex', 'ຍິງ');
    await f.tap('f-bioData-dateOfBirth-day');
    await page.keyboard.type('31021999'); // two digits move on to the month, two more to the year
    const summary = page.getByTestId('error-summary');
    await summary.waitFor();
    assert.match(await summary.innerText(), /ວັນທີນີ້ບໍ່ມີແທ້/);
    await page
      .getByTestId('step-bioData')
      .evaluate((el) => el.closest('mat-sidenav-content, main, body')?.scrollTo?.(0, 0));
    await f.tap('error-link-f-bioData-dateOfBirth');
    await page.waitForFunction(() => document.activeElement?.id === 'f-bioData-dateOfBirth');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('28');
    await summary.waitFor({ state: 'detached' });
    await page.getByTestId('derived-age').waitFor();
    await f.pick('f-bioData-citizenship', 'ລາວ', 'LA');
    await f.pick('f-bioData-languages', 'ລາວ', 'lo');
    await f.tap('dup-search');
    await page.locator('[data-testid="dup-none"], [data-testid="dup-count"]').first().waitFor();
    if (await page.getByTestId('dup-count').count()) await f.tap('dup-new');

    // D. recruitment
    await f.tap('step-recruitment');
    await f.select('f-recruitment-recruiterRelation', 'ຄົນຮູ້ຈັກ');
    await f.selectMany('f-recruitment-methods', ['ໝູ່ເພື່ອນ ຫຼື ງານສັງຄົມ']);
    await f.type('f-recruitment-promisedJob', 'ເຮັດວຽກຮ້ານອາຫານ');

    // E. transit: crossing points as chips
    await f.tap('step-transit');
    await f.pick('f-transit-crossingPoints', 'ຂົວມິດຕະພາບ', 'FRIENDSHIP_BRIDGE_1');
    await f.selectMany('f-transit-transportMeans', ['ລົດເມ']);

    // F. destination and exploitation: one-tap yes/no/unknown
    await f.tap('step-destinationAndExploitation');
    await f.pick('f-destinationAndExploitation-country', 'ໄທ', 'TH');
    await f.type('f-destinationAndExploitation-city', 'ບາງກອກ');
    await f.selectMany('f-destinationAndExploitation-exploitationTypes', ['ການບັງຄັບອອກແຮງງານ']);
    await f.type('f-destinationAndExploitation-hoursPerDay', '14');
    await f.tap('f-destinationAndExploitation-freeToMove-NO');
    await f.tap('f-destinationAndExploitation-documentsConfiscated-YES');
    await f.selectMany('f-destinationAndExploitation-meansOfControl', ['ການຜູກມັດດ້ວຍໜີ້ສິນ']);

    // H. needs
    await f.tap('step-needsAndRisks');
    await f.tap('f-needsAndRisks-urgentMedicalNeed-false');
    await f.selectMany('f-needsAndRisks-servicesNeeded', ['ທີ່ພັກອາໄສຊົ່ວຄາວ / ບ່ອນພັກທີ່ປອດໄພ']);

    // I. indicators, with the result kept in view
    await f.tap('step-indicators');
    await page.getByTestId('sticky-result').waitFor();
    for (const code of ['DR01', 'DR02', 'EX01', 'EX02', 'CD05', 'CD06', 'CD07']) await f.tap(`ind-${code}-PRESENT`);
    await page.locator('[data-testid="sticky-result"][data-result="POSSIBLE_VICTIM"]').waitFor();

    // J. assessment and submit
    await f.tap('step-assessment');
    await f.tap('assessment-POSSIBLE_VICTIM');
    await page.getByTestId('submit-missing').waitFor({ state: 'detached' });
    await waitSaved(page);
    await f.tap('submit');
    await page.getByTestId('submitted-confirmation').waitFor();
    await page.screenshot({ path: join(artifacts, 'interview-submitted-lo-phone.png'), fullPage: true });
    await assertAccessible(page, 'submitted screening (lo, phone)');

    console.log(`realistic screening: ${f.taps} taps`);
    assert.ok(f.taps <= 110, `${f.taps} taps (at most 110)`);

    // what was picked is stored as codes
    const cw = await apiLogin(stack.baseUrl, 'atd.caseworker');
    const s = await api(stack.baseUrl, `/screenings/${id}`, { token: cw.token });
    assert.equal(s.status, 'SUBMITTED');
    assert.deepEqual(
      [
        s.metadata.district,
        s.metadata.crossingPoint,
        s.metadata.interviewLanguage,
        s.bioData.dateOfBirth,
        s.bioData.dobPrecision,
        s.bioData.citizenship,
        s.transit.crossingPoints,
        s.destinationAndExploitation.country,
      ],
      ['0101', 'FRIENDSHIP_BRIDGE_1', 'lo', '1999-02-28', 'DAY', ['LA'], ['FRIENDSHIP_BRIDGE_1'], 'TH'],
    );
    assert.deepEqual(errors, [], 'no uncaught errors in the page');
  } catch (e) {
    await page.screenshot({ path: join(artifacts, 'interview-failure.png'), fullPage: true }).catch(() => undefined);
    throw e;
  } finally {
    await context.close();
  }
});

test('Lao typed where a code used to be required: the interview language, citizenship and the interpreter pair are found by their Lao names', async () => {
  const { context, page } = await newPage(browser, PHONE);
  try {
    await login(page, stack.baseUrl, 'atd.caseworker', 'lo');
    await page.goto(`${stack.baseUrl}/screenings/new`);
    await page.getByTestId('wizard').waitFor();
    for (const q of CONSENT_QUESTIONS) await page.getByTestId(`consent-${q}-YES`).click();
    await page.getByTestId('consent-next').click();
    await page.getByTestId('f-metadata-interviewLanguage').fill('ມົ້ງ');
    await page.getByTestId('f-metadata-interviewLanguage-opt-hmn').click();
    await page.getByTestId('step-interpreter').click();
    await page.getByTestId('f-interpreter-languagePair').fill('ມົ້ງ');
    await page.getByTestId('f-interpreter-languagePair-opt-hmn').click();
    await page.getByTestId('f-interpreter-languagePair-to').fill('ລາວ');
    await page.getByTestId('f-interpreter-languagePair-to-opt-lo').click();
    await page.getByTestId('step-bioData').click();
    await page.getByTestId('f-bioData-citizenship').fill('ລາວ');
    await page.getByTestId('f-bioData-citizenship-opt-LA').click();
    await page.getByTestId('f-bioData-citizenship-chip-LA').waitFor();
    await waitSaved(page);
    await page.waitForURL(/\/screenings\/[0-9a-f-]{36}$/);
    const cw = await apiLogin(stack.baseUrl, 'atd.caseworker');
    const s = await api(stack.baseUrl, `/screenings/${page.url().split('/').pop()}`, { token: cw.token });
    assert.deepEqual(
      [s.metadata.interviewLanguage, s.interpreter.languagePair, s.bioData.citizenship],
      ['hmn', 'hmn-lo', ['LA']],
    );
    assert.equal(await page.getByTestId('error-summary').count(), 0, 'nothing was refused');
  } finally {
    await context.close();
  }
});

test('with the link down the edits wait on the device encrypted (no canary in any storage), and are saved once when it is back', async () => {
  const { context, page } = await newPage(browser, PHONE);
  const canary = `ຄານາຣີ-${Date.now()}`;
  try {
    await login(page, stack.baseUrl, 'atd.caseworker', 'lo');
    await page.goto(`${stack.baseUrl}/screenings/new`);
    await page.getByTestId('wizard').waitFor();
    for (const q of CONSENT_QUESTIONS) await page.getByTestId(`consent-${q}-YES`).click();
    await waitSaved(page);
    await page.waitForURL(/\/screenings\/[0-9a-f-]{36}$/);
    const id = page.url().split('/').pop();
    let patches = 0;
    page.on('request', (r) => {
      if (r.method() === 'PATCH' && r.url().endsWith(`/api/v1/screenings/${id}`)) patches++;
    });

    await context.setOffline(true);
    await page.getByTestId('step-recruitment').click();
    await page.getByTestId('f-recruitment-narrative').fill(canary);
    await page.locator('[data-testid="save-state"][data-state="offline"]').waitFor({ timeout: 20_000 });
    await page.waitForFunction(() => Object.keys(localStorage).some((k) => k.startsWith('ctms.screeningDraft.')));
    const dump = await readBrowserStorage(page);
    const text = JSON.stringify(dump);
    assert.ok(
      Object.keys(dump.local).some((k) => k.startsWith('ctms.screeningDraft.')),
      'the unsaved edits are on the device',
    );
    assert.ok(!text.includes(canary), 'no canary text in localStorage, sessionStorage or IndexedDB');
    assert.ok(text.includes('"extractable":false'), 'the device key is not extractable');

    await context.setOffline(false);
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    await waitSaved(page);
    await page.waitForFunction(() => !Object.keys(localStorage).some((k) => k.startsWith('ctms.screeningDraft.')));
    assert.equal(patches >= 1, true);
    const cw = await apiLogin(stack.baseUrl, 'atd.caseworker');
    const s = await api(stack.baseUrl, `/screenings/${id}`, { token: cw.token });
    assert.equal(s.recruitment.narrative, canary, 'the edits reached the server');
    const list = await api(stack.baseUrl, '/screenings?mine=true&limit=100', { token: cw.token });
    assert.equal(list.items.filter((i) => i.id === id).length, 1, 'saved once, as one screening');
  } finally {
    await context.close();
  }
});

test('the link drops mid-interview: the page reloads offline, the interview is finished, and on reconnection it is saved once; Cache Storage holds no API answer and no canary', async () => {
  const { context, page, errors } = await newPage(browser, PHONE);
  const canary = `ຄານາຣີ-ອອຟລາຍ-${Date.now()}`;
  try {
    await login(page, stack.baseUrl, 'atd.caseworker', 'lo');
    await page.goto(`${stack.baseUrl}/screenings/new`);
    await page.getByTestId('wizard').waitFor();
    for (const q of CONSENT_QUESTIONS) await page.getByTestId(`consent-${q}-YES`).click();
    await waitSaved(page);
    await page.waitForURL(/\/screenings\/[0-9a-f-]{36}$/);
    const id = page.url().split('/').pop();
    await waitForOfflineShell(page);

    const cw = await apiLogin(stack.baseUrl, 'atd.caseworker');
    const before = (await api(stack.baseUrl, '/screenings?mine=true&limit=100', { token: cw.token })).items.length;
    const writes = [];
    page.on('response', (r) => {
      const m = r.request().method();
      if (
        (m === 'PATCH' || m === 'POST') &&
        new URL(r.url()).pathname.startsWith('/api/v1/screenings') &&
        r.status() < 300
      )
        writes.push(`${m} ${r.status()}`);
    });

    // the link drops: edits go on, then the page is reloaded with no network at all
    await context.setOffline(true);
    await page.getByTestId('step-recruitment').click();
    await page.getByTestId('f-recruitment-narrative').fill(canary);
    await page.locator('[data-testid="save-state"][data-state="offline"]').waitFor({ timeout: 20_000 });
    await page.waitForFunction(() => Object.keys(localStorage).some((k) => k.startsWith('ctms.screeningDraft.')));
    await page.reload();
    await page.getByTestId('wizard').waitFor({ timeout: 30_000 });
    await page.getByTestId('offline-copy').waitFor();
    await page.getByTestId('step-recruitment').click();
    assert.equal(
      await page.getByTestId('f-recruitment-narrative').inputValue(),
      canary,
      'the unsaved edit came back from the encrypted device copy',
    );

    // ... and the interview is finished offline
    await page.getByTestId('f-recruitment-promisedJob').fill('ເຮັດວຽກຮ້ານອາຫານ');
    await page.getByTestId('step-destinationAndExploitation').click();
    await page.getByTestId('f-destinationAndExploitation-city').fill('ບາງກອກ');
    await page.getByTestId('step-indicators').click();
    for (const code of ['DR01', 'EX01']) await page.getByTestId(`ind-${code}-PRESENT`).click();
    await page.getByTestId('step-assessment').click();
    await page.getByTestId('assessment-POSSIBLE_VICTIM').click();
    await page.locator('[data-testid="save-state"][data-state="offline"]').waitFor({ timeout: 20_000 });

    // what the device holds: the app shell, never an API answer, and nothing of the interview in clear
    const cached = await readCacheStorage(page);
    assert.ok(
      cached.some((e) => new URL(e.url).pathname === '/index.html'),
      'the service worker holds the app shell',
    );
    assert.deepEqual(
      cached.filter((e) => new URL(e.url).pathname.startsWith('/api/')).map((e) => e.url),
      [],
      'no API answer in Cache Storage',
    );
    assert.ok(!cached.some((e) => e.body.includes(canary) || e.url.includes(canary)), 'no canary in Cache Storage');
    assert.ok(
      !JSON.stringify(await readBrowserStorage(page)).includes(canary),
      'no canary in localStorage, sessionStorage or IndexedDB',
    );
    assert.deepEqual(writes, [], 'nothing reached the server while the link was down');

    // the link is back: everything is saved, in one write, on the one screening
    await context.setOffline(false);
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    await waitSaved(page);
    await page.getByTestId('offline-copy').waitFor({ state: 'detached' });
    await page.waitForFunction(() => !Object.keys(localStorage).some((k) => k.startsWith('ctms.screeningDraft.')));
    assert.deepEqual(writes, ['PATCH 200'], 'saved once');
    const s = await api(stack.baseUrl, `/screenings/${id}`, { token: cw.token });
    assert.deepEqual(
      [
        s.recruitment?.narrative,
        s.recruitment?.promisedJob,
        s.destinationAndExploitation?.city,
        s.indicatorAnswers.map((a) => a.code).sort(),
        s.interviewerAssessment,
      ],
      [canary, 'ເຮັດວຽກຮ້ານອາຫານ', 'ບາງກອກ', ['DR01', 'EX01'], 'POSSIBLE_VICTIM'],
    );
    const after = await api(stack.baseUrl, '/screenings?mine=true&limit=100', { token: cw.token });
    assert.equal(after.items.length, before, 'no second screening');
    assert.equal(after.items.filter((i) => i.id === id).length, 1);
    assert.deepEqual(errors, [], 'no uncaught errors in the page');
  } catch (e) {
    await page
      .screenshot({ path: join(artifacts, 'interview-offline-reload-failure.png'), fullPage: true })
      .catch(() => undefined);
    throw e;
  } finally {
    await context.close();
  }
});

test('a 409 between two sessions: the server version is shown beside the local one and the caseworker chooses per field; nothing is dropped', async () => {
  const cw = await apiLogin(stack.baseUrl, 'atd.caseworker');
  const consent = Object.fromEntries(CONSENT_QUESTIONS.map((q) => [q, 'YES']));
  const created = await api(stack.baseUrl, '/screenings', {
    token: cw.token,
    method: 'POST',
    body: {
      metadata: { provinceCode: '01', interviewAt: new Date(Date.now() - 3_600_000).toISOString() },
      interviewConsent: consent,
      recruitment: { promisedJob: 'ງານເດີມ', narrative: 'ເລື່ອງເດີມ' },
      destinationAndExploitation: { city: 'ເມືອງເດີມ' },
    },
  });
  const a = await newPage(browser, PHONE);
  const b = await newPage(browser, PHONE);
  try {
    for (const p of [a.page, b.page]) {
      await login(p, stack.baseUrl, 'atd.caseworker', 'lo');
      await p.goto(`${stack.baseUrl}/screenings/${created.id}`);
      await p.getByTestId('wizard').waitFor();
    }
    // the other tab saves first
    await b.page.getByTestId('step-recruitment').click();
    await b.page.getByTestId('f-recruitment-promisedJob').fill('ງານ B');
    await b.page.getByTestId('step-destinationAndExploitation').click();
    await b.page.getByTestId('f-destinationAndExploitation-city').fill('ເມືອງ B');
    await waitSaved(b.page);

    // this tab changed the same two fields, and one more that nobody else touched
    await a.page.getByTestId('step-recruitment').click();
    await a.page.getByTestId('f-recruitment-promisedJob').fill('ງານ A');
    await a.page.getByTestId('f-recruitment-narrative').fill('ເລື່ອງ A');
    await a.page.getByTestId('step-destinationAndExploitation').click();
    await a.page.getByTestId('f-destinationAndExploitation-city').fill('ເມືອງ A');
    const panel = a.page.getByTestId('conflict');
    await panel.waitFor({ timeout: 20_000 });
    await a.page.getByTestId('conflict-destinationAndExploitation.city').waitFor();
    assert.equal(await a.page.locator('[data-testid="save-state"]').getAttribute('data-state'), 'conflict');
    const job = a.page.getByTestId('conflict-recruitment.promisedJob');
    assert.match(await job.getByTestId('conflict-recruitment.promisedJob-theirs').innerText(), /ງານ B/);
    assert.match(await job.getByTestId('conflict-recruitment.promisedJob-mine').innerText(), /ງານ A/);
    assert.equal(
      await a.page.getByTestId('conflict-recruitment.narrative').count(),
      0,
      'a field changed only here is no conflict',
    );
    await a.page.screenshot({ path: join(artifacts, 'interview-conflict-lo-phone.png'), fullPage: true });
    await assertAccessible(a.page, 'screening conflict (lo, phone)');

    // keep this device's job, the other tab's city
    await a.page.getByTestId('conflict-destinationAndExploitation.city-theirs').click();
    await a.page.getByTestId('conflict-apply').click();
    await panel.waitFor({ state: 'detached' });
    await waitSaved(a.page);
    const s = await api(stack.baseUrl, `/screenings/${created.id}`, { token: cw.token });
    assert.deepEqual(
      [s.recruitment.promisedJob, s.recruitment.narrative, s.destinationAndExploitation.city],
      ['ງານ A', 'ເລື່ອງ A', 'ເມືອງ B'],
    );
    assert.equal(
      await a.page.getByTestId('f-destinationAndExploitation-city').inputValue(),
      'ເມືອງ B',
      'the page shows what was kept',
    );
    assert.deepEqual([...a.errors, ...b.errors], [], 'no uncaught errors in the pages');
  } catch (e) {
    await a.page
      .screenshot({ path: join(artifacts, 'interview-conflict-failure.png'), fullPage: true })
      .catch(() => undefined);
    throw e;
  } finally {
    await a.context.close();
    await b.context.close();
  }
});
