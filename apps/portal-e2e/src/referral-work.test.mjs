// Referrals both agencies work on (issue 14, item 4), in Lao on a phone (390×844): ATD (the sender)
// and LWU (the receiver) exchange a note each way on the referral page, the services-due clock
// shows after acceptance, LWU's supervisor reassigns the worker through the picker, and the
// printed referral is a PDF fetched with the bearer header (nothing personal in any URL). axe-core
// on every page. Needs `nx build api portal` first:
//   node --test --test-concurrency=1 apps/portal-e2e/src/referral-work.test.mjs
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

const GIVEN = 'ນາງແກ້ວ';
const FAMILY = 'ບົວລະພາ';
const LATIN = 'Keo Bualapha';
const PHONE = { width: 390, height: 844 };
const NOTE_ATD = 'ນາງຕ້ອງການທີ່ພັກຄືນນີ້ ບໍ່?';
const NOTE_LWU = 'ຫ້ອງພັກພ້ອມແລ້ວ, ມາຮອດໄດ້ເລີຍ.';

let stack;
let browser;
const fx = {};
const api = (path, options) => apiAt(stack.baseUrl, path, options);
const tokenOf = async (username) => (await apiLogin(stack.baseUrl, username)).token;

before(async () => {
  stack = await startStack();
  browser = await launchBrowser();
  const cw = await tokenOf('atd.caseworker');
  const sup = await tokenOf('atd.supervisor');
  fx.atd = cw;
  const s = await screenAndApprove(stack.baseUrl, cw, sup, {
    givenNameLo: GIVEN,
    familyNameLo: FAMILY,
    latinNames: [LATIN],
    dateOfBirth: '2001-02-03',
  });
  const lwu = (await api('/reference/agencies', { token: cw })).find((a) => a.code === 'LWU');
  await api(`/cases/${s.caseId}/consents`, {
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
  const referral = await api(`/cases/${s.caseId}/referrals`, {
    token: cw,
    method: 'POST',
    body: {
      toAgencyId: lwu.id,
      serviceTypes: ['SHELTER'],
      urgency: 'HIGH',
      reason: 'ທີ່ພັກປອດໄພ',
      categories: ['IDENTITY'],
    },
  });
  fx.referral = await api(`/referrals/${referral.id}/accept`, {
    token: await tokenOf('lwu.caseworker'),
    method: 'POST',
    body: { version: referral.version },
  });
  assert.equal(fx.referral.assignedTo.username, 'lwu.caseworker');
  assert.ok(fx.referral.servicesDueBy, 'acceptance starts the services clock');
});

after(async () => {
  await browser?.close();
  await stack?.stop();
});

/** A phone-sized page in Lao for `username` on the referral, recording every URL it asks for. */
async function referralPage(username) {
  const p = await helperPage(browser, PHONE);
  const urls = [];
  p.page.on('request', (r) => urls.push(r.url()));
  await login(p.page, stack.baseUrl, username, 'lo');
  await p.page.goto(`${stack.baseUrl}/referrals/${fx.referral.id}`);
  await p.page.getByTestId('referral-work').waitFor();
  return { ...p, urls };
}

function assertCleanUrls(urls) {
  const bad = urls.filter((u) => {
    const d = decodeURIComponent(u);
    return (
      /token|bearer|password/i.test(d) ||
      d.includes(GIVEN) ||
      d.includes(FAMILY) ||
      d.includes(LATIN) ||
      d.includes(NOTE_ATD) ||
      d.includes(NOTE_LWU)
    );
  });
  assert.deepEqual(bad, [], 'no token, name or note in URLs');
}

async function writeNote(page, text, expected) {
  await page.getByTestId('note-body').fill(text);
  await page.getByTestId('note-submit').click();
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid="referral-note"]').length === n, expected);
}

async function noteBodies(page) {
  return page.getByTestId('referral-note-body').allInnerTexts();
}

test('ATD and LWU exchange a note each way, and LWU’s supervisor reassigns the worker (Lao, 390×844)', async () => {
  // ATD (sender) writes first
  const atd = await referralPage('atd.caseworker');
  try {
    assert.equal(await atd.page.getAttribute('html', 'lang'), 'lo');
    await atd.page.getByTestId('services-clock').waitFor();
    assert.match(
      await atd.page.getByTestId('services-due').innerText(),
      /ຍັງເຫຼືອ \d+ ຊົ່ວໂມງ/,
      'the services clock in Lao',
    );
    assert.match(await atd.page.getByTestId('referral-notes').innerText(), /ຍັງບໍ່ມີບັນທຶກ/);
    assert.equal(await atd.page.getByTestId('referral-work-notice').count(), 0, 'the notes loaded without an error');
    await writeNote(atd.page, NOTE_ATD, 1);
    assert.deepEqual(await noteBodies(atd.page), [NOTE_ATD]);
    assert.equal(await atd.page.getByTestId('referral-note').first().getAttribute('data-agency'), 'MOPS_ATD');
    assert.match(await atd.page.getByTestId('referral-work').innerText(), LAO);
    await assertAccessible(atd.page, 'referral work panel, ATD note (lo, phone)');
    assert.deepEqual(atd.errors, []);
    assertCleanUrls(atd.urls);
  } finally {
    await atd.context.close();
  }

  // LWU (receiver) reads it and answers
  const lwu = await referralPage('lwu.caseworker');
  try {
    await lwu.page.waitForFunction(() => document.querySelectorAll('[data-testid="referral-note"]').length === 1);
    assert.deepEqual(await noteBodies(lwu.page), [NOTE_ATD]);
    assert.equal(await lwu.page.getByTestId('referral-reassign').count(), 0, 'a caseworker does not reassign');
    await writeNote(lwu.page, NOTE_LWU, 2);
    assert.deepEqual(await noteBodies(lwu.page), [NOTE_ATD, NOTE_LWU]);
    await assertAccessible(lwu.page, 'referral work panel, LWU answer (lo, phone)');
    assert.deepEqual(lwu.errors, []);
    assertCleanUrls(lwu.urls);
  } finally {
    await lwu.context.close();
  }

  // ATD sees the answer
  const back = await referralPage('atd.caseworker');
  try {
    await back.page.waitForFunction(() => document.querySelectorAll('[data-testid="referral-note"]').length === 2);
    assert.deepEqual(await noteBodies(back.page), [NOTE_ATD, NOTE_LWU]);
    assert.deepEqual(
      await back.page.getByTestId('referral-note').evaluateAll((els) => els.map((e) => e.getAttribute('data-agency'))),
      ['MOPS_ATD', 'LWU'],
    );
    assert.equal(await back.page.getByTestId('referral-reassign').count(), 0, 'the sender does not reassign');
    assert.deepEqual(back.errors, []);
  } finally {
    await back.context.close();
  }

  // LWU's supervisor hands the referral to another worker of LWU, and prints it
  const sup = await referralPage('lwu.supervisor');
  try {
    const before = await sup.page.getByTestId('referral-assignee').innerText();
    await sup.page.getByTestId('referral-reassign').click();
    await sup.page.getByTestId('reassign-form').waitFor();
    await sup.page.getByTestId('reassign-assignee').click();
    await sup.page.getByTestId('picker-option-lwu.supervisor').waitFor();
    const options = await sup.page.getByRole('option').allInnerTexts();
    assert.ok(!options.some((o) => /atd\.|molsw\.|lwu\.admin/.test(o)), `only LWU workers: ${options.join(' | ')}`);
    await assertAccessible(sup.page, 'reassign picker (lo, phone)');
    await sup.page.getByTestId('picker-option-lwu.supervisor').click();
    await sup.page.getByRole('listbox').waitFor({ state: 'detached' });
    await sup.page.getByTestId('reassign-submit').click();
    await sup.page.waitForFunction((b) => {
      const t = document.querySelector('[data-testid="referral-assignee"]')?.textContent?.trim();
      return !!t && t !== b.trim();
    }, before);
    await sup.page.getByTestId('referral-work-notice').waitFor();
    assert.match(await sup.page.getByTestId('referral-work-notice').innerText(), /ມອບໝາຍແລ້ວ/);
    const after = await api(`/referrals/${fx.referral.id}`, { token: fx.atd });
    assert.equal(after.assignedTo.username, 'lwu.supervisor');
    assert.ok(after.history.some((h) => h.kind === 'REFERRAL_REASSIGNED'));

    const [download] = await Promise.all([
      sup.page.waitForEvent('download'),
      sup.page.getByTestId('referral-print').click(),
    ]);
    assert.match(download.suggestedFilename(), /^referral-[A-Z]+-\d{4}-\d+\.pdf$/);
    assert.ok(
      readFileSync(await download.path())
        .subarray(0, 5)
        .equals(Buffer.from('%PDF-')),
      'the bytes are the PDF',
    );
    await assertAccessible(sup.page, 'referral page after reassignment (lo, phone)');
    assert.deepEqual(sup.errors, []);
    assertCleanUrls(sup.urls);
  } finally {
    await sup.context.close();
  }
});
