// Shared test set-up: every journey fails on a console error, a page error or a CSP violation, and
// records every request so a test can check that no personal input ever leaves the page.
// `freshPage` is a second page in its own browser context (like another device), watched the same way.
import { test as base, expect } from '@playwright/test';

/// Records console errors, page errors and requests of `page`; returns the problem list.
function watch(page) {
  const problems = [];
  const requests = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('request', (request) => requests.push(request));
  page.requests = requests;
  page.allowConsoleErrors = () => { page.consoleErrorsAllowed = true; };
  return problems;
}

function expectNoProblems(page, problems) {
  const unexpected = page.consoleErrorsAllowed ? problems.filter((p) => !p.startsWith('console error')) : problems;
  expect(unexpected, 'console and page errors').toEqual([]);
}

export const test = base.extend({
  page: async ({ page }, use) => {
    const problems = watch(page);
    await use(page);
    expectNoProblems(page, problems);
  },
  freshPage: async ({ browser, baseURL }, use) => {
    const context = await browser.newContext({ baseURL });
    const page = await context.newPage();
    const problems = watch(page);
    await use(page);
    expectNoProblems(page, problems);
    await context.close();
  },
});

/// Every request the page made is a same-origin GET of a static file, and none carries `secrets`.
/// The URL fragment is left out: browsers never send it (which is why shared links live there).
export function expectRequestsLeakNothing(page, secrets) {
  const origin = new URL(process.env.AURORA_URL).origin;
  for (const request of page.requests) {
    const url = new URL(request.url());
    const sent = request.url().split('#')[0];
    expect(url.origin, `request to ${request.url()}`).toBe(origin);
    expect(request.method()).toBe('GET');
    expect(url.search, `query string in ${request.url()}`).toBe('');
    const headers = JSON.stringify(request.headers());
    for (const secret of secrets) {
      expect(sent.includes(secret) || headers.includes(secret) || (request.postData() ?? '').includes(secret),
        `request ${request.url()} carries "${secret}"`).toBe(false);
    }
  }
}

/// Everything the page keeps in the browser: web storage (keys and values) and cookies, as one string.
export async function everythingStored(page) {
  const storage = await page.evaluate(() => JSON.stringify({
    local: Object.entries(localStorage),
    session: Object.entries(sessionStorage),
  }));
  const cookies = JSON.stringify(await page.context().cookies());
  const cached = JSON.stringify(await cachedPaths(page));
  const databases = JSON.stringify(await page.evaluate(async () => (await indexedDB.databases()).map((db) => db.name)));
  return `${storage}\n${cookies}\n${cached}\n${databases}`;
}

/// Cache Storage by bucket: the paths of the responses kept (their bodies are public static files).
export function cachedPaths(page) {
  return page.evaluate(async () => {
    const buckets = {};
    for (const name of await caches.keys()) {
      const requests = await (await caches.open(name)).keys();
      buckets[name] = requests.map((request) => new URL(request.url).pathname);
    }
    return buckets;
  });
}

export { expect };
