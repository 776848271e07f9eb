// Measures the first load and a reload of the exam page through a throttled
// link (issue 10, "Fast first load": <= 2.5 s first load, <= 1 s reload on
// 400 kbit/s with 300 ms round trips), with Chromium's own network emulation
// (CDP Network.emulateNetworkConditions). A measurement, not a test: it prints
// figures and fails only when the page does not come up at all.
//
//   TANU_BIN=build/server/tanu node tests/browser/load_time.mjs [kbit/s] [rtt ms]
//
// "after" is the page as the server serves it now (import map, modulepreload,
// compression, validators, the year-long cache for versioned modules).
// "before" emulates the old serving: the page as it is on disk (no import map,
// no modulepreload, unversioned URLs), `Accept-Encoding: identity` and the
// browser cache disabled (the old server had no validators). The old page is
// handed over by the test without the throttled link (route.fulfill), so
// "before" is, if anything, shown faster than it was.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { REPO, CHROMIUM, startServer, log, setUp } from './lib.mjs';

const { work } = setUp('load');
const kbit = Number(process.argv[2] || 400);
const rtt = Number(process.argv[3] || 300);
const server = await startServer(work);
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  headless: false,
  args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--no-first-run', '--disable-sync'],
});

// One load of `/` until the sign-in screen is drawn: { ms, requests, bytes }
// (bytes as they crossed the link, headers included).
async function load(page, cdp, how) {
  let requests = 0;
  let bytes = 0;
  const onFinished = (e) => { bytes += e.encodedDataLength; };
  const onSent = () => { requests += 1; };
  cdp.on('Network.loadingFinished', onFinished);
  cdp.on('Network.requestWillBeSent', onSent);
  const t = Date.now();
  if (how === 'reload') await page.reload({ waitUntil: 'commit' });
  else await page.goto(`${server.url}/`, { waitUntil: 'commit' });
  await page.locator('#screen-login').waitFor({ state: 'visible', timeout: 60000 });
  const ms = Date.now() - t;
  await page.waitForLoadState('networkidle');
  cdp.off('Network.loadingFinished', onFinished);
  cdp.off('Network.requestWillBeSent', onSent);
  return { ms, requests, bytes };
}

async function run(mode) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'kk-KZ' });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  if (mode === 'before') {
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Network.setExtraHTTPHeaders', { headers: { 'Accept-Encoding': 'identity' } });
    const raw = readFileSync(join(REPO, 'web', 'index.html'));
    await page.route(/\/$/, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: raw }));
  }
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false, latency: rtt, downloadThroughput: (kbit * 1000) / 8, uploadThroughput: (kbit * 1000) / 8,
  });
  const first = await load(page, cdp, 'first');
  const again = await load(page, cdp, 'reload');
  await context.close();
  return { first, again };
}

const fmt = (r) => `${(r.ms / 1000).toFixed(2)} s, ${r.requests} requests, ${(r.bytes / 1000).toFixed(1)} kB`;
let code = 0;
try {
  for (const mode of ['before', 'after']) {
    const r = await run(mode);
    log(`${mode.padEnd(6)} ${kbit} kbit/s ${rtt} ms: first load ${fmt(r.first)}; reload ${fmt(r.again)}`);
  }
} catch (e) {
  console.error(e);
  code = 1;
} finally {
  await browser.close();
  server.proc.kill('SIGTERM');
}
process.exit(code);
