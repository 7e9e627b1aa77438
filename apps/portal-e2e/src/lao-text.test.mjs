// Lao mode means Lao: every page a caseworker and a supervisor reach, in Lao, is scanned for words in
// Latin script outside an allow-list (case numbers, the "English" language switch, codes shown as
// codes); any leftover fails the test and is named. Needs `nx build api portal` first.
//   node --test --test-concurrency=1 apps/portal-e2e/src/lao-text.test.mjs
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { apiLogin, launchBrowser, login, newPage, screenAndApprove } from './helpers.mjs';
import { startStack } from './stack.mjs';

/** Latin text that is right in Lao mode: what a code is, the other language's name, the product's own marks. */
const ALLOWED = [
  /^[A-Z]{2}-\d{4}-\d{5}$/, // case numbers
  /^English$/, // the language switch offers English in English
  /^Enter$/, // the key's name on the keyboard
];

let stack;
let browser;
let caseId;

before(async () => {
  stack = await startStack();
  browser = await launchBrowser();
  const cw = await apiLogin(stack.baseUrl, 'atd.caseworker');
  const sup = await apiLogin(stack.baseUrl, 'atd.supervisor');
  const s = await screenAndApprove(stack.baseUrl, cw.token, sup.token, { givenNameLo: 'ທົດສອບ', familyNameLo: 'ພາສາລາວ' });
  caseId = s.caseId;
});

after(async () => {
  await browser?.close();
  await stack?.stop();
});

/** Latin words in the visible text and the accessible names of the page, minus the allowed ones. */
async function latinLeftovers(page) {
  const words = await page.evaluate(() => {
    const out = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || el.closest('script, style, [aria-hidden="true"], .cdk-visually-hidden')) continue;
      const style = getComputedStyle(el);
      if (style.display === 'none' || style.visibility === 'hidden') continue;
      out.push(n.textContent ?? '');
    }
    for (const el of document.querySelectorAll('[aria-label], [placeholder], [title]')) {
      for (const a of ['aria-label', 'placeholder', 'title']) if (el.getAttribute(a)) out.push(el.getAttribute(a));
    }
    return out;
  });
  const tokens = words.flatMap((t) => t.split(/[\s,;:()·/|"“”'’]+/)).filter((w) => /[A-Za-z]/.test(w));
  return [...new Set(tokens.filter((w) => !/^\d/.test(w) && !ALLOWED.some((re) => re.test(w))))];
}

const PAGES = {
  'atd.caseworker': ['/', '/screenings', '/screenings/new', '/cases', `/cases/${'CASE'}`, '/referrals', '/handoffs', '/notifications', '/profile'],
  'atd.supervisor': ['/', '/screenings?status=SUBMITTED', '/cases', '/audit', '/profile'],
};

for (const [user, paths] of Object.entries(PAGES)) {
  test(`every page of ${user} in Lao has no Latin-script leftovers`, async () => {
    const { context, page } = await newPage(browser, { width: 390, height: 844 });
    const found = {};
    try {
      await login(page, stack.baseUrl, user, 'lo');
      for (const raw of paths) {
        const path = raw.replace('CASE', caseId);
        await page.goto(`${stack.baseUrl}${path}`);
        await page.locator('main h1, main [data-testid$="-title"], main .page-title').first().waitFor();
        await page.waitForFunction(() => !document.querySelector('[role="status"]')?.textContent?.match(/ກຳລັງໂຫຼດ/));
        const left = await latinLeftovers(page);
        if (left.length) found[path] = left;
      }
    } finally {
      await context.close();
    }
    assert.deepEqual(found, {}, 'Latin-script words on Lao pages (page → words)');
  });
}
