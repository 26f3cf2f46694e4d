// Driver of `cargo xtask bench browser`: opens tests/bench/browser/index.html (as xtask serves it with
// nginx and deploy/nginx.conf) in Debian's Chromium and prints one JSON object with every measurement.
//
// Usage: node tests/bench/browser.mjs --url http://127.0.0.1:PORT/
//
// Each measurement gets its own page load, in its own browser context unless it needs the other's cache:
//   1. Aurora cold: a new profile on disk (empty HTTP cache), `#aurora`; then the JS heap after a forced
//      garbage collection (CDP Runtime.getHeapUsage), with the catalogue loaded.
//   2. Aurora warm: a second page in the same profile, `#aurora` again: the HTTP cache is warm. A profile
//      on disk, as a citizen's browser has, because the in-memory cache of a throwaway context does not
//      keep a file the size of a 30k shard.
//   3. MiniSearch: a new context, `#minisearch`; the JS heap likewise.
//   4. Latency: a new context, `#latency`: both systems in one page, the same queries through both.
// Output: {"browser", "auroraCold", "auroraWarm", "miniSearch", "latency"}; heap readings are added to the
// cold Aurora and MiniSearch objects as `jsHeapUsedBytes`. Any failure (page error, console error, a
// result with ok: false) throws and exits non-zero: no numbers from a broken run.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';

// As playwright.config.js: Debian's Chromium, no sandbox in the container, nothing in the background
// that could fetch.
const LAUNCH_OPTIONS = {
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
};

function parseArgs(argv) {
  if (argv.length !== 2 || argv[0] !== '--url') throw new Error('usage: browser.mjs --url URL');
  return { url: argv[1] };
}

/** Loads `url#mode` in `page` and returns the page's result, failing on any error the page reports. */
async function measure(page, url, mode) {
  const problems = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  await page.goto(`${url}index.html#${mode}`);
  const result = await page.evaluate(() => window.benchResult);
  if (problems.length > 0) throw new Error(`#${mode}: ${problems.join('; ')}`);
  if (!result?.ok) throw new Error(`#${mode}: ${result?.error ?? 'no result'}`);
  return result;
}

/** JS heap in use after a full garbage collection; wasm linear memory is not part of it. */
async function jsHeapUsedBytes(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.enable');
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  await cdp.detach();
  return usedSize;
}

async function main() {
  const { url } = parseArgs(process.argv.slice(2));
  const profile = mkdtempSync(join(tmpdir(), 'aurora-bench-'));
  let auroraCold;
  let auroraWarm;
  try {
    const auroraContext = await chromium.launchPersistentContext(profile, LAUNCH_OPTIONS);
    const coldPage = await auroraContext.newPage();
    auroraCold = await measure(coldPage, url, 'aurora');
    auroraCold.jsHeapUsedBytes = await jsHeapUsedBytes(coldPage);
    await coldPage.close();
    auroraWarm = await measure(await auroraContext.newPage(), url, 'aurora');
    await auroraContext.close();
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }

  const browser = await chromium.launch(LAUNCH_OPTIONS);
  try {

    const miniSearchContext = await browser.newContext();
    const miniSearchPage = await miniSearchContext.newPage();
    const miniSearch = await measure(miniSearchPage, url, 'minisearch');
    miniSearch.jsHeapUsedBytes = await jsHeapUsedBytes(miniSearchPage);
    await miniSearchContext.close();

    const latencyContext = await browser.newContext();
    const latency = await measure(await latencyContext.newPage(), url, 'latency');
    await latencyContext.close();

    process.stdout.write(`${JSON.stringify({
      browser: `Chromium ${browser.version()}`,
      auroraCold,
      auroraWarm,
      miniSearch,
      latency,
    })}\n`);
  } finally {
    await browser.close();
  }
}

await main();
