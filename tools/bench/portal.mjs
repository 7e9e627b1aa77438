// npm run bench:portal [-- --runs 5]
//
// The portal targets (docs/quality.md "Portal"): initial JS < 500 KB gzip; case page interactive
// < 2 s on a throttled slow-3G profile. Starts the real built system on a fresh demo database (the e2e stack),
// opens one case through the API (screening, approval), signs in as the caseworker, then opens the
// case page by URL with the network throttled through Chrome DevTools Protocol, cold (cache
// cleared) and warm (cache kept), and prints the median time from navigation to the case number on
// screen (the page's data loaded and rendered). Two profiles: Chrome DevTools' "Slow 3G" preset
// (2,000 ms round trip, 50 KB/s) and Lighthouse's mobile throttling (150 ms, 1.6 Mbit/s down,
// 750 kbit/s up, CPU 4× slower). No time is asserted: it prints.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { api, apiLogin, launchBrowser, login, root, screenAndApprove } from '../../apps/portal-e2e/src/helpers.mjs';
import { startStack } from '../../apps/portal-e2e/src/stack.mjs';

const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Math.max(1, Number(process.argv[runsArg + 1]) || 5) : 5;

const PROFILES = [
  { name: 'DevTools "Slow 3G"', latency: 2000, down: 50_000, up: 50_000, cpu: 1 },
  { name: 'Lighthouse mobile (RTT 150 ms, 1.6 Mbit/s, CPU 4x)', latency: 150, down: 200_000, up: 93_750, cpu: 4 },
];

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)] ?? NaN;
};

/** The initial JS: the scripts index.html loads, raw and gzip. */
function initialJs() {
  const dir = join(root, 'dist/apps/portal/browser');
  const html = readFileSync(join(dir, 'index.html'), 'utf8');
  const files = [...html.matchAll(/<script[^>]+src="([^"]+)"/g), ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g)].map((m) => m[1]);
  const unique = [...new Set(files)].filter((f) => readdirSync(dir).includes(f));
  let raw = 0;
  let gz = 0;
  for (const f of unique) {
    const b = readFileSync(join(dir, f));
    raw += b.length;
    gz += gzipSync(b, { level: 9 }).length;
  }
  return { files: unique.length, raw, gz };
}

async function openCase(baseUrl) {
  const cw = await apiLogin(baseUrl, 'atd.caseworker');
  const sup = await apiLogin(baseUrl, 'atd.supervisor');
  const s = await screenAndApprove(baseUrl, cw.token, sup.token, { givenNameLo: 'ສົມໃຈ', familyNameLo: 'ທົດລອງ', latinNames: ['Somchai Bench'] });
  const c = await api(baseUrl, `/cases/${s.caseId}`, { token: sup.token });
  await api(baseUrl, `/cases/${c.id}/assign`, { token: sup.token, method: 'POST', body: { version: c.version, userId: cw.user.id } });
  return c.id;
}

async function main() {
  const js = initialJs();
  console.log(`initial JS: ${js.files} files, ${(js.raw / 1024).toFixed(1)} KiB raw, ${(js.gz / 1024).toFixed(1)} KiB gzip (target < 500 KB gzip)`);
  const stack = await startStack();
  const browser = await launchBrowser();
  const rows = [];
  try {
    const caseId = await openCase(stack.baseUrl);
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await login(page, stack.baseUrl, 'atd.caseworker');
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    for (const p of PROFILES) {
      await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: p.latency, downloadThroughput: p.down, uploadThroughput: p.up });
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: p.cpu });
      for (const mode of ['cold', 'warm']) {
        const times = [];
        for (let i = 0; i < RUNS; i++) {
          if (mode === 'cold') await cdp.send('Network.clearBrowserCache');
          const t0 = Date.now();
          await page.goto(`${stack.baseUrl}/cases/${caseId}`, { waitUntil: 'commit', timeout: 120_000 });
          await page.getByTestId('case-number').waitFor({ timeout: 120_000 });
          times.push(Date.now() - t0);
        }
        const row = { profile: p.name, mode, runs: RUNS, medianMs: median(times), minMs: Math.min(...times), maxMs: Math.max(...times) };
        rows.push(row);
        console.log(`${p.name}, ${mode} cache: case page shown in ${row.medianMs} ms (median of ${RUNS}; ${row.minMs}–${row.maxMs}) (target < 2,000 ms)`);
      }
    }
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
    await context.close();
  } finally {
    await browser.close();
    await stack.stop();
  }
  console.log(JSON.stringify({ initialJs: js, rows }, null, 2));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
