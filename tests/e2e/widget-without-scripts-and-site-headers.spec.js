// No-script mode and the Aurora site's framing rules: a plain <iframe src=".../embed.html#municipality=564&lang=fi">
// on a page without any script works; the frame checks its fragment itself; only embed.html may be framed by
// other sites (frame-ancestors *), while the citizen app and the municipalities page keep 'self'.
import { test, expect } from './fixtures.js';
import { HOST, STRICT_HOST_CSP, installProbes, expectNoCspViolations, frameOf, startWidget } from './widget-helpers.js';

test('a plain iframe without the loader shows the preset municipality and finds services', async ({ page }) => {
  await installProbes(page);
  const response = await page.goto(`${HOST}iframe.html`);
  expect(response.headers()['content-security-policy']).toBe(STRICT_HOST_CSP);
  await expect(page.locator('script')).toHaveCount(0);
  const widget = page.frameLocator('iframe');
  await startWidget(widget);
  await expect(widget.getByLabel('Kotikuntasi')).toHaveValue('Oulu (564)');
  await expect(widget.locator('.tagline')).toContainText('Oulu');
  await widget.locator('.tile[data-code="KE8"]').click();
  await expect(widget.locator('.service-card').first()).toBeVisible();
  // Nobody to tell its height to: it posts nothing and keeps the height the page gave it.
  expect(await page.evaluate(() => window.__messages)).toEqual([]);
  expect(await page.locator('iframe').evaluate((element) => element.clientHeight)).toBe(700);
  const frame = await frameOf(page.locator('iframe'));
  expect(await frame.evaluate(() => document.documentElement.scrollHeight > window.innerHeight)).toBe(true);
  await expectNoCspViolations(page);
});

test('the frame ignores hostile values in its own fragment', async ({ page }) => {
  await page.goto('/embed.html#lang=en&municipality=..%2Fx&event=%3Cb%3E&accent=red%3Bbackground%3Aurl(x)&font=Comic&radius=99&parent=*');
  await startWidget(page);
  await expect(page.getByLabel('Your municipality')).toHaveValue('');
  await expect(page.locator('.tile[aria-pressed="true"]')).toHaveCount(0);
  const style = await page.evaluate(() => ({
    accent: getComputedStyle(document.documentElement).getPropertyValue('--accent').trim(),
    inline: document.documentElement.getAttribute('style'),
  }));
  expect(style).toEqual({ accent: '#0b5394', inline: null });
});

test('only the widget frame may be framed by other sites', async ({ page }) => {
  const csp = async (path) => (await page.request.get(path)).headers()['content-security-policy'];
  expect(await csp('/')).toContain("frame-ancestors 'self'");
  expect(await csp('/municipalities.html')).toContain("frame-ancestors 'self'");
  const embed = await csp('/embed.html');
  expect(embed).toContain('frame-ancestors *');
  expect(embed).toContain("script-src 'self' 'wasm-unsafe-eval'");
  expect(embed).toContain("style-src 'self'");
});
