// Isolation and privacy of the municipality widget: a script on the host page cannot read the frame's
// document, address or storage; the host page never sees what the citizen types; the only messages the host
// gets are bare numbers (heights) from Aurora's origin; hostile data- options never reach the frame.
import { test, expect } from './fixtures.js';
import { AURORA, HOST, HOST_ORIGIN, installProbes, expectNoCspViolations, frameOf, startWidget } from './widget-helpers.js';

const SECRET = 'Menetin työpaikkani, velkaa 23000 euroa';

test('a script on the host page cannot read the widget, and hears nothing but its height', async ({ page }) => {
  await installProbes(page);
  await page.goto(HOST);
  const widget = page.frameLocator('#widget-oulu iframe');
  await startWidget(widget);
  await widget.getByLabel('Kuvaile tilannettasi omin sanoin').fill(SECRET);
  await expect(widget.locator('.service-card').first()).toBeVisible();

  const attempts = await page.evaluate(() => {
    const iframe = document.querySelector('#widget-oulu iframe');
    const attempt = (read) => {
      try {
        return `read: ${String(read())}`;
      } catch (error) {
        return error.name;
      }
    };
    return {
      contentDocument: iframe.contentDocument === null ? 'null' : 'readable',
      document: attempt(() => iframe.contentWindow.document.body.innerText),
      textarea: attempt(() => iframe.contentWindow.document.querySelector('textarea').value),
      location: attempt(() => iframe.contentWindow.location.href),
      storage: attempt(() => iframe.contentWindow.localStorage.length),
      frames: attempt(() => window.frames[0].document),
    };
  });
  expect(attempts).toEqual({
    contentDocument: 'null',
    document: 'SecurityError',
    textarea: 'SecurityError',
    location: 'SecurityError',
    storage: 'SecurityError',
    frames: 'SecurityError',
  });
  expect(await page.content()).not.toContain('työpaikkani');

  const messages = await page.evaluate(() => window.__messages);
  expect(messages.length, 'the widget reported its height').toBeGreaterThan(0);
  for (const message of messages) {
    expect(message.origin).toBe(AURORA);
    expect(message.type).toBe('number');
  }
  for (const request of page.requests) {
    const sent = `${request.url().split('#')[0]} ${JSON.stringify(request.headers())} ${request.postData() ?? ''}`;
    expect(sent.includes('työpaik') || sent.includes('23000'), `request ${request.url()}`).toBe(false);
    expect(request.method()).toBe('GET');
  }
  await expectNoCspViolations(page);
});

test('hostile data- options never reach the frame', async ({ page }) => {
  await installProbes(page);
  await page.goto(`${HOST}hostile.html`);
  const iframe = page.locator('[data-aurora] iframe');
  // Everything invalid is dropped: the language falls back to the page's, the height to auto.
  expect(await iframe.getAttribute('src')).toBe(`${AURORA}/embed.html#lang=en&parent=${encodeURIComponent(HOST_ORIGIN)}`);
  const widget = page.frameLocator('[data-aurora] iframe');
  await startWidget(widget);
  await expect(widget.getByLabel('Your municipality')).toHaveValue('');
  await expect(widget.locator('.tile[aria-pressed="true"]')).toHaveCount(0);
  const accent = await (await frameOf(iframe)).evaluate(
    () => getComputedStyle(document.documentElement).getPropertyValue('--accent').trim(),
  );
  expect(accent).toBe('#0b5394');
  for (const request of page.requests) {
    expect([HOST_ORIGIN, AURORA]).toContain(new URL(request.url()).origin);
  }
  await expectNoCspViolations(page);
});
