// Shared test set-up: every journey fails on a console error, a page error or a CSP violation, and
// records every request so a test can check that no personal input ever leaves the page.
import { test as base, expect } from '@playwright/test';

export const test = base.extend({
  page: async ({ page }, use) => {
    const problems = [];
    const requests = [];
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('request', (request) => requests.push(request));
    page.requests = requests;
    page.allowConsoleErrors = () => { page.consoleErrorsAllowed = true; };
    await use(page);
    const unexpected = page.consoleErrorsAllowed ? problems.filter((p) => !p.startsWith('console error')) : problems;
    expect(unexpected, 'console and page errors').toEqual([]);
  },
});

/// Every request the page made is a same-origin GET of a static file, and none carries `secrets`.
export function expectRequestsLeakNothing(page, secrets) {
  const origin = new URL(process.env.AURORA_URL).origin;
  for (const request of page.requests) {
    const url = new URL(request.url());
    expect(url.origin, `request to ${request.url()}`).toBe(origin);
    expect(request.method()).toBe('GET');
    expect(url.search, `query string in ${request.url()}`).toBe('');
    const headers = JSON.stringify(request.headers());
    for (const secret of secrets) {
      expect(request.url().includes(secret) || headers.includes(secret) || (request.postData() ?? '').includes(secret),
        `request ${request.url()} carries "${secret}"`).toBe(false);
    }
  }
}

export { expect };
