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
//
// Also printed: the first paint of a cold load (a new browser context: no HTTP cache, no service
// worker, no session; the page's own `first-contentful-paint` entry) on each profile, and, for one
// warm "Slow 3G" load of the case page, the chain of requests it waited for (what started when,
// what answered when, and what came from the service worker), so that sequential round trips show.
// "Cold" case-page runs clear the HTTP cache AND the service worker with its Cache Storage.
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
  const files = [
    ...html.matchAll(/<script[^>]+src="([^"]+)"/g),
    ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g),
  ].map((m) => m[1]);
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
  const s = await screenAndApprove(baseUrl, cw.token, sup.token, {
    givenNameLo: 'ສົມໃຈ',
    familyNameLo: 'ທົດລອງ',
    latinNames: ['Somchai Bench'],
  });
  const c = await api(baseUrl, `/cases/${s.caseId}`, { token: sup.token });
  await api(baseUrl, `/cases/${c.id}/assign`, {
    token: sup.token,
    method: 'POST',
    body: { version: c.version, userId: cw.user.id },
  });
  return c.id;
}

/** The requests of one navigation, in start order, relative to the navigation start (ms). */
function recordChain(page) {
  const rows = [];
  const pending = [];
  let t0 = 0;
  const onDone = (req, failed) => {
    const t = req.timing();
    if (!t || t.startTime <= 0) return;
    const end = t.responseEnd >= 0 ? t.startTime + t.responseEnd : Date.now();
    const url = new URL(req.url());
    const row = {
      what: `${req.method()} ${url.pathname.replace(/[0-9a-f-]{36}/g, ':id')}`,
      start: Math.round(t.startTime - t0),
      end: Math.round(end - t0),
      via: failed ? `failed: ${req.failure()?.errorText ?? ''}` : req.serviceWorker() ? 'sw→net' : 'net',
    };
    rows.push(row);
    if (!failed)
      pending.push(
        req.response().then(
          (r) => {
            if (r?.fromServiceWorker()) row.via = 'sw';
          },
          () => undefined,
        ),
      );
  };
  const finished = (req) => onDone(req, false);
  const failed = (req) => onDone(req, true);
  return {
    start() {
      rows.length = 0;
      t0 = Date.now();
      page.on('requestfinished', finished);
      page.on('requestfailed', failed);
    },
    async stop() {
      page.off('requestfinished', finished);
      page.off('requestfailed', failed);
      await Promise.all(pending);
      return [...rows].sort((a, b) => a.start - b.start);
    },
  };
}

/** The page's first contentful paint (ms after its navigation started), waiting for it. */
async function firstPaint(page) {
  await page.waitForFunction(() => performance.getEntriesByName('first-contentful-paint').length > 0, null, {
    timeout: 120_000,
    polling: 50,
  });
  return page.evaluate(() => Math.round(performance.getEntriesByName('first-contentful-paint')[0].startTime));
}

async function main() {
  const js = initialJs();
  console.log(
    `initial JS: ${js.files} files, ${(js.raw / 1024).toFixed(1)} KiB raw, ${(js.gz / 1024).toFixed(1)} KiB gzip (target < 500 KB gzip)`,
  );
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
      await cdp.send('Network.emulateNetworkConditions', {
        offline: false,
        latency: p.latency,
        downloadThroughput: p.down,
        uploadThroughput: p.up,
      });
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: p.cpu });
      for (const mode of ['cold', 'warm']) {
        const times = [];
        for (let i = 0; i < RUNS; i++) {
          if (mode === 'cold') {
            await cdp.send('Network.clearBrowserCache');
            await cdp.send('Storage.clearDataForOrigin', {
              origin: stack.baseUrl,
              storageTypes: 'service_workers,cache_storage',
            });
          }
          const chain = recordChain(page);
          if (mode === 'warm' && i === RUNS - 1 && p.latency === 2000) chain.start();
          const t0 = Date.now();
          await page.goto(`${stack.baseUrl}/cases/${caseId}`, { waitUntil: 'commit', timeout: 120_000 });
          await page.getByTestId('case-number').waitFor({ timeout: 120_000 });
          times.push(Date.now() - t0);
          const seen = await chain.stop();
          if (seen.length) {
            console.log(
              `  the requests of one warm ${p.name} load (ms after navigation; net = network, sw = service worker's cache, sw→net = fetched by the service worker):`,
            );
            for (const r of seen)
              console.log(
                `    ${String(r.start).padStart(6)} → ${String(r.end).padStart(6)}  ${r.via.padEnd(6)} ${r.what}`,
              );
          }
        }
        const row = {
          profile: p.name,
          mode,
          runs: RUNS,
          medianMs: median(times),
          minMs: Math.min(...times),
          maxMs: Math.max(...times),
        };
        rows.push(row);
        console.log(
          `${p.name}, ${mode} cache: case page shown in ${row.medianMs} ms (median of ${RUNS}; ${row.minMs}–${row.maxMs}) (target < 2,000 ms)`,
        );
      }
    }
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
    await context.close();

    // the first paint of a cold load: a new context each time (no cache, no service worker, no session)
    for (const p of PROFILES) {
      const paints = [];
      for (let i = 0; i < RUNS; i++) {
        const cold = await browser.newContext({ viewport: { width: 390, height: 844 } });
        const cp = await cold.newPage();
        const c = await cold.newCDPSession(cp);
        await c.send('Network.enable');
        await c.send('Network.emulateNetworkConditions', {
          offline: false,
          latency: p.latency,
          downloadThroughput: p.down,
          uploadThroughput: p.up,
        });
        await c.send('Emulation.setCPUThrottlingRate', { rate: p.cpu });
        await cp.goto(`${stack.baseUrl}/cases/${caseId}`, { waitUntil: 'commit', timeout: 120_000 });
        paints.push(await firstPaint(cp));
        await cold.close();
      }
      const row = {
        profile: p.name,
        mode: 'cold, first paint',
        runs: RUNS,
        medianMs: median(paints),
        minMs: Math.min(...paints),
        maxMs: Math.max(...paints),
      };
      rows.push(row);
      console.log(
        `${p.name}, cold load: first paint at ${row.medianMs} ms (median of ${RUNS}; ${row.minMs}–${row.maxMs}) (target < 3,000 ms)`,
      );
    }
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
