// The full inter-agency journey through the portal with the demo accounts, once in Lao and once in
// English: screening with consent and approval (API: the screening suite drives the wizard in the
// UI), referral-sharing consent for LWU (API: the case suite records consents in the UI), then in the
// portal: the referral with its data packet, LWU's inbox with the SLA clock, the masked preview,
// acceptance, a shelter service, completion, the outcome in ATD's outgoing box; a law-enforcement
// consent (API), the investigator's handoff to OSPP, the prosecutor's steps to the verdict, the
// investigator seeing the verdict, and the supervisor's audit view. A screenshot of every main page
// (tmp-artifacts/e2e/journey-<lang>-<step>.png) and axe-core on every page.
// Needs `nx build api portal` first:
//   node --test --test-concurrency=1 apps/portal-e2e/src/journey.test.mjs
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import {
  api as apiAt,
  apiLogin as apiLoginAt,
  artifacts,
  assertAccessible,
  assignCase,
  CHROMIUM_ARGS,
  LAO,
  login as loginAt,
  logout,
  newPage as openPage,
  screenAndApprove as screenAndApproveAt,
} from './helpers.mjs';
import { startStack } from './stack.mjs';

/** What each language must show for a few coded values (labels from @ctms/domain and the portal). */
const WORDS = {
  lo: {
    completed: 'ສຳເລັດ',
    convicted: 'ຕັດສິນລົງໂທດ',
    pending: 'ລໍຖ້າ',
    referred: 'ສົ່ງຕໍ່',
    month: /ມັງກອນ|ກຸມພາ|ມີນາ|ເມສາ|ພຶດສະພາ|ມິຖຸນາ|ກໍລະກົດ|ສິງຫາ|ກັນຍາ|ຕຸລາ|ພະຈິກ|ທັນວາ/,
    sla: /ເຫຼືອ \d+ ຊມ \d+ ນາທີ/,
  },
  en: {
    completed: 'Completed',
    convicted: 'Convicted',
    pending: 'Pending',
    referred: 'Referred',
    month:
      /January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec/,
    sla: /\d+ h \d+ min left/,
  },
};

let stack;
let browser;
let agencies;

before(async () => {
  mkdirSync(artifacts, { recursive: true });
  stack = await startStack();
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const cw = await apiLogin('atd.caseworker');
  agencies = await api('/reference/agencies', { token: cw.token });
});

after(async () => {
  await browser?.close();
  await stack?.stop();
});

const api = (path, opts) => apiAt(stack.baseUrl, path, opts);

const apiLogin = (username) => apiLoginAt(stack.baseUrl, username);

const agencyId = (code) => agencies.find((a) => a.code === code).id;

/** A screening with full interview consent, submitted by the caseworker and approved by the supervisor. */
async function screenAndApprove(given, family) {
  const cw = await apiLogin('atd.caseworker');
  const sup = await apiLogin('atd.supervisor');
  const s = await screenAndApproveAt(stack.baseUrl, cw.token, sup.token, { givenNameLo: given, familyNameLo: family });
  const c = await api(`/cases/${s.caseId}`, { token: cw.token });
  assert.equal(c.assignedTo?.username, 'atd.caseworker', 'the case is assigned to the interviewer');
  return c;
}

async function grantConsent(caseId, type, agencyCode, categories) {
  const cw = await apiLogin('atd.caseworker');
  return api(`/cases/${caseId}/consents`, {
    token: cw.token,
    method: 'POST',
    body: {
      type,
      agencyIds: [agencyId(agencyCode)],
      purposes: [type],
      categories,
      givenBy: 'SELF',
      form: 'WRITTEN_SIGNATURE',
      grantedAt: new Date(Date.now() - 60_000).toISOString(),
    },
  });
}

const newPage = (viewport) => openPage(browser, viewport);
const login = (page, username, lang) => loginAt(page, stack.baseUrl, username, lang);

/** Opens a mat-select and picks the option with this test id (or the first option). */
async function choose(page, testId, optionTestId) {
  await page.getByTestId(testId).click();
  const option = optionTestId ? page.getByTestId(optionTestId) : page.getByRole('option').first();
  await option.click();
  await page.locator('.cdk-overlay-pane mat-option').first().waitFor({ state: 'detached' });
}

async function check(page, testId) {
  await page.getByTestId(testId).locator('input').check();
}

async function shoot(page, lang, step) {
  await page.evaluate(() => document.fonts.ready);
  // the shell scrolls inside <main>: show the top of the page
  await page.evaluate(() => {
    document.querySelector('main')?.scrollTo(0, 0);
    window.scrollTo(0, 0);
  });
  await page.screenshot({ path: join(artifacts, `journey-${lang}-${step}.png`), fullPage: true });
}

/** Screenshot and axe: every main page of the journey. */
async function visit(page, lang, step) {
  await shoot(page, lang, step);
  await assertAccessible(page, `${step} (${lang})`);
}

async function bodyText(page) {
  return page.evaluate(() => document.body.innerText);
}

async function waitStatus(page, testId, status) {
  await page.locator(`[data-testid="${testId}"][data-status="${status}"]`).first().waitFor({ timeout: 15_000 });
}

async function handoffStep(page, action, fill) {
  await page.getByTestId(`handoff-act-${action}`).click();
  await page.getByTestId('handoff-action-form').waitFor();
  if (fill) await fill();
  await page.getByTestId('handoff-action-submit').click();
  await page.getByTestId('handoff-notice').waitFor();
}

for (const lang of ['lo', 'en']) {
  const words = WORDS[lang];
  // a tablet in Lao, a desktop in English
  const viewport = lang === 'lo' ? { width: 1024, height: 1366 } : { width: 1280, height: 900 };

  test(`full journey in ${lang === 'lo' ? 'Lao' : 'English'}: screening, referral, services, handoff, verdict`, async () => {
    const given = lang === 'lo' ? 'ບຸນມີ' : 'ສົມຈິດ';
    const family = lang === 'lo' ? 'ລັບສະເພາະ' : 'ທົດລອງລັບ';
    const c = await screenAndApprove(given, family);
    let sharing = await grantConsent(c.id, 'REFERRAL_SHARING', 'LWU', ['CASE_SUMMARY', 'IDENTITY', 'CONTACT_LOCATION']);

    const { context, page, errors } = await newPage(viewport);
    try {
      // ---- atd.caseworker refers the case to LWU for shelter, with a packet the consent covers
      await login(page, 'atd.caseworker', lang);
      await page.goto(`${stack.baseUrl}/cases/${c.id}`);
      await page.getByTestId('case-page').waitFor();
      await page.getByTestId('tab-referrals').click();
      await page.getByTestId('case-interagency').waitFor();
      await page.getByTestId('referral-new').click();
      await page.getByTestId('referral-form').waitFor();
      await check(page, 'referral-service-SHELTER');
      await page.getByTestId('referral-agency-LWU').waitFor();
      // before an agency is chosen, every category is disabled and says why
      assert.equal(await page.getByTestId('packet-CONTACT_LOCATION').locator('input').isDisabled(), true);
      await page.getByTestId('referral-agency-LWU').check();
      // covered by the consent: the checkbox turns enabled (Angular re-renders after the click)
      await page.getByTestId('packet-CONTACT_LOCATION').locator('input:enabled').waitFor({ timeout: 10_000 });
      assert.equal(
        await page.getByTestId('packet-HEALTH').locator('input').isDisabled(),
        true,
        'not covered by the consent',
      );
      const why = await page.getByTestId('packet-reason-HEALTH').innerText();
      if (lang === 'lo') assert.match(why, LAO);
      else assert.match(why, /no consent covers Health/);
      await check(page, 'packet-CONTACT_LOCATION');
      if (lang === 'en') {
        // the consent is withdrawn while the form is open: the API refuses the packet (409
        // CONSENT_NOT_COVERING) and the page names the categories no consent covers any more
        const cw = await apiLogin('atd.caseworker');
        await api(`/consents/${sharing.id}/withdraw`, {
          token: cw.token,
          method: 'POST',
          body: { reason: 'withdrawn for the test' },
        });
        await choose(page, 'referral-urgency', 'urgency-ROUTINE');
        await page.getByTestId('referral-reason').fill('Needs a safe place to stay');
        await page.getByTestId('referral-submit').click();
        const refused = page.getByTestId('referral-refused');
        await refused.waitFor();
        assert.match(await refused.innerText(), /No active consent covers: .*Contact and location/);
        await visit(page, lang, '00-referral-refused');
        sharing = await grantConsent(c.id, 'REFERRAL_SHARING', 'LWU', ['CASE_SUMMARY', 'IDENTITY', 'CONTACT_LOCATION']);
        await page.getByTestId('referral-form-cancel').click();
        await page.getByTestId('referral-new').click();
        await check(page, 'referral-service-SHELTER');
        await page.getByTestId('referral-agency-LWU').check();
        await check(page, 'packet-CONTACT_LOCATION');
      }
      await choose(page, 'referral-urgency', 'urgency-ROUTINE');
      await page
        .getByTestId('referral-reason')
        .fill(lang === 'lo' ? 'ຕ້ອງການທີ່ພັກອາໄສທີ່ປອດໄພ' : 'Needs a safe place to stay');
      await visit(page, lang, '01-referral-form');
      await page.getByTestId('referral-submit').click();
      await waitStatus(page, 'case-referral', 'PENDING');
      assert.match(await page.getByTestId('case-referral-status').first().innerText(), new RegExp(words.pending));
      await visit(page, lang, '02-case-referrals');
      await logout(page);

      // ---- lwu.caseworker: the inbox with its SLA clock, the preview without a name, accept, service, complete
      await login(page, 'lwu.caseworker', lang);
      await page.getByTestId('nav-referrals').click();
      await page.getByTestId('referral-list').waitFor();
      const row = page.locator(`[data-testid="referral-row"][data-case="${c.caseNumber}"]`).first();
      await row.waitFor();
      const clock = row.getByTestId('sla-clock');
      assert.match(await clock.innerText(), words.sla);
      assert.equal(await clock.getAttribute('data-overdue'), 'false');
      assert.ok(!(await bodyText(page)).includes(given), 'the inbox shows no name');
      await visit(page, lang, '03-lwu-inbox');
      await row.getByTestId('referral-link').click();
      await page.getByTestId('referral-page').waitFor();
      await page.getByTestId('referral-preview').locator('dl').waitFor();
      assert.ok(!(await bodyText(page)).includes(given), 'the preview shows no name');
      assert.ok(!(await bodyText(page)).includes(family));
      assert.match(await page.getByTestId('referral-facts').innerText(), words.month, 'dates in the language');
      await visit(page, lang, '04-lwu-preview');
      // accepting with the keyboard only
      await page.getByTestId('referral-accept').focus();
      await page.keyboard.press('Enter');
      await page.getByTestId('referral-action-submit').focus();
      await page.keyboard.press('Enter');
      await waitStatus(page, 'referral-status', 'ACCEPTED');
      assert.equal(
        (await page.getByTestId('referral-assignee').innerText()).trim(),
        'ມະນີວອນ ສຸລິຍະ',
        'the assignee (lwu.caseworker) by name',
      );
      await page.getByTestId('referral-record-service').click();
      await page
        .getByTestId('service-provider')
        .fill(lang === 'lo' ? 'ສູນພັກເຊົາຊົ່ວຄາວ ນະຄອນຫຼວງ' : 'Vientiane transit centre');
      await page.getByTestId('referral-action-submit').click();
      await waitStatus(page, 'referral-status', 'IN_PROGRESS');
      await page.getByTestId('referral-service').first().waitFor();
      await page.getByTestId('referral-complete').click();
      await choose(page, 'complete-outcome', 'outcome-SERVICES_DELIVERED');
      await page.getByTestId('referral-action-submit').click();
      await waitStatus(page, 'referral-status', 'COMPLETED');
      await visit(page, lang, '05-lwu-completed');
      // the same page on a phone
      await page.setViewportSize({ width: 390, height: 844 });
      await page.getByTestId('referral-outcome').waitFor();
      await visit(page, lang, '05-lwu-completed-phone');
      await page.setViewportSize(viewport);
      await logout(page);

      // ---- atd.caseworker sees the outcome in the outgoing box
      await login(page, 'atd.caseworker', lang);
      await page.goto(`${stack.baseUrl}/referrals?box=outgoing`);
      const out = page.locator(`[data-testid="referral-row"][data-case="${c.caseNumber}"]`).first();
      await out.waitFor();
      assert.equal(await out.getAttribute('data-status'), 'COMPLETED');
      assert.match(await out.getByTestId('referral-status').innerText(), new RegExp(words.completed));
      await visit(page, lang, '06-atd-outgoing');
      await out.getByTestId('referral-link').click();
      await page.getByTestId('referral-outcome').waitFor();
      assert.ok((await page.getByTestId('referral-outcome').innerText()).length > 0);
      await visit(page, lang, '07-atd-outcome');
      await logout(page);

      // ---- a law-enforcement sharing consent for OSPP, then the investigator hands off
      // optional: without it (Lao run) the handoff carries a limited packet and says so
      if (lang === 'en') {
        await grantConsent(c.id, 'LAW_ENFORCEMENT_SHARING', 'OSPP', [
          'CASE_SUMMARY',
          'IDENTITY',
          'EXPLOITATION_ACCOUNT',
          'HEALTH',
          'PERPETRATORS',
          'LEGAL_PROCEEDINGS',
        ]);
      }
      // the editor rule: the supervisor assigns the case to the investigator who hands it off
      await assignCase(stack.baseUrl, (await apiLogin('atd.supervisor')).token, c.id, 'atd.investigator');
      await login(page, 'atd.investigator', lang);
      await page.goto(`${stack.baseUrl}/cases/${c.id}`);
      await page.getByTestId('tab-referrals').click();
      await page.getByTestId('handoff-new').click();
      await page.getByTestId('handoff-form').waitFor();
      await page.waitForFunction(() =>
        document.querySelector('[data-testid="handoff-agency"]')?.textContent?.includes('OSPP'),
      );
      await page
        .getByTestId('handoff-statement')
        .fill(lang === 'lo' ? 'ຜູ້ເສຍຫາຍຖືກຫຼອກລວງໄປເຮັດວຽກ' : 'The victim was deceived into work abroad');
      await page.getByTestId('handoff-evidence-0').fill(lang === 'lo' ? 'ສັນຍາຈ້າງງານປອມ' : 'Forged job contract');
      await page.getByTestId('handoff-suspect-name-0').fill('Mr X');
      await choose(page, 'handoff-suspect-role-0');
      await choose(page, 'handoff-suspect-relation-0');
      await page.getByTestId('handoff-charge-0').fill('PENAL_CODE_215');
      await choose(page, 'handoff-testify');
      await check(page, 'handoff-measure-IDENTITY_CONFIDENTIALITY');
      await visit(page, lang, '08-handoff-form');
      await page.getByTestId('handoff-submit').click();
      await waitStatus(page, 'case-handoff', 'SUBMITTED');
      await logout(page);

      // ---- ospp.prosecutor: receive, accept, charge, trial, verdict
      await login(page, 'ospp.prosecutor', lang);
      await page.getByTestId('nav-handoffs').click();
      await page.getByTestId('handoff-list').waitFor();
      const hrow = page.locator(`[data-testid="handoff-row"][data-case="${c.caseNumber}"]`).first();
      await hrow.waitFor();
      await visit(page, lang, '09-ospp-inbox');
      await hrow.getByTestId('handoff-link').click();
      await page.getByTestId('handoff-page').waitFor();
      if (lang === 'en') {
        await page.getByTestId('handoff-full').waitFor();
        assert.equal(await page.getByTestId('handoff-limited').count(), 0);
      } else {
        assert.match(await page.getByTestId('handoff-limited').innerText(), LAO, 'limited by consent, in Lao');
      }
      await visit(page, lang, '10-ospp-handoff');
      await handoffStep(page, 'RECEIVE');
      await waitStatus(page, 'handoff-status', 'RECEIVED');
      await handoffStep(page, 'ACCEPT');
      await waitStatus(page, 'handoff-status', 'ACCEPTED');
      await handoffStep(page, 'CHARGE', async () => {
        assert.equal(
          await page.getByTestId('charge-article-0').inputValue(),
          'PENAL_CODE_215',
          'the proposed charge is offered',
        );
        await page
          .getByTestId('charge-court')
          .fill(lang === 'lo' ? 'ສານປະຊາຊົນນະຄອນຫຼວງ' : 'Vientiane Capital People’s Court');
      });
      await waitStatus(page, 'handoff-status', 'CHARGED');
      const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Vientiane' }).format(new Date());
      await handoffStep(page, 'START_TRIAL', async () => {
        await page
          .getByTestId('trial-court')
          .fill(lang === 'lo' ? 'ສານປະຊາຊົນນະຄອນຫຼວງ' : 'Vientiane Capital People’s Court');
        await page.getByTestId('trial-dates').fill(today);
      });
      await waitStatus(page, 'handoff-status', 'AT_TRIAL');
      await handoffStep(page, 'RECORD_VERDICT', async () => {
        await choose(page, 'verdict', 'verdict-CONVICTED');
        await page.getByTestId('verdict-sentence').fill(lang === 'lo' ? 'ຈຳຄຸກ 5 ປີ' : '5 years in prison');
      });
      await waitStatus(page, 'handoff-status', 'DECIDED');
      assert.match(await page.getByTestId('handoff-verdict').innerText(), new RegExp(words.convicted));
      await visit(page, lang, '11-ospp-verdict');
      await logout(page);

      // ---- atd.investigator sees the verdict
      await login(page, 'atd.investigator', lang);
      await page.getByTestId('nav-handoffs').click();
      const mine = page.locator(`[data-testid="handoff-row"][data-case="${c.caseNumber}"]`).first();
      await mine.waitFor();
      assert.equal(await mine.getAttribute('data-status'), 'DECIDED');
      await visit(page, lang, '12-atd-handoffs');
      await mine.getByTestId('handoff-link').click();
      await page.getByTestId('handoff-verdict').waitFor();
      assert.match(await page.getByTestId('handoff-verdict').innerText(), new RegExp(words.convicted));
      await visit(page, lang, '13-atd-verdict');
      await logout(page);

      // ---- the supervisor's audit view, filtered by a username and an action picked by its name
      await login(page, 'atd.supervisor', lang);
      await page.getByTestId('nav-audit').click();
      await page.getByTestId('audit-page').waitFor();
      await page.getByTestId('audit-actor').fill('atd.caseworker');
      await choose(page, 'audit-action', 'audit-action-REFERRAL_CREATED');
      await page.getByTestId('audit-apply').click();
      // the unfiltered list shows first: wait until every row is the chosen action
      await page.waitForFunction(() => {
        const rows = [...document.querySelectorAll('[data-testid="audit-row"]')];
        return rows.length > 0 && rows.every((r) => r.getAttribute('data-action') === 'REFERRAL_CREATED');
      });
      // readable by a supervisor: the action named, the actor by name, the case by its number, linked
      const auditRow = page.getByTestId('audit-row').first();
      assert.match(
        await auditRow.getByTestId('audit-what').innerText(),
        new RegExp(words.referred),
        'the action is named',
      );
      assert.doesNotMatch(
        await auditRow.innerText(),
        /REFERRAL_CREATED|atd\.caseworker|[0-9a-f]{8}-[0-9a-f]{4}-/,
        'no action code, username or id',
      );
      assert.equal(await auditRow.getByTestId('audit-who').innerText(), 'ສົມພອນ ວົງສະຫວັນ');
      assert.equal(await auditRow.getByTestId('audit-case-link').innerText(), c.caseNumber);
      assert.doesNotMatch(page.url(), new RegExp(encodeURIComponent(given)));
      await visit(page, lang, '14-audit');
      await logout(page);
      assert.deepEqual(errors, [], 'no uncaught errors in the page');
    } catch (e) {
      await page
        .screenshot({ path: join(artifacts, `journey-${lang}-failure.png`), fullPage: true })
        .catch(() => undefined);
      throw e;
    } finally {
      await context.close();
    }
  });
}
