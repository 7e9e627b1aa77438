// Follow-up visits and reintegration monitoring (issue 15 item 2), in Lao on a phone (390×844):
// MoPS ATD opens a case and refers it to MoLSW for family tracing and reintegration (the victim's
// consent covers contact details and health); MoLSW's caseworker accepts the referral, then on the
// case page's follow-up tab records a home visit (Chanthabouly district, with the victim and a
// parent, a next visit due) and a reintegration assessment; after a second, better assessment the
// trend shows each level going up. The ATD lead sees MoLSW's visit. axe-core on the tab. Needs
// `nx build api portal` first:
//   node --test --test-concurrency=1 apps/portal-e2e/src/follow-up.test.mjs
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  apiLogin,
  assess,
  assertAccessible,
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
const NOTE = 'ນາງກັບມາຢູ່ກັບແມ່, ຢາກຮຽນຕັດຫຍິບ.';
const GIVEN = 'ນາງດາວເຮືອງ';

let stack;
let browser;
const fx = {};
const tokenOf = async (username) => (await apiLogin(stack.baseUrl, username)).token;

before(async () => {
  stack = await startStack();
  browser = await launchBrowser();
  const atd = await tokenOf('atd.caseworker');
  const s = await screenAndApprove(stack.baseUrl, atd, await tokenOf('atd.supervisor'), {
    givenNameLo: GIVEN,
    latinNames: ['Daoheuang'],
  });
  fx.caseId = s.caseId;
  await referAccepted(stack.baseUrl, {
    token: atd,
    receiverToken: await tokenOf('molsw.caseworker'),
    caseId: s.caseId,
    agencyCode: 'MOLSW',
    categories: ['IDENTITY', 'CONTACT_LOCATION', 'HEALTH'],
    referral: {
      serviceTypes: ['FAMILY_TRACING'],
      urgency: 'ROUTINE',
      reason: 'ການຕິດຕາມ ແລະ ການເຊື່ອມໂຍງຄືນສູ່ສັງຄົມ',
    },
  });
});

after(async () => {
  await browser?.close();
  await stack?.stop();
});

/** The case page's follow-up tab for `username`, in Lao on a phone. */
async function followUpTab(username) {
  const p = await newPage(browser, PHONE);
  await login(p.page, stack.baseUrl, username, 'lo');
  await p.page.goto(`${stack.baseUrl}/cases/${fx.caseId}`);
  await p.page.getByTestId('tab-follow-up').click();
  await p.page.getByTestId('case-follow-up').waitFor();
  return p;
}

test('MoLSW records a home visit and two reintegration assessments in Lao, and sees the trend go up', async () => {
  const { page, context } = await followUpTab('molsw.caseworker');
  try {
    assert.match(await page.getByTestId('tab-follow-up').innerText(), LAO);
    // the visit
    await recordHomeVisit(page, { note: NOTE, nextDue: daysFromNow(30) });
    const card = await page.getByTestId('fu-visit').innerText();
    assert.match(card, /ຢ້ຽມຢາມເຮືອນ/, 'a home visit, in Lao');
    assert.match(card, /ຈັນທະບູລີ/, 'in Chanthabouly');
    assert.ok(card.includes(NOTE), 'with what happened');
    assert.match(card, /ພໍ່ແມ່ ຫຼື ຜູ້ປົກຄອງ/);

    // a first assessment a month ago, then a better one today
    await assess(page, daysFromNow(-30), { SAFETY: 2, PSYCHOSOCIAL: 1, INCOME: 1, HOUSING: 2, ACCEPTANCE: 2 }, 1);
    await assess(page, daysFromNow(0), { SAFETY: 3, PSYCHOSOCIAL: 3, INCOME: 2, HOUSING: 3, ACCEPTANCE: 3 }, 2);
    const newest = page.getByTestId('fu-trend-row').first();
    for (const level of ['INDIVIDUAL', 'HOUSEHOLD', 'COMMUNITY'])
      assert.equal(await newest.getByTestId(`fu-trend-${level}`).getAttribute('data-direction'), 'UP', level);
    assert.match(await page.getByTestId('fu-trend').innerText(), /ບຸກຄົນ[\s\S]*ຄອບຄົວ[\s\S]*ຊຸມຊົນ/);
    assert.equal(await page.getByTestId('fu-assessment').count(), 2);

    // the page fits the phone
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 390, `no sideways scrolling (${width}px)`);
    await assertAccessible(page, 'follow-up tab');
  } finally {
    await context.close();
  }
});

test("the ATD lead sees MoLSW's visit and the trend on its case", async () => {
  const { page, context } = await followUpTab('atd.caseworker');
  try {
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="fu-visit"]').length === 1, null, {
      timeout: 60_000,
    });
    assert.match(await page.getByTestId('fu-visit').innerText(), /MOLSW/);
    assert.equal(await page.getByTestId('fu-trend-row').count(), 2);
  } finally {
    await context.close();
  }
});
