// Driver of `cargo xtask bench browser`: opens tests/bench/browser/index.html (as xtask serves it with
// nginx and deploy/nginx.conf) in Debian's Chromium and prints one JSON object with every measurement.
//
// Usage: node tests/bench/browser.mjs --url http://127.0.0.1:PORT/ --app-url http://127.0.0.1:PORT2/
//
// Each measurement gets its own page load, in its own browser context unless it needs the other's cache:
//   1. Aurora cold: a new profile on disk (empty HTTP cache), `#aurora`; then the JS heap after a forced
//      garbage collection (CDP Runtime.getHeapUsage), with the catalogue loaded.
//   2. Aurora warm: a second page in the same profile, `#aurora` again: the HTTP cache is warm. A profile
//      on disk, as a citizen's browser has, because the in-memory cache of a throwaway context does not
//      keep a file the size of a 30k shard.
//   3. MiniSearch: a new context, `#minisearch`; the JS heap likewise.
//   4. Latency: a new context, `#latency`: both systems in one page, the same queries through both.
//   5. The app itself (`--app-url`: the built site with the same catalogue, engine in its Web Worker), in a
//      new profile with a Finnish browser: the citizen app cold, then warm (second page, same profile),
//      and the Oulu widget cold in a profile of its own. Each types the Finnish queries into the page
//      and records the page's long tasks (PerformanceObserver, `longtask`) from navigation start. The
//      widget fetches its catalogue on the first keystroke, so its first query includes the download.
// Output: {"browser", "auroraCold", "auroraWarm", "miniSearch", "latency", "app"}; heap readings are added to
// the cold Aurora and MiniSearch objects as `jsHeapUsedBytes`. Any failure (page error, console error, a
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
  if (argv.length !== 4 || argv[0] !== '--url' || argv[2] !== '--app-url') {
    throw new Error('usage: browser.mjs --url URL --app-url URL');
  }
  return { url: argv[1], appUrl: argv[3] };
}

// Installed before any page script: every long task (> 50 ms) of the page's main thread.
function recordLongTasks() {
  window.benchLongTasks = [];
  const keep = (entries) => {
    for (const entry of entries) window.benchLongTasks.push({ start: entry.startTime, duration: entry.duration });
  };
  window.benchLongTaskObserver = new PerformanceObserver((list) => keep(list.getEntries()));
  window.benchLongTaskObserver.observe({ type: 'longtask', buffered: true });
  // Entries reach the observer a little after their task; reading takes the undelivered ones too.
  window.benchReadLongTasks = () => {
    keep(window.benchLongTaskObserver.takeRecords());
    return window.benchLongTasks;
  };
}

// Types `text` into the situation field as a citizen does (an input event) and resolves with the
// milliseconds until the results are rendered: `#results` goes `aria-busy` while the engine worker
// answers, and back once the answer is on screen.
function typeAndWait(text) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    let sawBusy = false;
    const observer = new MutationObserver(() => {
      const busy = document.querySelector('#results')?.getAttribute('aria-busy');
      if (busy === 'true') sawBusy = true;
      else if (busy === 'false' && sawBusy) {
        observer.disconnect();
        resolve({ ms: performance.now() - started, at: performance.now() });
      }
    });
    observer.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['aria-busy'] });
    setTimeout(() => { observer.disconnect(); reject(new Error(`no answer to "${text}" within 60 s`)); }, 60_000);
    const field = document.querySelector('#situation');
    field.value = text;
    field.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

/** Resource Timing entries of the page and of its workers (the engine worker fetches the catalogue). */
async function resources(page) {
  const read = () => performance.getEntriesByType('resource')
    .map((entry) => ({ path: new URL(entry.name).pathname, transferSize: entry.transferSize }));
  const lists = [await page.evaluate(read)];
  for (const worker of page.workers()) lists.push(await worker.evaluate(read));
  return lists.flat();
}

/**
 * One visit of the app at `path` in `context`: waits until the situation field is there (the citizen
 * app shows it with a verified catalogue, the widget at once), types each of `texts`, and returns timings, long tasks, traffic up to the first result
 * and after the last, and the page's JS heap.
 */
async function visitApp(context, appUrl, path, texts) {
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  await page.addInitScript(recordLongTasks);
  await page.goto(`${appUrl}${path}`);
  await page.locator('#situation').waitFor({ timeout: 120_000 });
  const readyAt = await page.evaluate(() => performance.now());
  const queryMs = [];
  let firstResultAt;
  let atFirstResult;
  for (const text of texts) {
    const { ms, at } = await page.evaluate(typeAndWait, text);
    queryMs.push(ms);
    if (firstResultAt === undefined) {
      firstResultAt = at;
      atFirstResult = await resources(page);
    }
  }
  const longTasks = await page.evaluate(() => window.benchReadLongTasks());
  const atEnd = await resources(page);
  const jsHeapUsed = await jsHeapUsedBytes(page);
  await page.close();
  if (problems.length > 0) throw new Error(`${path}: ${problems.join('; ')}`);
  return { readyAt, firstResultAt, queryMs, longTasks, resources: atFirstResult, resourcesAtEnd: atEnd, jsHeapUsedBytes: jsHeapUsed };
}

/** The app and the widget, each with a fresh profile on disk and a Finnish browser. */
async function measureApp(url, appUrl) {
  const config = await (await fetch(`${url}config.json`)).json();
  const texts = [...new Set(config.queries
    .filter((query) => query.minisearch.lang === 'fi')
    .map((query) => query.minisearch.text))].slice(0, 30);
  const withProfile = async (visits) => {
    const profile = mkdtempSync(join(tmpdir(), 'aurora-bench-app-'));
    try {
      const context = await chromium.launchPersistentContext(profile, { ...LAUNCH_OPTIONS, locale: 'fi-FI' });
      try {
        return await visits(context);
      } finally {
        await context.close();
      }
    } finally {
      rmSync(profile, { recursive: true, force: true });
    }
  };
  const [citizenCold, citizenWarm] = await withProfile(async (context) => [
    await visitApp(context, appUrl, 'index.html', texts),
    await visitApp(context, appUrl, 'index.html', texts),
  ]);
  const widgetCold = await withProfile((context) =>
    visitApp(context, appUrl, 'embed.html#lang=fi&municipality=564', texts));
  return { queries: texts.length, citizenCold, citizenWarm, widgetCold };
}

/** Loads `url#mode` in `page` and returns the page's result, failing on any error the page reports. */
async function measure(page, url, mode) {
  const problems = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  await page.addInitScript(recordLongTasks);
  await page.goto(`${url}index.html#${mode}`);
  const result = await page.evaluate(() => window.benchResult);
  if (result) result.longTasks = await page.evaluate(() => window.benchReadLongTasks());
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
  const { url, appUrl } = parseArgs(process.argv.slice(2));
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

    const app = await measureApp(url, appUrl);

    process.stdout.write(`${JSON.stringify({
      browser: `Chromium ${browser.version()}`,
      auroraCold,
      auroraWarm,
      miniSearch,
      latency,
      app,
    })}\n`);
  } finally {
    await browser.close();
  }
}

await main();
